/**
 * Charts as inline SVG, written directly: for a node's Teilergebnisplan (or Gesamtergebnisplan) a bar chart of
 * Erträge, Aufwendungen and the Ergebnis in every column of the plan. Erträge and Aufwendungen are the sums of
 * the schema's income and expense lines (not its totals), so the chart works for every line schema; the
 * Ergebnis follows the plan's sign convention.
 */
import { columnLabel, type Plan } from '../../core/model.js';
import { formatGerman, type Cents } from '../../core/money.js';
import { schemaById, schemaLine } from '../../core/schema.js';
import { esc } from './html.js';

export interface ChartColumn {
  readonly label: string;
  readonly ertraege: Cents;
  readonly aufwendungen: Cents;
  readonly ergebnis: Cents;
}

/** Erträge, Aufwendungen (as a positive amount) and Ergebnis per column of a plan. */
export function chartColumns(plan: Plan): ChartColumn[] {
  const schema = schemaById(plan.schemaId);
  return plan.columns
    .filter((c) => c.kind !== 've')
    .map((column) => {
      let ertraege = 0;
      let aufwendungen = 0;
      for (const line of plan.lines) {
        const sl = schema ? schemaLine(schema, line.line) : undefined;
        if (!sl || sl.sum !== undefined || sl.memo) continue;
        const cell = line.cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
        if (!cell) continue;
        if (sl.flow === 'in') ertraege += cell.amount;
        else if (sl.flow === 'out')
          aufwendungen += (line.signs ?? plan.signs) === 'positive' ? cell.amount : -cell.amount;
      }
      return { label: columnLabel(column), ertraege, aufwendungen, ergebnis: ertraege - aufwendungen };
    });
}

/** A step of 1, 2 or 5 times a power of ten, giving about four gridlines. */
function niceStep(range: number): number {
  const raw = range / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
}

const SERIES = [
  { key: 'ertraege', label: 'Erträge', cls: 'ertraege' },
  { key: 'aufwendungen', label: 'Aufwendungen', cls: 'aufwendungen' },
  { key: 'ergebnis', label: 'Ergebnis', cls: 'ergebnis' },
] as const;

export function barChart(title: string, columns: readonly ChartColumn[]): string {
  if (columns.length === 0) return '';
  const width = 640;
  const height = 230;
  const left = 90;
  const top = 28;
  const bottom = 40;
  const plotHeight = height - top - bottom;
  const values = columns.flatMap((c) => [c.ertraege, c.aufwendungen, c.ergebnis]);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const step = niceStep(Math.max(max - min, 100));
  const hi = Math.ceil(max / step) * step;
  const lo = Math.floor(min / step) * step;
  const y = (v: number): number => top + ((hi - v) / (hi - lo || 1)) * plotHeight;
  const groupWidth = (width - left - 10) / columns.length;
  const bar = Math.min(22, (groupWidth - 12) / 3);
  const parts: string[] = [];
  for (let v = lo; v <= hi; v += step) {
    parts.push(
      `<line class="grid${v === 0 ? ' zero' : ''}" x1="${left}" x2="${width - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`,
      `<text class="tick" x="${left - 6}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${esc(formatGerman(v))} €</text>`,
    );
  }
  columns.forEach((c, i) => {
    const x0 = left + i * groupWidth + (groupWidth - 3 * bar) / 2;
    SERIES.forEach((s, k) => {
      const v = c[s.key];
      const y0 = Math.min(y(v), y(0));
      const h = Math.abs(y(v) - y(0));
      parts.push(
        `<rect class="${s.cls}" x="${(x0 + k * bar).toFixed(1)}" y="${y0.toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(`${s.label} ${c.label}: ${formatGerman(v)} €`)}</title></rect>`,
      );
    });
    parts.push(
      `<text class="axis" x="${(left + (i + 0.5) * groupWidth).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${esc(c.label)}</text>`,
    );
  });
  const legend = SERIES.map(
    (s, k) =>
      `<rect class="${s.cls}" x="${left + k * 120}" y="6" width="10" height="10"/><text class="legend" x="${left + k * 120 + 14}" y="15">${s.label}</text>`,
  ).join('');
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${legend}${parts.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}
