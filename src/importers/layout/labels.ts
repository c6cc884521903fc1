/**
 * Row labels wrapped over several printed lines, given to their row by geometry: text lines in the label area
 * of a block go to the nearest row that can take them (above, beside or below its amounts), and a label
 * centred on its amounts grows by a line above and a line below together. Recognition checks the result
 * against the line schema's labels (`../recognise/labels.ts`) and may hand a line at the edge to the
 * neighbouring row.
 */
import type { Line, Segment } from './glyphs.js';
import { ownLabel, rowParts } from './rows.js';

/**
 * A label centred on its amounts grows by a line above and a line below at once: a cell's text set in the
 * middle of a tall row ("24 Auszahlungen für" / "den Erwerb v." / amounts / "Grundstücken u." / "Gebäuden")
 * stands farther from the amounts than the nearest-row rule reaches. The pair is taken when both lines are
 * free, in the label area, where the label starts, one line spacing beyond the label's first and last line,
 * and as far above the row as below it; a line that belongs to the row before or a heading after it breaks the
 * pair.
 */
function extendCentred(
  row: Line,
  attached: Line[],
  hasOwnLabel: boolean,
  lines: readonly Line[],
  used: Set<Line>,
  inLabelArea: (l: Line) => boolean,
): void {
  const above = attached.filter((l) => l.y < row.y);
  const below = attached.filter((l) => l.y > row.y);
  if (above.length === 0 || below.length === 0) return;
  const tolerance = 0.25 * row.h;
  // where the label starts: its line above the amounts next to them
  const x = above.reduce((p, q) => (q.y > p.y ? q : p)).tokens[0]!.x0;
  for (;;) {
    const top = Math.min(...above.map((l) => l.y));
    const bottom = Math.max(...below.map((l) => l.y));
    if (Math.abs(row.y - top - (bottom - row.y)) > tolerance) return;
    const first = above.find((l) => l.y === top)!;
    const last = below.find((l) => l.y === bottom)!;
    // the line spacing: between the label's lines next to each other
    const ys = [...above, ...(hasOwnLabel ? [row] : []), ...below].map((l) => l.y).sort((p, q) => p - q);
    const steps = ys.slice(1).map((y, k) => y - ys[k]!);
    const spacing = Math.min(...steps.filter((d) => d > 0.5 * row.h));
    const up = lines[lines.indexOf(first) - 1];
    const down = lines[lines.indexOf(last) + 1];
    // one line spacing beyond the label's line `from`
    const fits = (l: Line | undefined, from: number): l is Line =>
      l !== undefined &&
      !l.tabular &&
      !used.has(l) &&
      inLabelArea(l) &&
      Math.abs(l.tokens[0]!.x0 - x) <= 0.8 * row.h &&
      Math.abs(Math.abs(l.y - from) - spacing) <= tolerance;
    if (!Number.isFinite(spacing) || !fits(up, top) || !fits(down, bottom)) return;
    above.push(up);
    below.push(down);
    attached.push(up, down);
    used.add(up);
    used.add(down);
  }
}

/**
 * Attaches the text lines in the label area of a block (between its first and last row, one line beyond) to
 * its rows; returns the lines attached to each row.
 */
export function attachLabels(
  rows: readonly Line[],
  lines: readonly Line[],
  used: Set<Line>,
  firstColumn: number,
): Map<Line, Line[]> {
  const attached = new Map<Line, Line[]>(rows.map((r) => [r, []]));
  const inLabelArea = (m: Line): boolean => m.tokens.every((t) => t.x1 < firstColumn - 2);
  const last = rows[rows.length - 1]!;
  const from = lines.indexOf(rows[0]!);
  const to = Math.min(lines.length - 1, lines.indexOf(last) + 1);
  const labelOf = (r: Line): Segment[] => ownLabel(r);
  const aligned = (m: Line, own: readonly Segment[], r: Line): boolean =>
    Math.abs(m.tokens[0]!.x0 - own[0]!.x0) <= 0.8 * r.h;
  for (let k = Math.max(0, from - 1); k <= to; k++) {
    const l = lines[k]!;
    if (l.tabular || used.has(l) || !inLabelArea(l)) continue;
    // the nearest row that can take it: a row with its own label only takes a line that starts where the
    // label starts, below it, or right above it when the label also goes on right below it, nearer to it than
    // to the next row (three lines centred on the amounts: "370226SONST Sonstige" / "Investitionen" with the
    // amounts / "Schulzentrum"; a group heading ending right above a row is not its label); rows at the same
    // distance: the first that fits
    const accepts = (r: Line): boolean => {
      const own = labelOf(r);
      if (own.length === 0) return true;
      if (!aligned(l, own, r)) return false;
      if (l.y > r.y) return true;
      if (r.y - l.y > 1.5 * r.h) return false;
      // the line right below must go on the label, nearer to this row than to any other (not the next
      // row's label)
      const below = lines[lines.indexOf(r) + 1];
      return (
        below !== undefined &&
        !below.tabular &&
        below.y > r.y &&
        below.y - r.y <= 1.5 * r.h &&
        inLabelArea(below) &&
        aligned(below, own, r) &&
        rows.every((o) => Math.abs(o.y - below.y) >= below.y - r.y)
      );
    };
    const close = rows
      .filter((r) => Math.abs(r.y - l.y) < 1.6 * r.h)
      .sort((a, b) => Math.abs(a.y - l.y) - Math.abs(b.y - l.y));
    const ties = close.filter((r) => Math.abs(r.y - l.y) - Math.abs(close[0]!.y - l.y) < 0.5);
    // at equal distance a row that has no label of its own needs the line more than one that has
    const labelless = ties.find((r) => labelOf(r).length === 0);
    const nearest = labelless ?? ties.find(accepts);
    if (!nearest) continue;
    attached.get(nearest)!.push(l);
    used.add(l);
  }
  for (const row of rows)
    extendCentred(row, attached.get(row)!, rowParts(row).label.length > 0, lines, used, inLabelArea);
  return attached;
}
