/**
 * Table rows of the text format: cells split at tabs (or, in layout-preserving extractions, at runs of two or
 * more spaces), column headers ("Ergebnis 2024", "Ansatz 2026", "VE", "Planung 2027", "Bisher … bis 2025",
 * "Gesamtausgabe bis … 2029") turned into typed columns.
 */
import type { Column, ColumnKind } from '../../core/model.js';

export function splitCells(text: string): string[] {
  const cells = text.includes('\t') ? text.split('\t') : text.trim().split(/\s{2,}/u);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32)) cells[i] = c.trim();
  }
  return cells;
}

/** Drops empty cells at the end of a row (PDF extractions pad rows with tabs). */
export function trimTrailingEmpty(cells: readonly string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}

const YEAR = /(?:19|20)\d{2}/u;

/** Recognises one column header cell; `previous` gives the VE column its year (the Ansatz before it). */
export function parseColumnHeader(cell: string, previous: readonly Column[]): Column | undefined {
  const text = cell.replace(/\s+/gu, ' ').trim();
  const year = YEAR.exec(text)?.[0];
  const y = year === undefined ? undefined : Number(year);
  let kind: ColumnKind | undefined;
  if (/^(?:VE\b|Verpflichtungs-? ?ermächtigung|Verpfl\.?\s?-?\s?Erm)/iu.test(text)) kind = 've';
  else if (/^bisher/iu.test(text)) kind = 'bisher';
  else if (/gesamt-? ?ausgabe|^gesamt/iu.test(text)) kind = 'gesamt';
  else if (/^(?:Ergebnis|Ist|Rechnungsergebnis)\b/iu.test(text)) kind = 'ergebnis';
  else if (/^(?:Ansatz|Haushaltsansatz|Plan)\b(?!ung)/iu.test(text)) kind = 'ansatz';
  else if (/^(?:Planung|Finanzplanung|Plan\s?ung)\b/iu.test(text)) kind = 'planung';
  if (!kind) return undefined;
  if (kind === 've') {
    if (y !== undefined) return { kind, year: y };
    const ansatz = [...previous].reverse().find((c) => c.kind === 'ansatz');
    return ansatz ? { kind, year: ansatz.year } : undefined;
  }
  return y === undefined ? undefined : { kind, year: y };
}

export type HeaderResult =
  | { readonly ok: true; readonly columns: Column[]; readonly labels: string[] }
  | { readonly ok: false; readonly message: string };

/** Parses a table header row: `leading` descriptive cells (Nr., Bezeichnung), then one header per column. */
/** Amounts printed in thousands of euros: read as euros they would be wrong by a factor of 1,000. */
const THOUSANDS = /\bT€|\bTEUR\b|\bTsd\.?\s*(?:€|EUR|Euro)|in\s+Tausend\s+(?:€|EUR|Euro)/iu;

export function parseHeaderRow(cells: readonly string[], leading: number): HeaderResult {
  const thousands = THOUSANDS.exec(cells.join(' '));
  if (thousands) {
    return {
      ok: false,
      message: `Beträge in Tausend Euro („${thousands[0]}“) werden noch nicht gelesen: sie würden als Euro missverstanden (erwartet: Beträge in Euro)`,
    };
  }
  const columns: Column[] = [];
  const labels: string[] = [];
  for (const cell of cells.slice(leading)) {
    if (cell === '') continue;
    const column = parseColumnHeader(cell, columns);
    if (!column) {
      return {
        ok: false,
        message: `Spaltenkopf „${cell}“ nicht erkannt (erwartet z. B. „Ergebnis 2024“, „Ansatz 2026“, „VE“, „Planung 2027“)`,
      };
    }
    columns.push(column);
    labels.push(cell);
  }
  if (columns.length === 0) return { ok: false, message: 'Tabellenkopf ohne Spalten' };
  return { ok: true, columns, labels };
}

/**
 * True for a plan table header: "Nr." / "Nr. Bezeichnung" / "Bezeichnung" / "Ertrags- und Aufwandsarten"
 * followed by column headers.
 */
export function isPlanHeader(cells: readonly string[]): boolean {
  return (
    /^(?:(?:Nr\.?|Zeile|Pos\.?)(?:\s+Bezeichnung)?|Bezeichnung|Position|(?:Ertrags-?\s?und\s?Aufwandsarten|Ein-?\s?und\s?Auszahlungsarten))$/iu.test(
      cells[0] ?? '',
    ) && cells.length >= 3
  );
}
