/**
 * The `haushalt` command: parses arguments (commander), calls importers, checks, exporters and the generator,
 * prints German messages. Exit codes: 0 fine, 1 `check` found errors, 2 unreadable input or wrong usage.
 * Stack traces only with HAUSHALT_DEBUG=1.
 */
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Help, Option } from 'commander';
import { check } from '../core/check/index.js';
import type { Budget } from '../core/model.js';
import { toTidyCsv } from '../exporters/tidy-csv.js';
import { generateBudget } from '../generate/index.js';
import { importFiles, loadMapping, loadProfile, type ImportOptions } from '../importers/index.js';
import { formatImportError } from '../importers/types.js';
import { exitCodeFor, findingsToJson, renderCheckReport } from '../reports/check-report.js';
import { renderImportReport } from '../reports/import-report.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends Error {}
class InputError extends Error {}

const GERMAN_HEADINGS: readonly (readonly [RegExp, string])[] = [
  [/^Usage:/gmu, 'Aufruf:'],
  [/^Options:/gmu, 'Optionen:'],
  [/^Commands:/gmu, 'Befehle:'],
  [/^Arguments:/gmu, 'Argumente:'],
  [/\(default: /gu, '(Vorgabe: '],
  [/\[options\]/gu, '[optionen]'],
  [/\[command\]/gu, '[befehl]'],
];

function germanHelp(cmd: Command, helper: Help): string {
  let text = Help.prototype.formatHelp.call(helper, cmd, helper);
  for (const [re, de] of GERMAN_HEADINGS) text = text.replace(re, de);
  return text;
}

function commanderMessage(e: CommanderError): string {
  const detail = /'([^']+)'/u.exec(e.message)?.[1];
  switch (e.code) {
    case 'commander.unknownOption':
      return `Unbekannte Option ${detail ?? ''}`.trim();
    case 'commander.unknownCommand':
      return `Unbekannter Befehl ${detail ?? ''} (Befehle: import, check, export, generate)`.trim();
    case 'commander.missingArgument':
      return `Es fehlt das Argument ${detail ?? ''}`.trim();
    case 'commander.missingMandatoryOptionValue':
      return `Es fehlt die Pflichtoption ${detail ?? ''}`.trim();
    case 'commander.optionMissingArgument':
      return `Die Option ${detail ?? ''} braucht einen Wert`.trim();
    case 'commander.invalidArgument':
      return e.message.replace(/^error: /u, 'Ungültiger Wert: ');
    case 'commander.excessArguments':
      return 'Zu viele Argumente';
    default:
      return e.message.replace(/^error: /u, '');
  }
}

interface SourceOptions {
  readonly profile?: string;
  readonly mapping?: string;
}

async function load(files: readonly string[], source: SourceOptions): Promise<Budget> {
  const options: { profile?: ImportOptions['profile']; mapping?: ImportOptions['mapping'] } = {};
  if (source.profile !== undefined) {
    const p = await loadProfile(source.profile);
    if (!p.ok) throw new InputError(formatImportError(p.error));
    options.profile = p.profile;
  }
  if (source.mapping !== undefined) {
    const m = await loadMapping(source.mapping);
    if (!m.ok) throw new InputError(formatImportError(m.error));
    options.mapping = m.mapping;
  }
  // a progress bar for long PDFs, only where a person watches the terminal
  const progress = process.stderr.isTTY
    ? (page: number, pages: number): void => {
        if (pages < 20) return;
        const width = 30;
        const done = Math.round((page / pages) * width);
        process.stderr.write(
          `\rPDF: [${'#'.repeat(done)}${' '.repeat(width - done)}] Seite ${page} von ${pages}`,
        );
        if (page === pages) process.stderr.write('\n');
      }
    : undefined;
  const result = await importFiles(files, { ...options, ...(progress ? { onPdfPage: progress } : {}) });
  if (!result.ok) throw new InputError(result.errors.map(formatImportError).join('\n'));
  return result.budget;
}

async function output(text: string, file: string | undefined, io: Io): Promise<void> {
  if (file === undefined) io.out(text);
  else await writeFile(file, text, 'utf8');
}

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/u.test(value) || Number(value) < 1)
      throw new UsageError(`${name} muss eine positive ganze Zahl sein, nicht „${value}“`);
    return Number(value);
  };
}

