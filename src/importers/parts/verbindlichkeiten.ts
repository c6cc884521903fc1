/**
 * A table of the voraussichtlicher Stand der Verbindlichkeiten into `Verbindlichkeiten`
 * (src/core/parts/verbindlichkeiten.ts), recognised by content: rows labelled with the Muster's kinds
 * ("Verbindlichkeiten aus Krediten für Investitionen", "… zur Liquiditätssicherung", `data/parts/
 * verbindlichkeiten.json`) and a sum row; columns of a Stand by their date ("31.12.2024", "01.01.2026",
 * "Stand zu Beginn 2026", "Ende 2026"). A Stand on 31 December is the Stand at the start of the next year; the
 * latest Stand is the end of the budget year. Every number is placed or reported.
 */
import type { ImportNote } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import { normaliseLabel } from '../../core/parts/ruecklagen.js';
import {
  isVerbindlichkeitenSum,
  recogniseVerbindlichkeit,
  STAENDE,
  type StandId,
  type Verbindlichkeiten,
  type VerbindlichkeitenRow,
} from '../../core/parts/verbindlichkeiten.js';
import { amountOf, markOf, scaleOf, tableLayout, unplaced, yearsIn, type Rows } from './cells.js';
import type { PartResult } from './ruecklagen.js';

/** Whether a table reads like the overview: kinds of Verbindlichkeiten in its rows and Stände in its header. */
export function looksLikeVerbindlichkeiten(rows: Rows): boolean {
  const text = normaliseLabel(rows.slice(0, 40).flat().join(' '));
  const kinds = rows.filter((r) => r.some((c) => recogniseVerbindlichkeit(c) !== undefined)).length;
  return text.includes('verbindlichkeit') && /stand|01\.01\.|31\.12\./u.test(text) && kinds >= 2;
}

/** The year whose start a header's Stand is (31.12.2025 → 2026), undefined for no Stand. */
function startYear(header: string): number | undefined {
  const t = normaliseLabel(header);
  const y = yearsIn(t).at(-1);
  if (y === undefined) return undefined;
  if (/31\.12\.|ende|schluss/u.test(t)) return y + 1;
  if (/01\.01\.|1\.1\.|beginn|anfang/u.test(t)) return y;
  return undefined;
}

export function readVerbindlichkeiten(rows: Rows, file: string): PartResult<Verbindlichkeiten> {
  const mark = markOf(rows);
  const layout = tableLayout(rows, mark);
  const columns = new Map<number, number>();
  for (const j of layout?.numbers ?? []) {
    const s = startYear(layout!.header[j] ?? '');
    if (s !== undefined) columns.set(j, s);
  }
  if (!layout || columns.size === 0)
    return {
      ok: false,
      line: (layout?.start ?? 1) + 0,
      message:
        'Übersicht der Verbindlichkeiten erkannt, aber keine Spalte mit einem Stichtag gefunden: erwartet Kopfzeilen wie „Stand 31.12.2024“, „01.01.2026“ oder „Ende 2026“',
    };
  const year = Math.max(...columns.values()) - 1;
  const idOf = (start: number): StandId | undefined =>
    start === year + 1 ? 'ende' : start === year ? 'beginn' : start === year - 1 ? 'vorjahr' : undefined;
  const scale = scaleOf(rows);
  const notes: ImportNote[] = [];
  const out: VerbindlichkeitenRow[] = [];
  let sum: VerbindlichkeitenRow | undefined;
  for (let i = layout.start; i < rows.length; i++) {
    const r = rows[i]!;
    const label = layout.texts
      .map((j) => (r[j] ?? '').trim())
      .filter(Boolean)
      .join(' ');
    const amounts: Partial<Record<StandId, PartAmount>> = {};
    for (const j of layout.numbers) {
      const text = (r[j] ?? '').trim();
      if (text === '') continue;
      const source = { file, line: i + 1 };
      const a = amountOf(text, mark, scale, source);
      const start = columns.get(j);
      const id = start === undefined ? undefined : idOf(start);
      if (!a) {
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Verbindlichkeiten, ${label || `Zeile ${i + 1}`}: „${text}“ ist kein Betrag (erwartet z. B. „1.234.567“); ausgelassen`,
          source,
        });
      } else if (id === undefined || amounts[id])
        notes.push(
          unplaced(
            file,
            i + 1,
            text,
            `die Spalte „${layout.header[j] ?? ''}“ ist kein Stand zu Beginn des Vorjahres, zu Beginn oder zum Ende von ${year}`,
          ),
        );
      else if (label === '') notes.push(unplaced(file, i + 1, text, 'die Zeile hat keine Bezeichnung'));
      else amounts[id] = a;
    }
    if (Object.keys(amounts).length === 0) continue;
    const spec = recogniseVerbindlichkeit(label);
    const row: VerbindlichkeitenRow = {
      ...(spec ? { id: spec.id } : {}),
      label,
      amounts,
      source: { file, line: i + 1 },
    };
    if (!spec && isVerbindlichkeitenSum(label) && !sum) sum = row;
    else out.push(row);
  }
  const used = STAENDE.filter((id) => [...out, ...(sum ? [sum] : [])].some((r) => r.amounts[id]));
  const traits = [
    `Übersicht der Verbindlichkeiten ${year}: ${out.length} Arten, Stände ${used.join(', ')}${sum ? ', Summenzeile' : ''}`,
    ...(scale === 1000 ? ['Einheit im Text: T€'] : []),
  ];
  return {
    ok: true,
    part: { year, columns: used, rows: out, ...(sum ? { sum } : {}), source: { file, line: layout.start } },
    notes,
    traits,
  };
}
