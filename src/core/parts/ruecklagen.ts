/**
 * Eigenkapital und Rücklagen: the development of the allgemeine Rücklage and the Ausgleichsrücklage over the
 * years of a Haushaltsplan (at 1 January, the Jahresergebnis before and after a globaler Minderaufwand, the
 * Verrechnung with the allgemeine Rücklage under § 44 Abs. 3 KomHVO NRW, Zuführung/Entnahme, at 31 December),
 * and the rows published plans derive from it (the § 76 threshold, the distance to it, the share of the
 * allgemeine Rücklage used). The rows, their labels and the legal sources are data
 * (`data/parts/ruecklagen.json`). Here: the model and its arithmetic, rounding-aware (`figure.ts`): each year's
 * end = start + movements, the next start = this end, the Jahresergebnis after = before + Minderaufwand, its
 * use = the movements of the two reserves, and the derived rows recomputed. The legal tests of § 75 and § 76
 * GO NRW are in `haushaltsausgleich.ts`. Pure.
 */
import spec from '../../../data/parts/ruecklagen.json' with { type: 'json' };
import type { Source } from '../model.js';
import { approx, beyondRounding, sumOf, type Approx, type Figure, type FigureUnit } from './figure.js';

export type RuecklagenRowId =
  | 'allgemeineAnfang'
  | 'ausgleichAnfang'
  | 'jahresergebnisVor'
  | 'minderaufwand'
  | 'jahresergebnis'
  | 'verrechnung'
  | 'entnahmeAllgemeine'
  | 'entnahmeAusgleich'
  | 'allgemeineEnde'
  | 'ausgleichEnde'
  | 'schwellenwert'
  | 'puffer'
  | 'anteil';

/** How a row is recognised and what it is (from `data/parts/ruecklagen.json`). */
export interface RuecklagenRowSpec {
  readonly id: RuecklagenRowId;
  /** The canonical German label. */
  readonly label: string;
  readonly all?: readonly string[];
  readonly any?: readonly string[];
  readonly also?: readonly string[];
  /** Printed for information, computed from the other rows (checked, never used as input). */
  readonly derived?: boolean;
  /** A percentage, not money. */
  readonly percent?: boolean;
  /** A second row matching this one is that row. */
  readonly secondAs?: RuecklagenRowId;
}

export const RUECKLAGEN_SPEC = spec as unknown as {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  readonly rows: readonly RuecklagenRowSpec[];
  readonly order: readonly RuecklagenRowId[];
};

const BY_ID = new Map(RUECKLAGEN_SPEC.rows.map((r) => [r.id, r]));

export function rowSpec(id: RuecklagenRowId): RuecklagenRowSpec {
  return BY_ID.get(id)!;
}

/** A row as printed: which row it is, its printed label and where. */
export interface RuecklagenRow {
  readonly id: RuecklagenRowId;
  readonly label: string;
  readonly source?: Source;
}

/** One year's figures by row. */
export interface RuecklagenYear {
  readonly year: number;
  readonly figures: Readonly<Partial<Record<RuecklagenRowId, Figure>>>;
}

export interface Ruecklagen {
  readonly rows: readonly RuecklagenRow[];
  readonly years: readonly RuecklagenYear[];
  /** The unit the money rows were printed in. */
  readonly unit: FigureUnit;
  readonly source?: Source;
}

/** Normalises a label for matching: lower case, umlauts spelled out, spaces collapsed. */
export function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/ä/gu, 'ae')
    .replace(/ö/gu, 'oe')
    .replace(/ü/gu, 'ue')
    .replace(/ß/gu, 'ss')
    .replace(/\s+/gu, ' ')
    .trim();
}

function words(text: string): Set<string> {
  return new Set(text.split(/[^a-z0-9]+/u).filter(Boolean));
}

/** The row a printed label names, if any; `seen` are the rows already found in the table. */
export function recogniseRow(label: string, seen: ReadonlySet<RuecklagenRowId>): RuecklagenRowId | undefined {
  const text = normaliseLabel(label);
  const ws = words(text);
  for (const r of RUECKLAGEN_SPEC.rows) {
    if (r.all && !r.all.every((w) => text.includes(w))) continue;
    if (r.any && !r.any.some((w) => text.includes(w))) continue;
    if (r.also && !r.also.some((w) => ws.has(w))) continue;
    if (seen.has(r.id) && r.secondAs) return r.secondAs;
    return r.id;
  }
  return undefined;
}

/** A figure of a year, if printed. */
export function figureOf(y: RuecklagenYear, id: RuecklagenRowId): Figure | undefined {
  return y.figures[id];
}

/** A difference between a printed figure and what the other figures make of it, beyond rounding. */
export interface RuecklagenDifference {
  readonly year: number;
  readonly row: RuecklagenRowId;
  readonly printed: Figure;
  readonly computed: Approx;
  /** printed − computed (kept units). */
  readonly difference: number;
  /** German: the relation that does not hold ("Anfang + Verrechnung + Zuführung/Entnahme"). */
  readonly relation: string;
  /** Figures of another year involved (the chain). */
  readonly otherYear?: number;
}

type Term = readonly [RuecklagenRowId, 1 | -1];

