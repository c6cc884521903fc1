/**
 * A table of the Investitionsprogramm into `Investitionsprogramm` (src/core/parts/investitionsprogramm.ts),
 * recognised by content: a header naming the measures and their Gesamtausgabe (`data/parts/
 * investitionsprogramm.json`) with year columns between. The text columns are, in order, the unit (where
 * three are printed: Produkt, Teilplan), the measure's number and its name (one column: the number before the
 * first space); the amount columns are bisher (its year from its header, else the year before the budget
 * year), the budget year (the first plain year), the planning years and the Gesamtausgabe. A table printing
 * Auszahlungen positive is read in the signed view (negated). Every number is placed or reported.
 */
import { columnKey, type Column, type ImportNote } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import {
  PROGRAMM_SPEC,
  type Investitionsprogramm,
  type ProgrammRow,
} from '../../core/parts/investitionsprogramm.js';
import { normaliseLabel } from '../../core/parts/ruecklagen.js';
import { amountOf, hasWord, markOf, scaleOf, tableLayout, unplaced, yearsIn, type Rows } from './cells.js';
import type { PartResult } from './ruecklagen.js';

/** Whether a table is an Investitionsprogramm: its title or header names it, or measures and a Gesamtausgabe. */
export function looksLikeProgramm(rows: Rows): boolean {
  const head = normaliseLabel(rows.slice(0, 4).flat().join(' '));
  return (
    head.includes('investitionsprogramm') ||
    (/massnahme/u.test(head) && /gesamtausgabe|gesamtkosten/u.test(head) && /bisher/u.test(head))
  );
}

function isSum(label: string): boolean {
  const t = normaliseLabel(label);
  return PROGRAMM_SPEC.sum.some((w) => t === w || t.startsWith(w));
}

/** The columns of the amounts: bisher, Ansatz, Planung, Gesamt with their years. */
function amountColumns(
  header: readonly string[],
  numbers: readonly number[],
): Map<number, Column> | undefined {
  const years = numbers.map((j) => yearsIn(header[j] ?? '').at(-1));
  const roles = numbers.map((j) =>
    hasWord(header[j] ?? '', PROGRAMM_SPEC.columns.bisher)
      ? 'bisher'
      : hasWord(header[j] ?? '', PROGRAMM_SPEC.columns.gesamt)
        ? 'gesamt'
        : 'year',
  );
  const plain = numbers
    .map((_, k) => (roles[k] === 'year' ? years[k] : undefined))
    .filter((y): y is number => y !== undefined);
  if (plain.length === 0) return undefined;
  const year = Math.min(...plain);
  const last = Math.max(...plain);
  const out = new Map<number, Column>();
  numbers.forEach((j, k) => {
    const role = roles[k]!;
    const y = years[k];
    if (role === 'bisher') out.set(j, { kind: 'bisher', year: y ?? year - 1 });
    else if (role === 'gesamt') out.set(j, { kind: 'gesamt', year: y ?? last });
    else if (y !== undefined) out.set(j, { kind: y === year ? 'ansatz' : 'planung', year: y });
  });
  return out;
}

export function readProgramm(rows: Rows, file: string): PartResult<Investitionsprogramm> {
  const mark = markOf(rows);
  const layout = tableLayout(rows, mark);
  const columns = layout && amountColumns(layout.header, layout.numbers);
  if (!layout || !columns)
    return {
      ok: false,
      line: (layout?.start ?? 0) + 1,
      message:
        'Investitionsprogramm erkannt, aber keine Jahresspalten gefunden: erwartet eine Kopfzeile mit „bisher“, den Jahren („2026“, „2027“ …) und „Gesamtausgabe“',
    };
  const year = [...columns.values()].find((c) => c.kind === 'ansatz')!.year;
  const scale = scaleOf(rows);
  const notes: ImportNote[] = [];
  const texts = layout.texts.filter((j) => rows.slice(layout.start).some((r) => (r[j] ?? '').trim() !== ''));
  const measures: ProgrammRow[] = [];
  let sum: ProgrammRow | undefined;
  for (let i = layout.start; i < rows.length; i++) {
    const r = rows[i]!;
    const cells = texts.map((j) => (r[j] ?? '').trim());
    const label = cells.filter(Boolean).join(' ');
    let unit: string | undefined;
    let number = '';
    let name = '';
    if (cells.length >= 3)
      [unit, number, name] = [cells[0] || undefined, cells[1]!, cells.slice(2).join(' ')];
    else if (cells.length === 2) [number, name] = [cells[0]!, cells[1]!];
    else [number = '', name = ''] = (cells[0] ?? '').split(/\s+(.*)/u);
    const amounts: Record<string, PartAmount> = {};
    for (const j of layout.numbers) {
      const text = (r[j] ?? '').trim();
      if (text === '') continue;
      const source = { file, line: i + 1 };
      const a = amountOf(text, mark, scale, source);
      const c = columns.get(j);
      if (!a)
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Investitionsprogramm, ${label || `Zeile ${i + 1}`}: „${text}“ ist kein Betrag (erwartet z. B. „-1.234.567“); ausgelassen`,
          source,
        });
      else if (!c)
        notes.push(unplaced(file, i + 1, text, `die Spalte „${layout.header[j] ?? ''}“ nennt kein Jahr`));
      else amounts[columnKey(c)] = a;
    }
    if (Object.keys(amounts).length === 0) continue;
    const source = { file, line: i + 1 };
    if (isSum(label) && !sum) sum = { number: '', name: label, amounts, source };
    else if (number === '') {
      for (const a of Object.values(amounts))
        notes.push(unplaced(file, i + 1, String(a.amount / 100), 'die Zeile nennt keine Maßnahme'));
    } else measures.push({ number, name, ...(unit ? { unit } : {}), amounts, source });
  }
  const all = [...measures, ...(sum ? [sum] : [])].flatMap((m) => Object.values(m.amounts));
  const positive = all.some((a) => a.amount > 0) && !all.some((a) => a.amount < 0);
  const signed = (row: ProgrammRow): ProgrammRow =>
    positive
      ? {
          ...row,
          amounts: Object.fromEntries(
            Object.entries(row.amounts).map(([k, a]) => [k, { ...a, amount: -a.amount }]),
          ),
        }
      : row;
  const order = ['bisher', 'ansatz', 'planung', 'gesamt'];
  const cols = [...columns.values()].sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.year - b.year,
  );
  return {
    ok: true,
    part: {
      year,
      columns: cols,
      rows: measures.map(signed),
      ...(sum ? { sum: signed(sum) } : {}),
      signs: positive ? 'positive' : 'negative',
      source: { file, line: layout.start },
    },
    notes,
    traits: [
      `Investitionsprogramm ${year}: ${measures.length} Maßnahmen, Spalten ${cols.map((c) => `${c.kind} ${c.year}`).join(', ')}${sum ? ', Summenzeile' : ''}`,
      ...(positive ? ['Auszahlungen positiv gedruckt'] : []),
      ...(scale === 1000 ? ['Einheit im Text: T€'] : []),
    ],
  };
}
