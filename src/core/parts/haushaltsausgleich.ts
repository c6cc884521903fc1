/**
 * The legal tests on the development of the Rücklagen, per year of the planning period, with the figures used:
 *
 * - § 75 Abs. 2 GO NRW, Haushaltsausgleich: the budget is balanced when the Erträge reach the Aufwendungen
 *   (Jahresergebnis ≥ 0); it counts as balanced when the Fehlbedarf of the Ergebnisplan can be covered by the
 *   Ausgleichsrücklage (fiktiver Haushaltsausgleich); else the allgemeine Rücklage is reduced.
 * - § 76 Abs. 1 GO NRW, Haushaltssicherungskonzept: required when at the Aufstellung der Haushaltssatzung
 *   "1. durch Veränderungen des Haushalts innerhalb des Planjahres der in der Schlussbilanz des Vorjahres
 *   auszuweisende Ansatz der allgemeinen Rücklage um mehr als ein Viertel verringert wird oder 2. in zwei
 *   aufeinanderfolgenden Haushaltsjahren geplant ist, den in der Schlussbilanz des Vorjahres auszuweisenden
 *   Ansatz der allgemeinen Rücklage jeweils um mehr als ein Zwanzigstel zu verringern" (Nr. 3: a Fehlbetrag not
 *   covered by Eigenkapital, shown here when the allgemeine Rücklage is used up).
 *
 * The Ansatz in the Schlussbilanz des Vorjahres is the allgemeine Rücklage at 1 January; the reduction is the
 * Entnahme to cover the year's deficit (the Verrechnung of § 44 Abs. 3 KomHVO NRW bypasses the Ergebnisplan
 * and is not counted, as the published plans count it), else the fall from 1 January to 31 December. Every
 * comparison allows for the rounding of the printed figures: a result rounding cannot decide is `unklar`. Pure.
 */
import type { Budget } from '../model.js';
import { approx, type Approx, type Figure } from './figure.js';
import { reductionOf, type Ruecklagen, type RuecklagenYear } from './ruecklagen.js';

export type Verdict = 'ja' | 'nein' | 'unklar';

/**
 * The first year of the planning period: the first year with Verpflichtungsermächtigungen (a Doppelhaushalt
 * has two budget years, each with its VE column), else the budget year; undefined when neither is known.
 */
export function planningStart(budget: Budget): number | undefined {
  let first: number | undefined;
  for (const n of budget.nodes)
    for (const p of n.plans)
      for (const c of p.columns)
        if (c.kind === 've' && (first === undefined || c.year < first)) first = c.year;
  return first ?? budget.year;
}

/** Whether `a` exceeds `b`, as far as their tolerances decide. */
export function exceeds(a: Approx, b: Approx): Verdict {
  if (a.value - a.tolerance > b.value + b.tolerance) return 'ja';
  if (a.value + a.tolerance <= b.value - b.tolerance) return 'nein';
  return 'unklar';
}

export interface HskYear {
  readonly year: number;
  /** The allgemeine Rücklage at 1 January (the Ansatz of the previous year's Schlussbilanz). */
  readonly start: Figure;
  /** The planned reduction (positive), and where it comes from. */
  readonly reduction: Approx;
  readonly reductionFrom: 'entnahme' | 'bestand';
  /** reduction ÷ start, in hundredths of a percent. */
  readonly share: number;
  /** Nr. 1: more than a quarter in this year. */
  readonly quarter: Verdict;
  /** More than a twentieth in this year (Nr. 2 needs two such years in a row). */
  readonly twentieth: Verdict;
  /** The allgemeine Rücklage at 31 December, if printed. */
  readonly end?: Figure;
}

export interface HskResult {
  /** The years tested: the planning period (budget year on), each with its figures. */
  readonly years: readonly HskYear[];
  /** Whether the budget year is known (else every year of the table is tested). */
  readonly periodKnown: boolean;
  readonly nr1: Verdict;
  readonly nr2: Verdict;
  /** The two consecutive years of Nr. 2 (the first pair found). */
  readonly nr2Years?: readonly [number, number];
  /** Nr. 3 (indication): the allgemeine Rücklage is used up (negative at 31 December) in some year. */
  readonly usedUp?: number;
  /** Whether a Haushaltssicherungskonzept is required under § 76 Abs. 1 Nr. 1 or 2. */
  readonly required: Verdict;
}

function or(a: Verdict, b: Verdict): Verdict {
  if (a === 'ja' || b === 'ja') return 'ja';
  return a === 'unklar' || b === 'unklar' ? 'unklar' : 'nein';
}

