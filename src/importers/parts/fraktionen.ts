/**
 * A table of the Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW) into `Fraktionen`
 * (src/core/parts/fraktionen.ts), recognised by its title or header naming Fraktionen: one row per Fraktion,
 * its columns as printed (a year, a kind of Leistung, or a total: "Summe", "Gesamt"), a sum row. Every number
 * is placed or reported.
 */
import type { ImportNote } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import {
  FRAKTIONEN_SPEC,
  type Fraktionen,
  type FraktionenColumn,
  type FraktionenRow,
} from '../../core/parts/fraktionen.js';
import { normaliseLabel } from '../../core/parts/ruecklagen.js';
import { amountOf, hasWord, markOf, scaleOf, tableLayout, yearsIn, type Rows } from './cells.js';
import type { PartResult } from './ruecklagen.js';

/** Whether a table is the overview of the Zuwendungen an die Fraktionen (its title or header names them). */
export function looksLikeFraktionen(rows: Rows): boolean {
  const head = normaliseLabel(rows.slice(0, 4).flat().join(' '));
  return FRAKTIONEN_SPEC.title_words.some((w) => head.includes(w)) && /zuwendung|leistung|zuschu/u.test(head);
}

function isSum(label: string): boolean {
  const t = normaliseLabel(label);
  return FRAKTIONEN_SPEC.sum.some((w) => t === w || t.startsWith(w));
}

export function readFraktionen(rows: Rows, file: string): PartResult<Fraktionen> {
  const mark = markOf(rows);
  const layout = tableLayout(rows, mark);
  if (!layout || layout.numbers.length === 0)
    return {
      ok: false,
      line: 1,
      message:
        'Zuwendungen an die Fraktionen erkannt, aber keine Zeile mit Beträgen gefunden: erwartet eine Kopfzeile und je Fraktion eine Zeile mit mindestens zwei Beträgen',
    };
  const columns: FraktionenColumn[] = layout.numbers.map((j, k) => {
    const label = layout.header[j] || `Spalte ${j + 1}`;
    const year = yearsIn(label).at(-1);
    return {
      id: `c${k + 1}`,
      label,
      ...(year !== undefined ? { year } : {}),
      ...(hasWord(label, FRAKTIONEN_SPEC.sum) ? { total: true as const } : {}),
    };
  });
  const scale = scaleOf(rows);
  const notes: ImportNote[] = [];
  const out: FraktionenRow[] = [];
  let sum: FraktionenRow | undefined;
  for (let i = layout.start; i < rows.length; i++) {
    const r = rows[i]!;
    const name = layout.texts
      .map((j) => (r[j] ?? '').trim())
      .filter(Boolean)
      .join(' ');
    const amounts: Record<string, PartAmount> = {};
    layout.numbers.forEach((j, k) => {
      const text = (r[j] ?? '').trim();
      if (text === '') return;
      const source = { file, line: i + 1 };
      const a = amountOf(text, mark, scale, source);
      if (a) amounts[columns[k]!.id] = a;
      else
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Zuwendungen an die Fraktionen, ${name || `Zeile ${i + 1}`}, Spalte „${columns[k]!.label}“: „${text}“ ist kein Betrag (erwartet z. B. „12.345“); ausgelassen`,
          source,
        });
    });
    if (Object.keys(amounts).length === 0) continue;
    const row: FraktionenRow = { name: name || `Zeile ${i + 1}`, amounts, source: { file, line: i + 1 } };
    if (isSum(name) && !sum) sum = row;
    else out.push(row);
  }
  const years = columns.map((c) => c.year).filter((y): y is number => y !== undefined);
  const year = years.length > 0 ? Math.max(...years) : undefined;
  return {
    ok: true,
    part: {
      ...(year !== undefined ? { year } : {}),
      columns,
      rows: out,
      ...(sum ? { sum } : {}),
      source: { file, line: layout.start },
    },
    notes,
    traits: [
      `Zuwendungen an die Fraktionen: ${out.length} Fraktionen, ${columns.length} Spalten${sum ? ', Summenzeile' : ''}`,
      ...(scale === 1000 ? ['Einheit im Text: T€'] : []),
    ],
  };
}
