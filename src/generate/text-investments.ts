/**
 * The investment table of a generated Produktgruppe: measures above and below the threshold (OBERHALB and
 * UNTERHALB groups), each group's line rows summing its measures, with bisher and gesamt columns.
 */
import { formatGerman, type Cents } from '../core/money.js';
import { INVESTMENT_THRESHOLD, type Amounts, type GeneratedMeasure, type GeneratedNode } from './budget.js';
import { title, type PrintContext } from './print-context.js';
import { INVESTMENT_LINE_LABELS } from './words.js';

export function investments(c: PrintContext, group: GeneratedNode): void {
  if (group.measures.length === 0) return;
  const y = c.year;
  const rows: string[] = [
    [
      'Nr. Bezeichnung',
      `Ergebnis ${y - 2}`,
      `Ansatz ${y - 1}`,
      `Ansatz ${y}`,
      'VE',
      `Planung ${y + 1}`,
      `Planung ${y + 2}`,
      `Planung ${y + 3}`,
      `Bisher planmäßig bereitgestellt bis ${y - 1}`,
      `Planmäßige Gesamt- ausgabe bis einschli. ${y + 3}`,
    ].join('\t'),
  ];
  const row = (label: string, cells: Amounts, bisher: Cents, gesamt: Cents): string =>
    [label, ...[...cells, bisher, gesamt].map((v) => formatGerman(v))].join('\t');
  const above = (m: GeneratedMeasure): boolean => Math.abs(m.gesamt) >= INVESTMENT_THRESHOLD;
  const groups = [
    ['OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)', group.measures.filter(above)],
    ['UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)', group.measures.filter((m) => !above(m))],
  ] as const;
  for (const [heading, measures] of groups) {
    if (measures.length === 0) continue;
    rows.push(`${heading}${'\t'.repeat(9)}`);
    for (const m of measures) rows.push(row(`${m.number} ${m.name}`, m.cells, m.bisher, m.gesamt));
    for (const line of Object.keys(INVESTMENT_LINE_LABELS)) {
      const of = measures.filter((m) => m.line === line);
      if (of.length === 0) continue;
      const cells = of.reduce<Cents[]>(
        (s, m) => s.map((x, i) => x + m.cells[i]!),
        Array<Cents>(of[0]!.cells.length).fill(0),
      );
      rows.push(
        row(
          `${line} ${INVESTMENT_LINE_LABELS[line]!}`,
          cells,
          of.reduce((s, m) => s + m.bisher, 0),
          of.reduce((s, m) => s + m.gesamt, 0),
        ),
      );
    }
  }
  c.w.section(title('Investitionen', group));
  c.w.block(rows);
}