function build(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('haushalt');
  const configure = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .configureHelp({ formatHelp: germanHelp })
      .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
      .helpOption('-h, --help', 'Hilfe zu diesem Befehl anzeigen');
  configure(program)
    .description('Haushalt: kommunale Haushaltspläne (NKF) importieren, prüfen und veröffentlichen')
    .version('0.1.0', '-V, --version', 'Version anzeigen')
    .helpCommand('help [befehl]', 'Hilfe zu einem Befehl anzeigen');

  const profileOption = (): Option =>
    new Option(
      '--profile <datei>',
      'Importprofil (JSON) für Tabellen und Kontenexporte, z. B. data/profiles/koeln-open-data.json',
    );
  const mappingOption = (): Option =>
    new Option(
      '--mapping <datei>',
      'Kontenrahmen-Zuordnung der Stadt (CSV) für Kontenexporte; ohne: gängige NRW-Zuordnung',
    );

  configure(program.command('import'))
    .description('Dateien importieren und berichten, was erkannt wurde (Text, Tidy-CSV, Tabellen)')
    .argument('<dateien...>', 'eine oder mehrere Dateien, die zusammen einen Haushalt bilden')
    .option('-o, --output <datei>', 'den Haushalt als JSON in diese Datei schreiben')
    .addOption(profileOption())
    .addOption(mappingOption())
    .action(async (files: string[], opts: { output?: string } & SourceOptions) => {
      const budget = await load(files, opts);
      if (opts.output !== undefined) await writeFile(opts.output, `${JSON.stringify(budget)}\n`, 'utf8');
      io.out(renderImportReport(budget, check(budget)));
    });

  configure(program.command('check'))
    .description(
      'Haushalt prüfen: Summenformeln, Summen über Einheiten, Gesamtplan, Erläuterungen, Investitionen',
    )
    .argument('<dateien...>', 'eine oder mehrere Dateien, die zusammen einen Haushalt bilden')
    .option('--json', 'Befunde als JSON ausgeben ({"findings":[…]})')
    .addOption(profileOption())
    .addOption(mappingOption())
    .action(async (files: string[], opts: { json?: boolean } & SourceOptions) => {
      const budget = await load(files, opts);
      const findings = check(budget);
      io.out(
        opts.json
          ? `${JSON.stringify(findingsToJson(findings), null, 2)}\n`
          : renderCheckReport(budget, findings),
      );
      setExit(exitCodeFor(findings));
    });

  configure(program.command('export'))
    .description('Haushalt in ein anderes Format schreiben')
    .argument('<dateien...>', 'eine oder mehrere Dateien, die zusammen einen Haushalt bilden')
    .addOption(
      new Option('-f, --format <format>', 'Ausgabeformat')
        .choices(['tidy-csv', 'json'])
        .makeOptionMandatory(),
    )
    .option('-o, --output <datei>', 'in diese Datei schreiben statt auf die Standardausgabe')
    .addOption(profileOption())
    .addOption(mappingOption())
    .action(async (files: string[], opts: { format: string; output?: string } & SourceOptions) => {
      const budget = await load(files, opts);
      const text = opts.format === 'json' ? `${JSON.stringify(budget, null, 2)}\n` : toTidyCsv(budget);
      await output(text, opts.output, io);
    });

  configure(program.command('generate'))
    .description(
      'einen synthetischen, in sich stimmigen Haushalt im Textformat erzeugen (für Last- und Laufzeittests)',
    )
    .requiredOption('--products <n>', 'Anzahl der Produkte', positiveInt('--products'))
    .option(
      '--seed <s>',
      'Startwert des Zufallsgenerators (gleicher Wert, gleiche Ausgabe)',
      positiveInt('--seed'),
      1,
    )
    .option('--year <jahr>', 'Haushaltsjahr', positiveInt('--year'), 2026)
    .option('-o, --output <datei>', 'in diese Datei schreiben statt auf die Standardausgabe')
    .action(async (opts: { products: number; seed: number; year: number; output?: string }) => {
      await output(
        generateBudget({ products: opts.products, seed: opts.seed, year: opts.year }),
        opts.output,
        io,
      );
    });

  return program;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = build(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      io.err(`haushalt: ${commanderMessage(e)}\nHilfe: haushalt --help\n`);
      return 2;
    }
    if (e instanceof InputError || e instanceof UsageError) {
      io.err(`haushalt: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'ENOENT' || err.code === 'EISDIR') {
      io.err(`haushalt: Datei kann nicht geschrieben werden: ${err.path ?? ''}\n`);
      return 2;
    }
    io.err(`haushalt: interner Fehler: ${err.message}\n`);
    if (process.env.HAUSHALT_DEBUG === '1') io.err(`${err.stack ?? ''}\n`);
    return 3;
  }
}
