/**
 * The `haushalt` command: parses arguments (commander), calls importers, checks, exporters and the generator,
 * prints German messages and German help. Exit codes: 0 fine, 1 `check` found errors, 2 unreadable input,
 * unwritable output or wrong usage, 3 an internal error (a bug). Never exits the process itself; stack traces
 * only with HAUSHALT_DEBUG=1.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Help, Option } from 'commander';
import { check } from '../core/check/index.js';
import type { Budget } from '../core/model.js';
import { EXPORT_FORMATS, exportBudget, type ExportFormat, type ExportOutput } from '../exporters/index.js';
import { generateBudget } from '../generate/index.js';
import {
  importFiles,
  layoutsOf,
  loadMapping,
  loadProfile,
  type FileLayout,
  type ImportOptions,
} from '../importers/index.js';
import type { Reconciliation } from '../core/ledger.js';
import { formatImportError } from '../importers/types.js';
import { StoreError } from '../store/api.js';
import { InputError, UsageError } from './errors.js';
import { SERVER_COMMANDS, serverCommands } from './server-commands.js';
import { TOKEN_COMMANDS, tokenCommands } from './token-commands.js';
import { exitCodeFor, findingsToJson, renderCheckReport } from '../reports/check-report.js';
import { importReportToJson, renderImportReport } from '../reports/import-report.js';
import { formatCount } from '../core/money.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const COMMANDS = [
  'import',
  'check',
  'export',
  'render',
  'generate',
  ...SERVER_COMMANDS,
  ...TOKEN_COMMANDS,
] as const;

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'Aufruf:',
  'Options:': 'Optionen:',
  'Commands:': 'Befehle:',
  'Arguments:': 'Argumente:',
  'Global Options:': 'Globale Optionen:',
};

function germanPlaceholders(usage: string): string {
  return usage.replace(/\[options\]/gu, '[optionen]').replace(/\[command\]/gu, '[befehl]');
}

/** Commander's help with German headings, placeholders and option details (widths computed on the German). */
const GERMAN_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage(this: Help, cmd: Command): string {
    return germanPlaceholders(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command): string {
    return germanPlaceholders(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`Auswahl: ${option.argChoices.join(', ')}`);
    if (option.defaultValue !== undefined && (option.required || option.optional))
      extra.push(`Vorgabe: ${option.defaultValueDescription ?? String(option.defaultValue as unknown)}`);
    return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
  },
};

/** Commander's English error messages in German. */
function commanderMessage(e: CommanderError): string {
  const quoted = [...e.message.matchAll(/'([^']+)'/gu)].map((m) => m[1]!);
  const suggestion = /Did you mean (\S+?)\?/u.exec(e.message)?.[1];
  const hint = suggestion ? ` (meinten Sie ${suggestion}?)` : '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `Unbekannte Option ${quoted[0] ?? ''}${hint}`;
    case 'commander.unknownCommand':
      return `Unbekannter Befehl ${quoted[0] ?? ''}${hint} (Befehle: ${COMMANDS.join(', ')})`;
    case 'commander.missingArgument':
      return `Es fehlt das Argument <${quoted[0] ?? ''}>`;
    case 'commander.missingMandatoryOptionValue':
      return `Es fehlt die Pflichtoption ${quoted[0] ?? ''}`;
    case 'commander.optionMissingArgument':
      return `Die Option ${quoted[0] ?? ''} braucht einen Wert`;
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.*)\.$/u.exec(e.message)?.[1];
      return choices
        ? `Ungültiger Wert „${quoted[1] ?? ''}“ für ${quoted[0] ?? ''} (erlaubt: ${choices})`
        : `Ungültiger Wert „${quoted[1] ?? ''}“ für ${quoted[0] ?? ''}`;
    }
    case 'commander.excessArguments':
      return 'Zu viele Argumente';
    default:
      return e.message.replace(/^error: /u, '');
  }
}

interface SourceOptions {
  readonly profile?: string;
  readonly mapping?: string;
  readonly strict?: boolean;
}

/** A budget read from files, with the reconciliation of their amounts. */
interface Loaded {
  readonly budget: Budget;
  readonly reconciliation: readonly Reconciliation[];
  /** The layout traits recognised per file (where a file is not laid out like the reference's plan text). */
  readonly layouts: readonly FileLayout[];
}