function and(a: Verdict, b: Verdict): Verdict {
  if (a === 'nein' || b === 'nein') return 'nein';
  return a === 'ja' && b === 'ja' ? 'ja' : 'unklar';
}

function hskYear(y: RuecklagenYear): HskYear | undefined {
  const start = y.figures.allgemeineAnfang;
  const reduction = reductionOf(y);
  if (!start || !reduction || start.amount <= 0) return undefined;
  const s = approx(start);
  const end = y.figures.allgemeineEnde;
  return {
    year: y.year,
    start,
    reduction,
    reductionFrom: y.figures.entnahmeAllgemeine ? 'entnahme' : 'bestand',
    share: (reduction.value / start.amount) * 10_000,
    quarter: exceeds(reduction, { value: s.value / 4, tolerance: s.tolerance / 4 }),
    twentieth: exceeds(reduction, { value: s.value / 20, tolerance: s.tolerance / 20 }),
    ...(end ? { end } : {}),
  };
}

/** The § 76 Abs. 1 GO NRW test over the planning period (from `budgetYear` on, when known). */
export function hskTest(r: Ruecklagen, budgetYear?: number): HskResult {
  const inPeriod = (y: number): boolean => budgetYear === undefined || y >= budgetYear;
  const period = [...r.years].filter((y) => inPeriod(y.year)).sort((a, b) => a.year - b.year);
  const years = period.map(hskYear).filter((y): y is HskYear => y !== undefined);
  let nr1: Verdict = 'nein';
  let nr2: Verdict = 'nein';
  let nr2Years: [number, number] | undefined;
  years.forEach((y, i) => {
    nr1 = or(nr1, y.quarter);
    const next = years[i + 1];
    if (next?.year !== y.year + 1) return;
    const pair = and(y.twentieth, next.twentieth);
    if (pair === 'ja' && nr2 !== 'ja') nr2Years = [y.year, next.year];
    nr2 = or(nr2, pair);
  });
  // a year whose allgemeine Rücklage is used up (none left at 1 January, or negative at 31 December) has no
  // share to test: Nr. 3 (a Fehlbetrag not covered by Eigenkapital) is the question then
  const usedUp = period.find(
    (y) =>
      (y.figures.allgemeineAnfang !== undefined && y.figures.allgemeineAnfang.amount <= 0) ||
      (y.figures.allgemeineEnde !== undefined && y.figures.allgemeineEnde.amount < 0),
  )?.year;
  return {
    years,
    periodKnown: budgetYear !== undefined,
    nr1,
    nr2,
    ...(nr2Years ? { nr2Years } : {}),
    ...(usedUp !== undefined ? { usedUp } : {}),
    required: or(nr1, nr2),
  };
}

export type Ausgleich = 'ausgeglichen' | 'fiktiv' | 'nicht' | 'unklar';

export interface AusgleichYear {
  readonly year: number;
  readonly jahresergebnis: Figure;
  /** The Ausgleichsrücklage at 1 January, if printed. */
  readonly ausgleichsruecklage?: Figure;
  readonly result: Ausgleich;
  /** The part of the deficit the Ausgleichsrücklage cannot cover (kept units), for `nicht`. */
  readonly uncovered?: number;
}

/** The § 75 Abs. 2 GO NRW Haushaltsausgleich per year of the planning period. */
export function ausgleichTest(r: Ruecklagen, budgetYear?: number): AusgleichYear[] {
  const out: AusgleichYear[] = [];
  for (const y of [...r.years].sort((a, b) => a.year - b.year)) {
    if (budgetYear !== undefined && y.year < budgetYear) continue;
    const je = y.figures.jahresergebnis ?? y.figures.jahresergebnisVor;
    if (!je) continue;
    const ar = y.figures.ausgleichAnfang;
    const base = { year: y.year, jahresergebnis: je, ...(ar ? { ausgleichsruecklage: ar } : {}) };
    const j = approx(je);
    if (j.value - j.tolerance >= 0) {
      out.push({ ...base, result: 'ausgeglichen' });
      continue;
    }
    if (j.value + j.tolerance >= 0) {
      out.push({ ...base, result: 'unklar' });
      continue;
    }
    const deficit = { value: -j.value, tolerance: j.tolerance };
    const cover = ar ? approx(ar) : { value: 0, tolerance: 0 };
    const v = exceeds(deficit, cover);
    if (v === 'nein') out.push({ ...base, result: 'fiktiv' });
    else if (v === 'ja') out.push({ ...base, result: 'nicht', uncovered: deficit.value - cover.value });
    else out.push({ ...base, result: 'unklar' });
  }
  return out;
}
