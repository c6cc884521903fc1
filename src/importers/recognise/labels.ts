/**
 * Row labels checked against the line schema, for every container. A label wrapped over several printed
 * lines was given to its row by geometry; where a line at the edge between two rows fits the line schema's
 * labels better with the neighbour ("Jahresergebnis nach Abzug globaler" / "Minderaufwand" split between lines
 * 27 and 28), it moves there: a label is never split between two lines. A plan printed without line numbers
 * is numbered by its labels, in the schema whose labels fit best (lines wrapped onto a neighbouring row moved
 * the same way first).
 */
import type { PlanType } from '../../core/model.js';
import {
  SCHEMAS,
  fitSchema,
  lineByLabel,
  matchLabel,
  schemaLine,
  schemaValidFor,
  type LineSchema,
} from '../../core/schema.js';
import { joinWrapped } from './wrap.js';

/** A printed line of a row's label; `own`: printed beside the row's amounts (never moved). */
export interface LabelPiece {
  readonly text: string;
  readonly own: boolean;
}

export interface LabelledRow {
  line?: string;
  label: string;
  readonly pieces: LabelPiece[];
}

function labelOf(pieces: readonly LabelPiece[]): string {
  return pieces.map((p) => p.text).reduce(joinWrapped, '');
}

/** How well a label is its line's: 2 its label, 1 misprinted, 0 another. */
function fit(schema: LineSchema, line: string | undefined, label: string): number {
  const sl = line === undefined ? undefined : schemaLine(schema, line);
  if (!sl || label === '') return 0;
  const m = matchLabel(label, sl);
  return m.kind === 'exact' ? 2 : m.kind === 'misprint' ? 1 : 0;
}

/**
 * Moves wrapped label lines between neighbouring rows where the schema's labels fit better so: the last
 * line printed below a row's own line to the top of the next row, or the first line printed above a row's own
 * line to the end of the row before. Rows keep their own lines.
 */
export function refineLabels(rows: readonly LabelledRow[], schema: LineSchema): void {
  refine(rows, (row, label) => fit(schema, row.line, label));
}

/** `refineLabels` by a score of a row's label (2 its line's, 1 misprinted, 0 none). */
function refine(rows: readonly LabelledRow[], score: (row: LabelledRow, label: string) => number): void {
  for (let k = 0; k + 1 < rows.length; k++) {
    const a = rows[k]!;
    const b = rows[k + 1]!;
    for (let guard = 0; guard < 6; guard++) {
      const now = score(a, a.label) + score(b, b.label);
      if (now === 4) break;
      let best: { a: LabelPiece[]; b: LabelPiece[]; score: number } | undefined;
      const consider = (na: LabelPiece[], nb: LabelPiece[]): void => {
        const s = score(a, labelOf(na)) + score(b, labelOf(nb));
        if (s > now && (!best || s > best.score)) best = { a: na, b: nb, score: s };
      };
      // the last lines printed below a row's own line to the top of the next row (a label of three lines
      // moves two), or the first lines printed above a row's own line to the end of the row before
      for (let n = 1; n < a.pieces.length && !a.pieces[a.pieces.length - n]!.own; n++)
        consider(a.pieces.slice(0, -n), [...a.pieces.slice(-n), ...b.pieces]);
      for (let n = 1; n < b.pieces.length && !b.pieces[n - 1]!.own; n++)
        consider([...a.pieces, ...b.pieces.slice(0, n)], b.pieces.slice(n));
      if (!best) break;
      const chosen: { a: LabelPiece[]; b: LabelPiece[] } = best;
      a.pieces.splice(0, a.pieces.length, ...chosen.a);
      b.pieces.splice(0, b.pieces.length, ...chosen.b);
      a.label = labelOf(a.pieces);
      b.label = labelOf(b.pieces);
    }
  }
}

export type Numbering = { readonly schema: LineSchema } | { readonly refusal: string };

/**
 * Numbers the rows of a plan printed without line numbers by their labels: in each schema of the plan type in
 * force, each row takes the line its label is (in order, each line once); the schema where every row finds its
 * line and the labels fit best is taken. Rows keep their labels; a row no line fits refuses the plan.
 */
export function numberByLabels(
  type: PlanType,
  rows: readonly LabelledRow[],
  year: number | undefined,
): Numbering {
  let best: { schema: LineSchema; lines: string[]; score: number; labels: LabelledRow[] } | undefined;
  let closest: { schema: LineSchema; missing: string[] } | undefined;
  for (const schema of SCHEMAS) {
    if (schema.plan !== type || !schemaValidFor(schema, year)) continue;
    // label lines wrapped onto a neighbouring row moved where the schema's labels say
    const labels = rows.map((r) => ({ label: r.label, pieces: [...r.pieces] }));
    refine(labels, (_, label) => {
      const sl = label === '' ? undefined : lineByLabel(schema, label);
      return sl === undefined ? 0 : matchLabel(label, sl).kind === 'exact' ? 2 : 1;
    });
    const used = new Set<string>();
    const lines: string[] = [];
    const missing: string[] = [];
    for (const row of labels) {
      const sl = lineByLabel(schema, row.label);
      if (!sl || used.has(sl.line)) {
        missing.push(row.label);
        continue;
      }
      used.add(sl.line);
      lines.push(sl.line);
    }
    if (missing.length > 0) {
      if (!closest || missing.length < closest.missing.length) closest = { schema, missing };
      continue;
    }
    const printed = labels.map((r, i) => ({ line: lines[i]!, label: r.label }));
    const f = fitSchema(schema, printed);
    if (f.fits && (!best || f.score > best.score)) best = { schema, lines, score: f.score, labels };
  }
  if (!best) {
    const named =
      closest?.missing
        .slice(0, 5)
        .map((m) => `„${m}“`)
        .join(', ') ?? '';
    return {
      refusal:
        `Zeilen ohne Nummern passen nach ihren Bezeichnungen zu keinem bekannten Zeilenschema` +
        (closest
          ? ` (am nächsten „${closest.schema.title}“, ${closest.schema.id}; keine Zeile für ${named})`
          : ''),
    };
  }
  rows.forEach((r, i) => {
    const moved = best.labels[i]!;
    r.line = best.lines[i]!;
    r.label = moved.label;
    r.pieces.splice(0, r.pieces.length, ...moved.pieces);
  });
  return { schema: best.schema };
}
