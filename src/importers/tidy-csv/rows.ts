/**
 * One row of the tidy CSV checked and read: the node, level, plan, line or investment key, kind, year and
 * amount (and the line schema, in files with that column), with the writer's formula guard taken off the two
 * text fields. A row that is wrong gives the German message of what was expected; an amount that is no number
 * gives its place and a finding, not a refusal.
 */
import type { Column, ColumnKind, Level, PlanType } from '../../core/model.js';
import { COLUMN_KINDS, LEVELS, PLAN_TYPES } from '../../core/model.js';
import { parsePlainAmount } from '../../core/money.js';
import { SCHEMAS, schemaById, schemaLine, type LineSchema } from '../../core/schema.js';
import { restoreFormulaText } from '../../formats/formula-guard.js';
import { TIDY_HEADER, TIDY_HEADER_WITHOUT_SCHEMA } from '../../formats/tidy-csv.js';

export interface RawCell {
  readonly column: Column;
  readonly cents: number;
  readonly decimals: 0 | 2;
  readonly no: number;
  /** The amount is no number (reported): the cell is left out, its column marked unreadable. */
  readonly unreadable?: true;
}

function isLevel(s: string): s is Level {
  return (LEVELS as readonly string[]).includes(s);
}
function isPlanType(s: string): s is PlanType {
  return (PLAN_TYPES as readonly string[]).includes(s);
}
function isColumnKind(s: string): s is ColumnKind {
  return (COLUMN_KINDS as readonly string[]).includes(s);
}

interface RowPlace {
  readonly code: string;
  readonly level: Level;
  readonly plan: PlanType | 'investitionen';
  readonly key: string;
  /** The line schema the row names, if the file has the `schema` column. */
  readonly schema?: LineSchema;
}

/**
 * Checks one row; returns the German message for what is wrong, the place of an amount that is no number
 * (`unreadable`), or the cell and where it goes.
 */
export function readRow(
  fields: readonly string[],
  width: 7 | 8,
): string | (RowPlace & { cell: RawCell; unreadable?: string }) {
  if (fields.length !== width)
    return `${fields.length} Felder gefunden, erwartet ${width} (${width === 8 ? TIDY_HEADER : TIDY_HEADER_WITHOUT_SCHEMA})`;
  const [guardedCode, level, plan, guardedKey, kind, yearText, amountText, schemaId = ''] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  // the two text fields may carry the writer's formula guard; the others are fixed words and numbers
  const code = restoreFormulaText(guardedCode);
  const key = restoreFormulaText(guardedKey);
  if (code === '') return 'Feld „node“ ist leer (erwartet: der Code der Einheit, z. B. 43.01, oder gesamt)';
  if (!isLevel(level)) return `Ebene „${level}“ unbekannt (erwartet: ${LEVELS.join(', ')})`;
  if (plan !== 'investitionen' && !isPlanType(plan))
    return `Plan „${plan}“ unbekannt (erwartet: ${[...PLAN_TYPES, 'investitionen'].join(', ')})`;
  let schema: LineSchema | undefined;
  if (plan !== 'investitionen' && schemaId !== '') {
    schema = schemaById(schemaId);
    if (!schema || schema.plan !== plan)
      return `Zeilenschema „${schemaId.slice(0, 60)}“ ${schema ? `gehört nicht zum ${plan}` : 'unbekannt'} (erwartet: ${SCHEMAS.filter(
        (s) => s.plan === plan,
      )
        .map((s) => s.id)
        .slice(0, 6)
        .join(', ')}, …)`;
    if (!schemaLine(schema, key)) return `Zeile „${key}“ gibt es in ${schema.title} (${schema.id}) nicht`;
  } else if (plan !== 'investitionen' && !/^\d{2}$/u.test(key))
    return `Zeile „${key}“ ist keine zweistellige Zeilennummer (erwartet z. B. 02)`;
  if (key === '')
    return 'Feld „line“ ist leer (erwartet: Maßnahmennummer oder zweistellige Zeilennummer, z. B. 430125MINT oder 26)';
  if (!isColumnKind(kind)) return `Spaltenart „${kind}“ unbekannt (erwartet: ${COLUMN_KINDS.join(', ')})`;
  if (!/^\d{4}$/u.test(yearText)) return `Jahr „${yearText}“ ist keine Jahreszahl (erwartet z. B. 2026)`;
  const amount = parsePlainAmount(amountText);
  const column = { kind, year: Number(yearText) };
  if (!amount)
    return {
      code,
      level,
      plan,
      key,
      cell: { column, cents: 0, decimals: 0, no: 0, unreadable: true },
      unreadable: `Betrag „${amountText}“ in Spalte amount (${kind} ${yearText}) ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)`,
    };
  return {
    code,
    level,
    plan,
    key,
    ...(schema ? { schema } : {}),
    cell: { column, cents: amount.cents, decimals: amount.decimals, no: 0 },
  };
}