/** A progress bar on standard error for imports of many rows (from 50,000 on), redrawn at most 20 times. */
function progressBar(): (done: number, total: number, what: string) => void {
  let shown = -1;
  return (done, total, what) => {
    if (total < 50_000) return;
    const step = Math.floor((done / total) * 20);
    if (step === shown && done < total) return;
    shown = step;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r${what}: [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${formatCount(done)} von ${formatCount(total)}`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

async function loadWithReconciliation(files: readonly string[], source: SourceOptions): Promise<Loaded> {
  const options: {
    profile?: ImportOptions['profile'];
    mapping?: ImportOptions['mapping'];
    strict?: boolean;
  } = source.strict ? { strict: true } : {};
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
  // and for long tables with many rows (Bonn's SAP export: 414,000 rows)
  const rowProgress = process.stderr.isTTY ? progressBar() : undefined;
  const result = await importFiles(files, {
    ...options,
    ...(progress ? { onPdfPage: progress } : {}),
    ...(rowProgress ? { onProgress: rowProgress } : {}),
  });
  if (!result.ok) throw new InputError(result.errors.map(formatImportError).join('\n'));
  return { budget: result.budget, reconciliation: result.reconciliation, layouts: layoutsOf(result.ledger) };
}

async function load(files: readonly string[], source: SourceOptions): Promise<Budget> {
  return (await loadWithReconciliation(files, source)).budget;
}

/** Writes an output file; a German message when that is not possible. */
async function writeOutput(file: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'das Verzeichnis gibt es nicht'
        : code === 'EISDIR'
          ? 'das ist ein Verzeichnis'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'keine Schreibberechtigung'
            : (code ?? 'unbekannter Grund');
    throw new InputError(`${file}: Datei kann nicht geschrieben werden (${why})`);
  }
}

async function output(text: string, file: string | undefined, io: Io): Promise<void> {
  if (file === undefined) io.out(text);
  else await writeOutput(file, text);
}

/** Writes an export: text to the file or standard output, bytes to a file, a package into a directory. */
async function writeExport(result: ExportOutput, format: string, target: string | undefined, io: Io) {
  if (result.type === 'text') return output(result.text, target, io);
  if (target === undefined)
    throw new UsageError(
      `--format ${format} braucht -o <${result.type === 'bytes' ? 'datei' : 'verzeichnis'}>`,
    );
  if (result.type === 'bytes') return writeOutput(target, result.bytes);
  await mkdir(target, { recursive: true }).catch(() => {
    throw new InputError(`${target}: Verzeichnis kann nicht angelegt werden`);
  });
  for (const [name, text] of result.files) await writeOutput(path.join(target, name), text);
}

/** The import report for programs: what was recognised, every import note, the check summary. */
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

  const files = (cmd: Command): Command =>
    cmd.argument(
      '<dateien...>',
      'eine oder mehrere Dateien (Text, Tidy-CSV, CSV, XLSX, PDF, auch .gz) oder Ordner mit datapackage.json, die zusammen einen Haushalt bilden',
    );
  const sourceOptions = (cmd: Command): Command =>
    cmd
      .addOption(
        new Option(
          '--profile <datei>',
          'Importprofil (JSON) für Tabellen, lange Tabellen und Kontenexporte, z. B. data/profiles/koeln-open-data.json',
        ),
      )
      .addOption(
        new Option(
          '--mapping <datei>',
          'Kontenrahmen-Zuordnung der Stadt (CSV) für Kontenexporte; ohne: gängige NRW-Zuordnung',
        ),
      )
      .addOption(
        new Option(
          '--strict',
          'unlesbare Beträge nicht auslassen und melden, sondern den Import ablehnen (für automatische Abläufe)',
        ),
      );

  sourceOptions(
    files(configure(program.command('import')))
      .description(
        'Dateien importieren und berichten, was erkannt wurde, mit der Zusammenfassung der Prüfung',
      )
      .option('-o, --output <datei>', 'den Haushalt als JSON in diese Datei schreiben')
      .option('--json', 'den Bericht als JSON ausgeben (Anzahlen, Hinweise des Imports, Prüfsummen)'),
  ).action(async (paths: string[], opts: { output?: string; json?: boolean } & SourceOptions) => {
    const { budget, reconciliation, layouts } = await loadWithReconciliation(paths, opts);
    const findings = check(budget);
    if (opts.output !== undefined) await writeOutput(opts.output, `${JSON.stringify(budget)}\n`);
    io.out(
      opts.json
        ? `${JSON.stringify(importReportToJson(budget, findings, reconciliation, layouts), null, 2)}\n`
        : renderImportReport(budget, findings, reconciliation, layouts),
    );
  });

  sourceOptions(
    files(configure(program.command('check')))
      .description(
        'Haushalt prüfen: Summenformeln, Summen über Einheiten, Gesamtplan, Erläuterungen, Investitionen ' +
          '(Exit-Code 1 bei Fehlern)',
      )
      .option('--json', 'Befunde als JSON ausgeben ({"findings":[…]})'),
  ).action(async (paths: string[], opts: { json?: boolean } & SourceOptions) => {
    const budget = await load(paths, opts);
    const findings = check(budget);
    io.out(
      opts.json
        ? `${JSON.stringify(findingsToJson(findings), null, 2)}\n`
        : renderCheckReport(budget, findings),
    );
    setExit(exitCodeFor(findings));
  });

  sourceOptions(
    files(configure(program.command('export')))
      .description(
        'Haushalt als offene Daten schreiben: tidy-csv (eine Zeile je Betrag), csv (für deutsches Excel), ' +
          'xlsx (formatierte Tabellen), json (mit Schema), fdp (Fiscal Data Package, Verzeichnis)',
      )
      .addOption(
        new Option('-f, --format <format>', 'Ausgabeformat').choices(EXPORT_FORMATS).makeOptionMandatory(),
      )
      .option(
        '-o, --output <datei>',
        'in diese Datei (fdp: dieses Verzeichnis) schreiben statt auf die Standardausgabe',
      ),
  ).action(async (paths: string[], opts: { format: ExportFormat; output?: string } & SourceOptions) => {
    const budget = await load(paths, opts);
    await writeExport(await exportBudget(budget, opts.format), opts.format, opts.output, io);
  });

  sourceOptions(
    files(configure(program.command('render')))
      .description('den Haushaltsplan als Buch ausgeben: HTML-Seite oder PDF (mit Chromium gedruckt)')
      .option('--html <verzeichnis>', 'index.html und book.css in dieses Verzeichnis schreiben')
      .option('--pdf <datei>', 'das Buch als PDF in diese Datei schreiben'),
  ).action(async (paths: string[], opts: { html?: string; pdf?: string } & SourceOptions) => {
    if ((opts.html === undefined) === (opts.pdf === undefined))
      throw new UsageError('Bitte genau eines angeben: --html <verzeichnis> oder --pdf <datei>');
    const budget = await load(paths, opts);
    // Chromium's driver and pdf.js load only for this command (together about two seconds of every start)
    const { renderBookPdf, writeBookHtml } = await import('../publish/pdf.js');
    if (opts.html !== undefined) {
      const dir = opts.html;
      await mkdir(dir, { recursive: true }).catch(() => undefined);
      await writeBookHtml(budget, dir).catch((e: unknown) => {
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        throw new InputError(`${dir}: Verzeichnis kann nicht beschrieben werden (${code})`);
      });
      io.out(`Buch geschrieben: ${dir}/index.html\n`);
    } else {
      await writeOutput(opts.pdf!, ''); // a German message now rather than after printing
      const report = await renderBookPdf(budget, opts.pdf!);
      io.out(`Buch geschrieben: ${opts.pdf!} (${report.pages} Seiten)\n`);
    }
  });

  configure(program.command('generate'))
    .description(
      'einen synthetischen, in sich stimmigen Haushalt im Textformat erzeugen (für Last- und Laufzeittests)',
    )
    .requiredOption('--products <n>', 'Anzahl der Produkte', wholeNumber('--products', 1))
    .option(
      '--seed <s>',
      'Startwert des Zufallsgenerators; gleicher Startwert, gleiche Ausgabe',
      wholeNumber('--seed', 0),
      1,
    )
    .option('--year <jahr>', 'Haushaltsjahr', wholeNumber('--year', 1), 2026)
    .option('-o, --output <datei>', 'in diese Datei schreiben statt auf die Standardausgabe')
    .action(async (opts: { products: number; seed: number; year: number; output?: string }) => {
      await output(
        generateBudget({ products: opts.products, seed: opts.seed, year: opts.year }),
        opts.output,
        io,
      );
    });

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
      io.err(`haushalt: ${commanderMessage(e)}\nHilfe: haushalt ${command ? `${command} ` : ''}--help\n`);
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
