/**
 * The amounts of the Haushaltsplan's parts (`Budget.parts`) as rows of the tidy CSV (docs/tidy-csv.md, "Parts"):
 * one row per printed amount, part by part in the order of `PART_PLANS`, each on the whole budget (`gesamt`,
 * `haushalt`) with the part's id as `plan`, its row as `line`, its column as `kind` and the column's year. Keys
 * and units are in `src/formats/part-keys.ts`, shared with the reader. Texts (the Satzung's template, the
 * Vorbericht), names and printed labels are not carried.
 */
import type { Budget, Column } from '../core/model.js';
import { columnKey } from '../core/model.js';
import { formatPlain } from '../core/money.js';
import type { PartAmount } from '../core/parts/amounts.js';
import { FRAKTIONEN_SPEC, type Fraktionen } from '../core/parts/fraktionen.js';
import { normaliseLabel } from '../core/parts/ruecklagen.js';
import { QUERSCHNITT, SATZUNG, satzungFigure } from '../core/parts/spec.js';
import { VERBINDLICHKEITEN_SPEC } from '../core/parts/verbindlichkeiten.js';
import {
  encodeKey,
  figureUnitToken,
  formatPosts,
  formatRate,
  joinKey,
  PART_PLANS,
  POSTS_UNIT,
  RATE_UNIT,
  SUM_KEY,
  type PartPlan,
} from '../formats/part-keys.js';

export interface PartRow {
  readonly plan: PartPlan;
  readonly line: string;
  readonly kind: string;
  readonly year: number;
  /** As the tidy CSV writes it: euros `-6780.00`, posts `6.750`, a rate `34.5`. */
  readonly amount: string;
  /** The `printed_in` value: `EUR`, `TEUR`, a figure's `MioEUR:1`, `Stellen`, `Prozent`. */
  readonly unit: string;
  /** True when the reader knows the unit without `printed_in` (euros, posts, rates). */
  readonly implied: boolean;
  /** The part's form (`data/parts/*.json`), in the `schema` column. */
  readonly schema: string;
}

const money = (a: PartAmount) => ({
  amount: formatPlain(a.amount),
  unit: a.scale === 1000 ? 'TEUR' : 'EUR',
  implied: a.scale !== 1000,
});