/** The relations each year's figures must satisfy: the printed row equals the sum of the terms. */
const RELATIONS: readonly { row: RuecklagenRowId; terms: readonly Term[]; relation: string }[] = [
  {
    row: 'allgemeineEnde',
    terms: [
      ['allgemeineAnfang', 1],
      ['verrechnung', 1],
      ['entnahmeAllgemeine', 1],
    ],
    relation: 'Stand am 01.01. + Verrechnung (§ 44 Abs. 3 KomHVO NRW) + Zuführung/Entnahme',
  },
  {
    row: 'ausgleichEnde',
    terms: [
      ['ausgleichAnfang', 1],
      ['entnahmeAusgleich', 1],
    ],
    relation: 'Stand am 01.01. + Zuführung/Entnahme',
  },
  {
    row: 'jahresergebnis',
    terms: [
      ['jahresergebnisVor', 1],
      ['minderaufwand', 1],
    ],
    relation: 'Jahresergebnis vor globalem Minderaufwand + globaler Minderaufwand',
  },
  {
    row: 'jahresergebnis',
    terms: [
      ['entnahmeAusgleich', 1],
      ['entnahmeAllgemeine', 1],
    ],
    relation:
      'Zuführung/Entnahme Ausgleichsrücklage + Zuführung/Entnahme allgemeine Rücklage (Verwendung des Jahresergebnisses)',
  },
];

/** The reduction of the allgemeine Rücklage planned in a year (positive), from its Entnahme row. */
export function reductionOf(y: RuecklagenYear): Approx | undefined {
  const e = y.figures.entnahmeAllgemeine;
  if (e)
    return e.amount < 0
      ? { value: -e.amount, tolerance: approx(e).tolerance }
      : { value: 0, tolerance: approx(e).tolerance };
  const start = y.figures.allgemeineAnfang;
  const end = y.figures.allgemeineEnde;
  if (!start || !end) return undefined;
  const d = sumOf([
    [start, 1],
    [end, -1],
  ]);
  return { value: Math.max(0, d.value), tolerance: d.tolerance };
}

/** What the derived rows should print, from the figures they derive from. */
function derivedOf(y: RuecklagenYear): Partial<Record<RuecklagenRowId, Approx>> {
  const start = y.figures.allgemeineAnfang;
  const reduction = reductionOf(y);
  const out: Partial<Record<RuecklagenRowId, Approx>> = {};
  if (!start) return out;
  const s = approx(start);
  const threshold = { value: s.value / 20, tolerance: s.tolerance / 20 };
  out.schwellenwert = threshold;
  if (reduction) {
    out.puffer = {
      value: threshold.value - reduction.value,
      tolerance: threshold.tolerance + reduction.tolerance,
    };
    if (s.value - s.tolerance > 0) {
      // hundredths of a percent; the interval of a quotient of two intervals
      const mid = (reduction.value / s.value) * 10_000;
      const hi = ((reduction.value + reduction.tolerance) / (s.value - s.tolerance)) * 10_000;
      const lo = (Math.max(0, reduction.value - reduction.tolerance) / (s.value + s.tolerance)) * 10_000;
      out.anteil = { value: mid, tolerance: Math.max(hi - mid, mid - lo) };
    }
  }
  return out;
}

const DERIVED_RELATION: Partial<Record<RuecklagenRowId, string>> = {
  schwellenwert: 'ein Zwanzigstel der allgemeinen Rücklage am 01.01. (§ 76 Abs. 1 Nr. 2 GO NRW)',
  puffer: 'Schwellenwert − Verringerung der allgemeinen Rücklage',
  anteil: 'Verringerung der allgemeinen Rücklage ÷ allgemeine Rücklage am 01.01.',
};

/** Every relation of the development that does not hold beyond the rounding of its printed figures. */
export function ruecklagenDifferences(r: Ruecklagen): RuecklagenDifference[] {
  const out: RuecklagenDifference[] = [];
  const years = [...r.years].sort((a, b) => a.year - b.year);
  years.forEach((y, i) => {
    for (const rel of RELATIONS) {
      const printed = y.figures[rel.row];
      const terms = rel.terms.map(([id, sign]) => [y.figures[id], sign] as const);
      // a relation is checked when the row and at least its first term are printed; absent movements are 0
      if (!printed || !terms[0]![0] || terms.every(([f]) => f === undefined)) continue;
      if (rel.row === 'jahresergebnis' && terms.some(([f]) => f === undefined)) continue;
      const computed = sumOf(terms.filter((t): t is readonly [Figure, 1 | -1] => t[0] !== undefined));
      const difference = beyondRounding(printed, computed);
      if (difference !== 0)
        out.push({ year: y.year, row: rel.row, printed, computed, difference, relation: rel.relation });
    }
    const derived = derivedOf(y);
    for (const id of ['schwellenwert', 'puffer', 'anteil'] as const) {
      const printed = y.figures[id];
      const computed = derived[id];
      if (!printed || !computed) continue;
      const difference = beyondRounding(printed, computed);
      if (difference !== 0)
        out.push({ year: y.year, row: id, printed, computed, difference, relation: DERIVED_RELATION[id]! });
    }
    const next = years[i + 1];
    if (next?.year !== y.year + 1) return;
    for (const [end, start] of [
      ['allgemeineEnde', 'allgemeineAnfang'],
      ['ausgleichEnde', 'ausgleichAnfang'],
    ] as const) {
      const e = y.figures[end];
      const s = next.figures[start];
      if (!e || !s) continue;
      const difference = beyondRounding(s, approx(e));
      if (difference !== 0)
        out.push({
          year: next.year,
          row: start,
          printed: s,
          computed: approx(e),
          difference,
          relation: `Stand am 31.12.${y.year}`,
          otherYear: y.year,
        });
    }
  });
  return out;
}
