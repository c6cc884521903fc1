/**
 * The cells of a plan row before its amounts, for every container: the line number in any style (`01`, `1.`,
 * `1`, `Zeile 1`, decimal `1.5` as Sachsen's Muster numbers the parts of a sum, or none), an operator (`+`, `-`,
 * `=`, `./.`, `+/-`: an operator column, or the operator in front of the label) and the label. The operator is
 * read as an operator, never as part of the label, and the number is normalised to the schema's two digits (a
 * decimal number stays as printed: `1.5`).
 */

export type NumberStyle = '01' | '1.' | '1' | 'Zeile 1' | '1.1';

export interface Lead {
  /** Two digits, as the schemas number lines ("01".."41"); absent for a row printed without a number. */
  readonly line?: string;
  readonly style?: NumberStyle;
  readonly operator?: string;
  readonly label: string;
}

const OPERATOR = /^(?:\+\s*\/\s*-|\.\/\.|[-+=–±])$/u;
const NUMBER = /^(Zeile\s+|Nr\.\s*)?(\d{1,2})(\.)?$/iu;
/** The number (and an operator) in front of the label in one cell: "01 Steuern", "1. Steuern", "02 - Zuwendungen", "Zeile 1 Steuern". */
const NUMBER_IN_CELL =
  /^(Zeile\s+|Nr\.\s*)?(\d{1,2})(\.)?(?:\s*(?:[-–=:]|\+\s*\/\s*-|\+|\.\/\.))?\s+(\D.*)$/iu;
const OPERATOR_IN_CELL = /^(\+\s*\/\s*-|\.\/\.|[-+=–±])\s+(\S.*)$/u;
/**
 * A decimal line number alone ("3.1") or before the label ("1.2 + Zuweisungen …"): one digit, a point, one or
 * two digits, none of them a leading zero (a product code like "01.01" is no line number).
 */
const DECIMAL = /^[1-9]\.[1-9]\d?$/u;
const DECIMAL_IN_CELL = /^([1-9]\.[1-9]\d?)(?:\s*([-–=:]|\+\s*\/\s*-|\+|\.\/\.))?\s+(\D.*)$/u;

/** Whether a cell can begin with a line number: a digit, „Zeile“ or „Nr.“ first (most cells are labels). */
function mayNumber(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 90 || c === 122 || c === 78 || c === 110; // 0-9 Z z N n
}

/** One or two ASCII digits: a line number as most plans print it. */
function isDigits(t: string): boolean {
  if (t.length > 2) return false;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether a cell can begin with an operator (`OPERATOR`, `OPERATOR_IN_CELL`): + . - = – ± first. */
function mayBeOperator(t: string): boolean {
  const c = t.charCodeAt(0);
  return c === 43 || c === 46 || c === 45 || c === 61 || c === 0x2013 || c === 0xb1; // + . - = – ±
}

function styleOf(prefix: string | undefined, dot: string | undefined, digits: string): NumberStyle {
  if (prefix !== undefined && /^Zeile/iu.test(prefix)) return 'Zeile 1';
  if (dot !== undefined) return '1.';
  return digits.length === 1 ? '1' : '01';
}

/** An operator as printed, normalised ("+ / -" → "+/-", "–" → "-"). */
export function normalizeOperator(text: string): string {
  const t = text.replace(/\s+/gu, '');
  return t === '–' ? '-' : t;
}

export function isOperator(text: string): boolean {
  return OPERATOR.test(text.trim());
}

/**
 * Reads the lead cells of a row (left to right, empty ones ignored). `numbered`: whether the table numbers its
 * lines; in a table without numbers a leading number is part of the label.
 */
export function readLead(cells: readonly string[], numbered = true): Lead {
  // this runs for every row of every table: one array, no regular expression where a character tells
  const texts: string[] = [];
  for (const c of cells) {
    const t = c.trim();
    if (t !== '') texts.push(t);
  }
  let line: string | undefined;
  let style: NumberStyle | undefined;
  let operator: string | undefined;
  /** The label's parts joined by spaces, and how many there are. */
  let label = '';
  let parts = 0;
  const add = (t: string): void => {
    label = parts === 0 ? t : `${label} ${t}`;
    parts++;
  };
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    if (line === undefined && numbered && parts === 0 && mayNumber(t)) {
      const alone = i < texts.length - 1 || texts.length === 1;
      if (alone && isDigits(t)) {
        line = t.padStart(2, '0');
        style = t.length === 1 ? '1' : '01';
        continue;
      }
      if (t.charCodeAt(1) === 46 && t.length > 2) {
        // "1.5" (decimal) before "1. Steuern" (a number with a point)
        if (alone && DECIMAL.test(t)) {
          line = t;
          style = '1.1';
          continue;
        }
        const d = DECIMAL_IN_CELL.exec(t);
        if (d) {
          line = d[1]!;
          style = '1.1';
          if (d[2] !== undefined && d[2] !== ':') operator = normalizeOperator(d[2]);
          add(d[3]!.trim());
          continue;
        }
      }
      const n = NUMBER.exec(t);
      if (n && alone) {
        line = n[2]!.padStart(2, '0');
        style = styleOf(n[1], n[3], n[2]!);
        continue;
      }
      const inCell = NUMBER_IN_CELL.exec(t);
      if (inCell && Number(inCell[2]) > 0) {
        line = inCell[2]!.padStart(2, '0');
        style = styleOf(inCell[1], inCell[3], inCell[2]!);
        const op = /^\d+\.?\s*([-–=:]|\+\s*\/\s*-|\+|\.\/\.)\s/u.exec(
          t.replace(/^(?:Zeile\s+|Nr\.\s*)/iu, ''),
        );
        if (op && op[1] !== ':') operator = normalizeOperator(op[1]!);
        add(inCell[4]!.trim());
        continue;
      }
    }
    if (operator === undefined && parts === 0 && mayBeOperator(t)) {
      if (OPERATOR.test(t)) {
        operator = normalizeOperator(t);
        continue;
      }
      const op = OPERATOR_IN_CELL.exec(t);
      if (op) {
        operator = normalizeOperator(op[1]!);
        add(op[2]!);
        continue;
      }
    }
    add(t);
  }
  // properties set one by one: spreads of optional parts are slow in V8, and this runs for every row
  const lead: { -readonly [K in keyof Lead]: Lead[K] } = { label };
  if (line !== undefined) lead.line = line;
  if (style !== undefined) lead.style = style;
  if (operator !== undefined) lead.operator = operator;
  return lead;
}