/** The kind of Leistung a Fraktionen column is (`geld`, `sach`, `personal`), `summe` or `betrag`. */
export function fraktionenKinds(f: Fraktionen): string[] {
  const seen = new Map<string, number>();
  return f.columns.map((c) => {
    const label = normaliseLabel(c.label);
    const base = c.total
      ? SUM_KEY
      : (FRAKTIONEN_SPEC.kinds.find((k) => k.words.some((w) => label.includes(w)))?.id ?? 'betrag');
    const k = `${base}:${c.year ?? ''}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** The columns printed, then any other a row has an amount in (none is left out). */
function withKeys<K extends string>(
  columns: readonly K[],
  amounts: Readonly<Partial<Record<K, unknown>>>,
): K[] {
  return [...new Set([...columns, ...(Object.keys(amounts) as K[])])];
}

function parseColumn(key: string): Column {
  const [kind, year] = key.split(':');
  return { kind: kind as Column['kind'], year: Number(year) };
}

/** A key made unique by `#<n>` for its n-th occurrence. */
function unique(seen: Map<string, number>, key: string): string {
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  return n === 1 ? key : `${key}/#${n}`;
}

/** Every amount of the budget's parts, as tidy-CSV rows. */
export function partRows(budget: Budget): PartRow[] {
  const p = budget.parts;
  if (!p) return [];
  const out: PartRow[] = [];
  const push = (plan: PartPlan, schema: string, line: string, kind: string, year: number, a: PartAmount) =>
    out.push({ plan, schema, line, kind, year, ...money(a) });

  if (p.satzung) {
    const s = p.satzung;
    for (const [id, a] of Object.entries(s.figures))
      push(PART_PLANS.satzung, SATZUNG.id, encodeKey(id), satzungFigure(id)?.column ?? 'ansatz', s.year, a);
    const rate = (line: string, satz: string) =>
      out.push({
        plan: PART_PLANS.satzung,
        schema: SATZUNG.id,
        line,
        kind: 'ansatz',
        year: s.year,
        amount: formatRate(satz),
        unit: RATE_UNIT,
        implied: true,
      });
    for (const h of s.hebesaetze ?? []) rate(joinKey(['hebesatz', h.name]), h.satz);
    if (s.kreisumlage !== undefined) rate('kreisumlage', s.kreisumlage);
  }
  if (p.querschnitt) {
    const q = p.querschnitt;
    for (const row of [...q.rows, ...(q.sum ? [q.sum] : [])])
      for (const col of withKeys(q.columns, row.amounts)) {
        const a = row.amounts[col];
        if (a)
          push(
            PART_PLANS.querschnitt,
            QUERSCHNITT.id,
            row.code === '' ? SUM_KEY : encodeKey(row.code),
            col,
            q.year,
            a,
          );
      }
  }
  if (p.veUebersicht) {
    const v = p.veUebersicht;
    for (const row of [...v.rows, ...(v.sum ? [v.sum] : [])]) {
      const line = row.code === '' ? SUM_KEY : encodeKey(row.code);
      if (row.ve) push(PART_PLANS.veUebersicht, '', line, 've', v.year, row.ve);
      const years = [...new Set([...v.years.map(String), ...Object.keys(row.faellig)])];
      for (const y of years) {
        const a = row.faellig[y];
        if (a) push(PART_PLANS.veUebersicht, '', line, 'faellig', Number(y), a);
      }
    }
  }
  if (p.ruecklagen) {
    const r = p.ruecklagen;
    const ids = [...new Set([...r.rows.map((x) => x.id), ...r.years.flatMap((y) => Object.keys(y.figures))])];
    for (const id of ids)
      for (const y of r.years) {
        const f = y.figures[id as keyof typeof y.figures];
        if (f)
          out.push({
            plan: PART_PLANS.ruecklagen,
            schema: 'nrw-ruecklagen',
            line: id,
            kind: 'betrag',
            year: y.year,
            amount: formatPlain(f.amount),
            unit: figureUnitToken(f),
            implied: false,
          });
      }
  }
  if (p.stellenplan) {
    const seen = new Map<string, number>();
    for (const row of p.stellenplan.rows) {
      const line = unique(seen, joinKey([row.role, row.code ?? '', row.name]));
      const posts = (kind: string, year: number, value: number) =>
        out.push({
          plan: PART_PLANS.stellenplan,
          schema: 'nrw-stellenplan',
          line,
          kind,
          year,
          amount: formatPosts(value),
          unit: POSTS_UNIT,
          implied: true,
        });
      for (const v of row.values) posts(v.category, v.year, v.value);
      for (const v of row.besetzt ?? []) posts(`besetzt-${v.category}`, v.year, v.value);
    }
  }
  if (p.verbindlichkeiten) {
    const v = p.verbindlichkeiten;
    for (const row of [...v.rows, ...(v.sum ? [v.sum] : [])]) {
      const line = row === v.sum ? SUM_KEY : (row.id ?? joinKey(['', row.label]));
      for (const id of withKeys(v.columns, row.amounts)) {
        const a = row.amounts[id];
        const offset = VERBINDLICHKEITEN_SPEC.columns.find((c) => c.id === id)?.offset ?? 0;
        if (a) push(PART_PLANS.verbindlichkeiten, VERBINDLICHKEITEN_SPEC.id, line, id, v.year + offset, a);
      }
    }
  }
  if (p.fraktionen) {
    const f = p.fraktionen;
    const kinds = fraktionenKinds(f);
    const seen = new Map<string, number>();
    for (const row of [...f.rows, ...(f.sum ? [f.sum] : [])]) {
      const line = row === f.sum ? SUM_KEY : unique(seen, encodeKey(row.name));
      f.columns.forEach((c, i) => {
        const a = row.amounts[c.id];
        const year = c.year ?? f.year ?? budget.year;
        if (a && year !== undefined)
          push(PART_PLANS.fraktionen, FRAKTIONEN_SPEC.id, line, kinds[i]!, year, a);
      });
    }
  }
  if (p.investitionsprogramm) {
    const g = p.investitionsprogramm;
    const seen = new Map<string, number>();
    for (const row of [...g.rows, ...(g.sum ? [g.sum] : [])]) {
      const line = row === g.sum ? SUM_KEY : unique(seen, joinKey([row.unit ?? '', row.number]));
      for (const c of withKeys(g.columns.map(columnKey), row.amounts).map(parseColumn)) {
        const a = row.amounts[columnKey(c)];
        if (a) push(PART_PLANS.investitionsprogramm, 'nrw-investitionsprogramm', line, c.kind, c.year, a);
      }
    }
  }
  return out;
}
