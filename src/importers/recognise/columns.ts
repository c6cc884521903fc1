/**
 * A column's header as plans print it, in one cell ("Ansatz 2026", "Ergebnis 2024 (€)", "VE", "bisher
 * bereitgestellt bis 2025", "Gesamtausgabe bis 2029") or stacked over several header rows (a group row
 * "Finanzplanung", the kind "Planung", the year "2027", the unit "T€"): the column's kind, year and unit.
 */
import type { Column, ColumnKind } from '../../core/model.js';
import { joinWrapped } from './wrap.js';
import type { Scale } from './amounts.js';

const YEAR = /(?:19|20)\d{2}/u;

/** The kind a header text names at its start. */
function kindOf(text: string): ColumnKind | undefined {
  if (/^(?:VE\b|Verpflichtungs-? ?ermächtigung|Verpfl\.?\s?-?\s?Erm)/iu.test(text)) return 've';
  if (/^bisher/iu.test(text)) return 'bisher';
  if (/gesamt-? ?ausgabe|^gesamt/iu.test(text)) return 'gesamt';
  if (/^(?:Ergebnis|Ist|Rechnungsergebnis)\b/iu.test(text)) return 'ergebnis';
  if (/^(?:Ansatz|Haushaltsansatz|Plan)\b(?!ung)/iu.test(text)) return 'ansatz';
  if (/^(?:Planung|Finanzplanung|Plan\s?ung)\b/iu.test(text)) return 'planung';
  return undefined;
}

/** Recognises one column header cell; `previous` gives the VE column its year (the Ansatz before it). */
export function parseColumnHeader(cell: string, previous: readonly Column[]): Column | undefined {
  let text = cell.replace(/\s+/gu, ' ').trim();
  // the year before the kind ("2027 Planung")
  const before = /^((?:19|20)\d{2})\s+(\D.*)$/u.exec(text);
  if (before && kindOf(before[2]!) !== undefined) text = `${before[2]!} ${before[1]!}`;
  const year = YEAR.exec(text)?.[0];
  const y = year === undefined ? undefined : Number(year);
  const kind = kindOf(text);
  if (!kind) return undefined;
  if (kind === 've') {
    if (y !== undefined) return { kind, year: y };
    const ansatz = [...previous].reverse().find((c) => c.kind === 'ansatz');
    return ansatz ? { kind, year: ansatz.year } : undefined;
  }
  return y === undefined ? undefined : { kind, year: y };
}

/** Amounts printed in thousands of euros. */
export const THOUSANDS =
  /\bT€|\bTEUR\b|\bTsd\.?\s*(?:€|EUR|Euro)|\bin\s+Tausend\s+(?:€|EUR|Euro)|\bTausend\s+(?:€|EUR|Euro)/iu;

/** A unit in a header: the thousands above, or euros ("EUR", "€", "in €", "(€)", "in Euro"). */
const UNIT =
  /\(\s*(?:in\s+)?(?:T€|TEUR|Tsd\.?\s*(?:€|EUR|Euro)|€|EUR|Euro)\s*\)|\bin\s+(?:Tausend\s+)?(?:€|EUR|Euro)\b|(?:\bin\s+)?€|\bT€|\bTEUR\b|\bTsd\.?\s*(?:€|EUR|Euro)|\bTausend\s+(?:€|EUR|Euro)|\bEUR\b|\bEuro\b/giu;

/** Every unit `UNIT` knows has a `€` or an `EUR` (`EUR`, `Euro`, `TEUR`, `Tsd. €`, `Tausend Euro`). */
const MAY_NAME_UNIT = /€|eur/i;

/** The unit a text names, if any. */
export function unitOf(text: string): Scale | undefined {
  // most cells name none: a cheap test first (the two patterns below were a tenth of a plan text's import)
  if (!MAY_NAME_UNIT.test(text)) return undefined;
  if (THOUSANDS.test(text)) return 1000;
  UNIT.lastIndex = 0;
  return UNIT.test(text) ? 1 : undefined;
}

/** The text without its unit. */
export function withoutUnit(text: string): string {
  return text.replace(UNIT, ' ').replace(/\s+/gu, ' ').trim();
}

export interface ColumnHead {
  readonly column: Column;
  /** The unit named over the column, if any. */
  readonly scale?: Scale;
  /** The header's text as printed (its parts joined). */
  readonly text: string;
}

/**
 * A column from the parts of its header, top to bottom (one part per header row). The kind is the lowest
 * part that names one (a group row above, "Finanzplanung" over "Planung", never overrules the kind row), the
 * year the one printed with or under the kind (else above it), the unit any part's.
 */
export function readColumnHead(
  parts: readonly string[],
  previous: readonly Column[],
): ColumnHead | undefined {
  let scale: Scale | undefined;
  const clean: string[] = [];
  for (const p of parts) {
    const u = unitOf(p);
    if (u !== undefined) scale = scale === 1000 ? 1000 : u;
    const rest = u === undefined ? p.trim() : withoutUnit(p);
    if (rest !== '') clean.push(rest);
  }
  const text = parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
  // the lowest part that starts a header, read with the parts under it (wrapped words, the year)
  for (let i = clean.length - 1; i >= 0; i--) {
    const from = clean.slice(i).reduce(joinWrapped, '');
    const column = parseColumnHeader(from, previous);
    if (column) return { column, ...(scale !== undefined ? { scale } : {}), text };
    if (kindOf(clean[i]!) !== undefined) {
      // a kind without a year under it: the year printed above it ("Haushaltsjahr 2026" over "Ansatz")
      const above = clean.slice(0, i).join(' ');
      const year = YEAR.exec(above)?.[0];
      const withYear = year === undefined ? undefined : parseColumnHeader(`${from} ${year}`, previous);
      return withYear ? { column: withYear, ...(scale !== undefined ? { scale } : {}), text } : undefined;
    }
  }
  return undefined;
}
