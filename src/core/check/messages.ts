/**
 * German wording shared by the rules: amounts as printed (`-6.780`, cents only where there are cents; `2.148 T€`
 * where the amounts were printed in thousands), columns, lists of lines and of codes, plans and levels.
 * Everything a finding says to a treasurer is built here or in the rule that found it, never in English.
 */
import type { Column, Level, PlanType } from '../model.js';
import { PLAN_LABEL, columnLabel } from '../model.js';
import { formatEuro, formatThousandsExact, type Cents, type Unit } from '../money.js';

/** An amount with its unit: `-3.069.873 €`, `3,50 €`, `2.148 T€`. */
export function inUnit(cents: Cents, unit: Unit | undefined): string {
  return unit === 'T€' ? `${formatThousandsExact(cents)} T€` : `${formatEuro(cents)} €`;
}

/** "Ansatz 2026", "VE 2026", "Bisher bereitgestellt bis 2025". */
export function describeColumn(column: Column): string {
  return column.kind === 've' ? `VE ${column.year}` : columnLabel(column);
}

export function planName(plan: PlanType | 'investitionen'): string {
  return PLAN_LABEL[plan];
}

/** "a", "a und b", "a, b und c". */
export function joinGerman(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]!}`;
}

/** "Zeile 19", "Zeilen 10 und 17", "Zeilen 26, 27 und 28", "Zeilen 11–16"; a subtracted line as "minus Zeile 30". */
export function describeLines(terms: readonly string[]): string {
  const plain = terms.map((t) => t.replace(/^-/u, ''));
  const subtracted = terms.some((t) => t.startsWith('-'));
  if (subtracted) {
    const parts = terms.map((t) => (t.startsWith('-') ? `minus ${t.slice(1)}` : t));
    return `Zeilen ${parts.join(' ')}`;
  }
  const numbers = plain.map(Number);
  const consecutive = numbers.every((n, i) => !Number.isNaN(n) && (i === 0 || n === numbers[i - 1]! + 1));
  if (plain.length > 3 && consecutive) return `Zeilen ${plain[0]!}–${plain[plain.length - 1]!}`;
  if (plain.length === 1) return `Zeile ${plain[0]!}`;
  return `Zeilen ${joinGerman(plain)}`;
}

const LEVEL_SINGULAR: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalt',
  produktbereich: 'Produktbereich',
  produktgruppe: 'Produktgruppe',
  produkt: 'Produkt',
};
const LEVEL_PLURAL: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalte',
  produktbereich: 'Produktbereiche',
  produktgruppe: 'Produktgruppen',
  produkt: 'Produkte',
};

/**
 * Names a set of nodes: "Produktgruppe 43.01", "der Produktgruppen 43.01 und 43.03", "der 17 Produktbereiche"
 * (codes listed up to six), in the form that follows "Summe".
 */
export function describeNodes(nodes: readonly { readonly code: string; readonly level: Level }[]): string {
  const levels = new Set(nodes.map((n) => n.level));
  const codes = nodes.map((n) => n.code);
  if (levels.size !== 1) {
    return nodes.length <= 6 ? `der Einheiten ${joinGerman(codes)}` : `der ${nodes.length} Einheiten`;
  }
  const level = nodes[0]!.level;
  if (nodes.length === 1) return `von ${LEVEL_SINGULAR[level]} ${codes[0]!}`;
  return nodes.length <= 6
    ? `der ${LEVEL_PLURAL[level]} ${joinGerman(codes)}`
    : `der ${nodes.length} ${LEVEL_PLURAL[level]}`;
}
