/**
 * A printed figure of a part (Rücklagen, Stellenplan) with the precision it was printed in: an amount kept
 * exactly (cents of euros, or hundredths of a percent) and the unit and decimals of the print, from which the
 * rounding the print implies follows. A figure printed `690,0` in Mio. € is 69_000_000_000 cents and stands
 * for any true amount within ± 0,05 Mio. €; a sum of n such figures is uncertain by n × 0,05 Mio. €. Checks
 * compare intervals, so rounding never makes a false error and a difference beyond it is always reported. Pure.
 */
import type { Source } from '../model.js';
import { formatScaled } from '../money.js';

/** The unit a figure was printed in. Money is always kept in cents of euros; `percent` in hundredths of a percent. */
export type FigureUnit = 'EUR' | 'TEUR' | 'MioEUR' | 'percent';

export interface Figure {
  /** Cents of euros (money), or hundredths of a percent (`percent`). */
  readonly amount: number;
  readonly unit: FigureUnit;
  /** Digits printed after the decimal point, in the figure's unit. */
  readonly decimals: number;
  readonly source?: Source;
}

/** How many of the kept units (cents, hundredths of a percent) one printed unit is. */
export const UNIT_FACTOR: Readonly<Record<FigureUnit, number>> = {
  EUR: 100,
  TEUR: 100_000,
  MioEUR: 100_000_000,
  percent: 100,
};

export const UNIT_LABEL: Readonly<Record<FigureUnit, string>> = {
  EUR: '€',
  TEUR: 'T€',
  MioEUR: 'Mio. €',
  percent: '%',
};

/**
 * Half the last printed digit, in kept units: how far the true value may lie from the printed one. Cents
 * printed as cents are exact (0).
 */
export function halfStep(f: Pick<Figure, 'unit' | 'decimals'>): number {
  const step = UNIT_FACTOR[f.unit] / 10 ** f.decimals;
  return step <= 1 ? 0 : step / 2;
}

/** A value with its uncertainty: the true value lies within `value ± tolerance`. */
export interface Approx {
  readonly value: number;
  readonly tolerance: number;
}

export function approx(f: Figure): Approx {
  return { value: f.amount, tolerance: halfStep(f) };
}

/** The sum of figures (negated where `sign` is -1): the values add, and so do the tolerances. */
export function sumOf(terms: readonly (readonly [Figure, 1 | -1])[]): Approx {
  let value = 0;
  let tolerance = 0;
  for (const [f, sign] of terms) {
    value += sign * f.amount;
    tolerance += halfStep(f);
  }
  return { value, tolerance };
}

/**
 * The difference between a printed figure and what the others make of it, beyond what rounding explains: 0
 * when the two intervals overlap, else the printed value minus the computed one.
 */
export function beyondRounding(printed: Figure, computed: Approx): number {
  const diff = printed.amount - computed.value;
  const allowed = halfStep(printed) + computed.tolerance;
  return Math.abs(diff) <= allowed + 1e-9 ? 0 : diff;
}

/** An amount in kept units as the integer of its printed digits (rounded half away from zero). */
function printedDigits(amount: number, unit: FigureUnit, decimals: number): number {
  const per = UNIT_FACTOR[unit] / 10 ** decimals;
  const n = Math.round(Math.abs(amount) / per);
  return amount < 0 && n !== 0 ? -n : n;
}

/** A figure as printed (German decimals, in its unit, without the unit): `690,0`, `-57,5`, `4,0`. */
export function formatFigure(f: Pick<Figure, 'amount' | 'unit' | 'decimals'>): string {
  return formatIn(f.amount, f.unit, f.decimals, false);
}

/** A figure as printed with its unit: `690,0 Mio. €`, `4,0 %`. */
export function formatFigureWithUnit(f: Pick<Figure, 'amount' | 'unit' | 'decimals'>): string {
  return `${formatFigure(f)} ${UNIT_LABEL[f.unit]}`;
}

/** An amount in kept units printed in a unit with the given decimals (and the unit, unless `withUnit` is false). */
export function formatIn(amount: number, unit: FigureUnit, places: number, withUnit = true): string {
  // never finer than the kept unit (cents, hundredths of a percent)
  const decimals = Math.min(places, Math.round(Math.log10(UNIT_FACTOR[unit])));
  const text = formatScaled(printedDigits(amount, unit, decimals), decimals);
  return withUnit ? `${text} ${UNIT_LABEL[unit]}` : text;
}
