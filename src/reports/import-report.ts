/**
 * What an import recognised, in German: nodes per level, plans, lines, cells, texts; what it skipped; and the
 * reconciliation of every file's amounts per column (read = on plan lines + outside the plans, with reasons).
 */
import type { Finding } from '../core/findings.js';
import { budgetLand, describeLand } from '../core/land.js';
import type { Reconciliation } from '../core/ledger.js';
import type { Budget, Level } from '../core/model.js';
import { columnLabel } from '../core/model.js';
import { formatCount, formatGerman } from '../core/money.js';
import { summarize } from './check-report.js';
import { partsJson, partsLines } from './parts-report.js';

/** The layout traits recognised in one file (as `importFiles` reports them per file). */
export interface FileLayout {
  readonly file: string;
  readonly traits: readonly string[];
}

export interface ImportCounts {
  readonly nodes: Readonly<Record<Level, number>>;
  readonly plans: number;
  readonly lines: number;
  readonly cells: number;
  readonly investmentCells: number;
  readonly measures: number;
  readonly erlaeuterungen: number;
  readonly items: number;
  readonly descriptions: number;
  readonly fields: number;
  readonly kennzahlTables: number;
  readonly kennzahlRows: number;
}

export function countBudget(budget: Budget): ImportCounts {
  const nodes: Record<Level, number> = { haushalt: 0, produktbereich: 0, produktgruppe: 0, produkt: 0 };
  let plans = 0;
  let lines = 0;
  let cells = 0;
  let investmentCells = 0;
  let measures = 0;
  let erlaeuterungen = 0;
  let items = 0;
  let descriptions = 0;
  let fields = 0;
  let kennzahlTables = 0;
  let kennzahlRows = 0;
  for (const n of budget.nodes) {
    nodes[n.level]++;
    plans += n.plans.length;
    for (const p of n.plans) {
      lines += p.lines.length;
      for (const l of p.lines) cells += l.cells.length;
    }
    for (const r of n.investitionen?.rows ?? []) {
      if (r.type === 'group') continue;
      investmentCells += r.cells.length;
      if (r.type === 'measure') measures++;
    }
    erlaeuterungen += n.erlaeuterungen.length;
    for (const e of n.erlaeuterungen) items += e.items.length;
    if (n.beschreibung) {
      descriptions++;
      fields += n.beschreibung.fields.length;
    }
    kennzahlTables += n.kennzahlen.length;
    for (const t of n.kennzahlen) kennzahlRows += t.rows.length;
  }
  return {
    nodes,
    plans,
    lines,
    cells,
    investmentCells,
    measures,
    erlaeuterungen,
    items,
    descriptions,
    fields,
    kennzahlTables,
    kennzahlRows,
  };
}

const n = formatCount;

const euro = (cents: number): string => `${formatGerman(cents, 2)} €`;

function columnName(r: Reconciliation): string {
  return r.column.kind === 've' ? `VE ${r.column.year}` : columnLabel(r.column);
}

const amounts = (count: number): string => `${n(count)} Betr${count === 1 ? 'ag' : 'äge'}`;

/**
 * The reconciliation as text, for a treasurer: per file and column how many amounts were read and their
 * Prüfsumme (every amount as printed, totals included: a control figure, no figure of the budget), which part
 * of it stands on plan lines and which is outside the plans, with each reason.
 */
export function renderReconciliation(rows: readonly Reconciliation[]): string[] {
  if (rows.length === 0) return ['Abgleich der Beträge: keine Beträge gelesen'];
  const out = [
    'Abgleich der Beträge je Datei und Spalte, auf den Cent: jeder gelesene Betrag steht auf einer Planzeile oder',
    'ist mit seinem Grund als außerhalb der Pläne aufgeführt. Die Prüfsumme addiert alle gelesenen Beträge so, wie',
    'sie gedruckt sind, Summenzeilen eingeschlossen: eine Kontrollzahl, kein Ergebnis des Haushalts.',
  ];
  for (const r of rows) {
    const outside = r.outside.reduce((s, o) => s + o.amount, 0);
    const outsideCount = r.outside.reduce((s, o) => s + o.count, 0);
    out.push(
      `  ${r.file}, ${columnName(r)}: ${amounts(r.read.count)} gelesen, Prüfsumme ${euro(r.read.amount)} = ` +
        (outsideCount === 0
          ? `auf Planzeilen ${euro(r.placed.amount)}`
          : `auf Planzeilen ${euro(r.placed.amount)} + außerhalb der Pläne ${euro(outside)} (${amounts(outsideCount)})`) +
        (r.difference === 0
          ? ''
          : `; UNGEKLÄRT ${euro(r.difference)} (ein Fehler von Haushalt, bitte melden)`),
    );
    for (const o of r.outside)
      out.push(
        `    außerhalb der Pläne: ${amounts(o.count)}, ${euro(o.amount)}: ${o.reason}` +
          (o.source ? ` (zuerst ${o.source.file}:${o.source.line})` : ''),
      );
  }
  return out;
}

