/**
 * The `haushalt` command: parses arguments (commander), calls importers, checks, exporters and the generator,
 * prints German messages and German help. Exit codes: 0 fine, 1 `check` found errors, 2 unreadable input,
 * unwritable output or wrong usage, 3 an internal error (a bug). Never exits the process itself; stack traces
 * only with HAUSHALT_DEBUG=1.
 *
 * The commands are registered by `file-commands.ts` (import, check, export, render, generate),
 * `server-commands.ts` and `token-commands.ts`; `help.ts` puts commander into German, `load.ts` reads budgets,
 * `output.ts` writes.
 */
import { Command, CommanderError } from 'commander';
import { StoreError } from '../store/api.js';
import { InputError, UsageError } from './errors.js';
import { FILE_COMMANDS, fileCommands } from './file-commands.js';
import { commanderMessage, GERMAN_HELP } from './help.js';
import type { Io } from './output.js';
import { SERVER_COMMANDS, serverCommands } from './server-commands.js';
import { TOKEN_COMMANDS, tokenCommands } from './token-commands.js';

export type { Io } from './output.js';

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const COMMANDS = [...FILE_COMMANDS, ...SERVER_COMMANDS, ...TOKEN_COMMANDS] as const;

/** A commander parser of a whole number of at least `min`; a German usage error for anything else. */
function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/u.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value)))
      throw new UsageError(
        `${name} muss eine ${min === 0 ? 'nicht negative' : 'positive'} ganze Zahl sein, nicht „${value}“`,
      );
    return Number(value);
  };
}

function build(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('haushalt');
  const configure = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .configureHelp(GERMAN_HELP)
      .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
      .helpOption('-h, --help', 'Hilfe zu diesem Befehl anzeigen');
  configure(program)
    .description('Haushalt: kommunale Haushaltspläne (NKF) importieren, prüfen und veröffentlichen')
    .version('0.1.0', '-V, --version', 'Version anzeigen')
    .helpCommand('help [befehl]', 'Hilfe zu einem Befehl anzeigen');

  fileCommands(program, configure, io, setExit, wholeNumber);
  serverCommands(program, configure, io, wholeNumber);
  tokenCommands(program, configure, io, wholeNumber);

  return program;
}

/**
 * A reader that stops early (`haushalt export … | head`) closes the pipe: the rest of the output is dropped
 * quietly instead of an 'error' event crashing the process with a stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return;
      if (stream === process.stdout)
        process.stderr.write(`haushalt: Ausgabe fehlgeschlagen (${e.code ?? e.message})\n`);
      process.exitCode = 2;
    });
  }
}

/** Runs the command line (`argv` as in `process.argv`); returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) quietOnClosedPipe();
  let code = 0;
  const program = build(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return 0;
      const command = argv.slice(2).find((a) => (COMMANDS as readonly string[]).includes(a));
      io.err(
        `haushalt: ${commanderMessage(e, COMMANDS)}\nHilfe: haushalt ${command ? `${command} ` : ''}--help\n`,
      );
      return 2;
    }
    if (e instanceof InputError || e instanceof UsageError || e instanceof StoreError) {
      io.err(`haushalt: ${e.message}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.err(
      `haushalt: interner Fehler: ${err.message}\n` +
        (process.env.HAUSHALT_DEBUG === '1'
          ? `${err.stack ?? ''}\n`
          : 'Bitte melden; HAUSHALT_DEBUG=1 zeigt die Einzelheiten.\n'),
    );
    return 3;
  }
}
