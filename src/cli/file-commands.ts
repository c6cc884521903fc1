/**
 * The commands over budget files: `import` (what was recognised, with the check's summary), `check` (exit code
 * 1 on errors), `export` (open data formats), `render` (the book as HTML or PDF) and `generate` (a synthetic
 * budget as plan text). Registered on the program by `main.ts`.
 */
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { check } from '../core/check/index.js';
import { EXPORT_FORMATS, exportBudget, type ExportFormat } from '../exporters/index.js';
import { generateBudget } from '../generate/index.js';
import { exitCodeFor, findingsToJson, renderCheckReport } from '../reports/check-report.js';
import { importReportToJson, renderImportReport } from '../reports/import-report.js';
import { InputError, UsageError } from './errors.js';
import { files, load, loadWithReconciliation, sourceOptions, type SourceOptions } from './load.js';
import { output, writeExport, writeOutput, type Io } from './output.js';
import type { Configure, WholeNumber } from './store-io.js';

export const FILE_COMMANDS = ['import', 'check', 'export', 'render', 'generate'] as const;

/** Registers the commands over files; `setExit` sets the exit code (`check`). */
export function fileCommands(
  program: Command,
  configure: Configure,
  io: Io,
  setExit: (code: number) => void,
  wholeNumber: WholeNumber,
): void {
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
}