export function renderImportReport(
  budget: Budget,
  findings: readonly Finding[],
  reconciliation: readonly Reconciliation[] = [],
  layouts: readonly FileLayout[] = [],
): string {
  const c = countBudget(budget);
  const levels = [
    c.nodes.haushalt > 0 ? 'Gesamthaushalt' : '',
    c.nodes.produktbereich > 0
      ? `${n(c.nodes.produktbereich)} Produktbereich${c.nodes.produktbereich === 1 ? '' : 'e'}`
      : '',
    c.nodes.produktgruppe > 0
      ? `${n(c.nodes.produktgruppe)} Produktgruppe${c.nodes.produktgruppe === 1 ? '' : 'n'}`
      : '',
    c.nodes.produkt > 0 ? `${n(c.nodes.produkt)} Produkt${c.nodes.produkt === 1 ? '' : 'e'}` : '',
  ].filter(Boolean);
  const land = describeLand(budget);
  const skipped = budget.notes.filter(
    (x) =>
      x.rule === 'skipped-text' ||
      x.rule === 'skipped-row' ||
      x.rule === 'skipped-sheet' ||
      x.rule === 'unknown-line',
  );
  const unreadable = budget.notes.filter((x) => x.rule === 'unreadable-amount');
  const at = (x: (typeof budget.notes)[number]): string =>
    x.source ? `${x.source.file}:${x.source.line}: ` : '';
  const out = [
    `Import: ${budget.files.join(', ')}`,
    `Erkannt: ${levels.join(', ') || 'keine Einheiten'}`,
    ...(land !== undefined ? [`Land: ${land}`] : []),
    `Pläne: ${n(c.plans)} mit ${n(c.lines)} Zeilen und ${n(c.cells)} Beträgen`,
    `Investitionen: ${n(c.measures)} Maßnahmen, ${n(c.investmentCells)} Beträge`,
    `Erläuterungen: ${n(c.erlaeuterungen)} mit ${n(c.items)} Einzelposten`,
    `Produktbeschreibungen: ${n(c.descriptions)} mit ${n(c.fields)} Feldern; Kennzahlen: ${n(c.kennzahlTables)} Tabellen mit ${n(c.kennzahlRows)} Zeilen`,
    ...partsLines(budget),
    `Übersprungen: ${skipped.length === 0 ? 'nichts' : ''}`,
    ...skipped.map((x) => `  ${at(x)}${x.message}`),
    ...(unreadable.length === 0
      ? []
      : [
          `Nicht lesbar (ausgelassen, als Fehler gemeldet; --strict lehnt den Import ab): ${amounts(unreadable.length)}`,
          ...unreadable.map((x) => `  ${at(x)}${x.message}`),
        ]),
    ...layouts.flatMap((l) => [`Gestaltung erkannt (${l.file}):`, ...l.traits.map((t) => `  ${t}`)]),
    ...renderReconciliation(reconciliation),
    `Prüfung: ${summarize(findings)} (Einzelheiten: haushalt check)`,
  ];
  return `${out.join('\n')}\n`;
}

/** The import report for programs: files, counts, the importer's notes and the check summary. */
export function importReportToJson(
  budget: Budget,
  findings: readonly Finding[],
  reconciliation: readonly Reconciliation[] = [],
  layouts: readonly FileLayout[] = [],
): unknown {
  const by = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  return {
    files: budget.files,
    title: budget.title ?? null,
    year: budget.year ?? null,
    land: budgetLand(budget) ?? null,
    counts: countBudget(budget),
    ...(partsJson(budget) !== undefined ? { parts: partsJson(budget) } : {}),
    notes: budget.notes,
    reconciliation,
    ...(layouts.length > 0 ? { layout: layouts } : {}),
    check: { error: by('error'), warning: by('warning'), rounding: by('rounding'), info: by('info') },
  };
}
