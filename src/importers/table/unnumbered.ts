/**
 * Tables of plan lines printed without line numbers: the rows are numbered by their labels against the line
 * schemas (the recognition every container shares, `../recognise/labels.ts`), so that the table importer reads
 * them like numbered rows. The label column is the one whose texts most often are a schema's labels; rows are
 * grouped into plans by the cells before the label (node, plan) and where a label repeats (the next plan); each
 * group takes the plan type and schema whose labels all its rows fit, each line once.
 */
import type { PlanType } from '../../core/model.js';
import { SCHEMAS, lineByLabel } from '../../core/schema.js';
import { numberByLabels, type LabelledRow } from '../recognise/labels.js';
import { readLead } from '../recognise/lead.js';

const TYPES: readonly PlanType[] = [
  'teilergebnisplan',
  'teilfinanzplan',
  'gesamtergebnisplan',
  'gesamtfinanzplan',
];
const PLAN_NAME = /^(?:teil|gesamt)(?:ergebnis|finanz)plan$/iu;

/** A label as printed, without an operator before it. */
function labelOf(cell: string): string {
  return readLead([cell], false).label;
}

function isLabel(text: string): boolean {
  const t = labelOf(text);
  return t.length > 2 && SCHEMAS.some((s) => lineByLabel(s, t) !== undefined);
}

/** The column whose texts are most often a schema's labels (among the first eight), if any row has one. */
function labelColumn(rows: readonly (readonly string[])[]): number | undefined {
  let best: number | undefined;
  let most = 0;
  for (let c = 0; c < 8; c++) {
    const n = rows.filter((r) => isLabel(r[c] ?? '')).length;
    if (n > most) {
      most = n;
      best = c;
    }
  }
  return most >= 3 ? best : undefined;
}

export interface Numbered {
  /** The rows with a line number written before each numbered label ("01 Steuern …"). */
  readonly rows: string[][];
  /** How many rows were numbered. */
  readonly count: number;
}

/**
 * Numbers the rows of a table without line numbers by their labels; `year`: the budget year for the schemas
 * in force. Rows no plan's labels fit stay as they are (and are reported by the table importer).
 */
export function numberByLabel(rows: readonly string[][], year: number | undefined): Numbered | undefined {
  const col = labelColumn(rows);
  if (col === undefined) return undefined;
  const out = rows.map((r) => [...r]);
  // groups of label rows: the same cells before the label, no label twice
  const groups: number[][] = [];
  let key: string | undefined;
  let seen = new Set<string>();
  rows.forEach((r, i) => {
    const text = r[col] ?? '';
    if (!isLabel(text)) return;
    const k = r.slice(0, col).join('\u0000');
    const label = labelOf(text);
    if (k !== key || seen.has(label)) {
      groups.push([]);
      seen = new Set();
      key = k;
    }
    seen.add(label);
    groups[groups.length - 1]!.push(i);
  });
  let count = 0;
  for (const group of groups) {
    const named = rows[group[0]!]!.slice(0, col).find((c) => PLAN_NAME.test(c.trim()));
    const types = named ? [named.trim().toLowerCase() as PlanType] : TYPES;
    for (const type of types) {
      const labelled: LabelledRow[] = group.map((i) => ({ label: labelOf(rows[i]![col] ?? ''), pieces: [] }));
      const numbering = numberByLabels(type, labelled, year);
      if ('refusal' in numbering) continue;
      group.forEach((i, k) => {
        out[i]![col] = `${labelled[k]!.line!} ${rows[i]![col]!.trim()}`;
      });
      count += group.length;
      break;
    }
  }
  return count > 0 ? { rows: out, count } : undefined;
}
