/**
 * The Vorbericht (§ 7 KomHVO NRW: it gives an overview of the budget's key figures and of the development of the
 * Haushaltswirtschaft): the key figures derived from the model — the Gesamtbeträge of the Ergebnisplan and the
 * Jahresergebnis, the Einzahlungen and Auszahlungen aus Investitionstätigkeit, the Kredite für Investitionen and
 * the Verpflichtungsermächtigungen (as the Satzung states them), the Investitionsprogramm of the year — and the
 * treasurer's text (`Budget.parts.vorbericht`), which the book prints above them. Pure.
 */
import type { Budget } from '../model.js';
import type { Cents } from '../money.js';
import { deriveInvestitionsprogramm } from './investitionsprogramm.js';
import { deriveSatzung, jahresergebnis } from './satzung.js';

/** The treasurer's text of the Vorbericht (paragraphs separated by blank lines). */
export interface Vorbericht {
  readonly text: string;
}

export interface KeyFigure {
  readonly label: string;
  /** Signed: a Fehlbetrag negative; the Gesamtbeträge positive as the Satzung prints them. */
  readonly amount: Cents;
}

const FIGURES: readonly (readonly [string, string])[] = [
  ['ertraege', 'Gesamtbetrag der Erträge'],
  ['aufwendungen', 'Gesamtbetrag der Aufwendungen'],
  ['einzahlungenInv', 'Einzahlungen aus Investitionstätigkeit'],
  ['auszahlungenInv', 'Auszahlungen aus Investitionstätigkeit'],
  ['kredite', 'Kredite für Investitionen'],
  ['ve', 'Verpflichtungsermächtigungen'],
];

/** The key figures of the budget year (none without a year). */
export function keyFigures(budget: Budget): KeyFigure[] {
  const year = budget.year;
  if (year === undefined) return [];
  const satzung = budget.parts?.satzung ?? deriveSatzung(budget);
  const out: KeyFigure[] = [];
  for (const [id, label] of FIGURES.slice(0, 2)) {
    const a = satzung?.figures[id];
    if (a) out.push({ label, amount: a.amount });
  }
  const je = jahresergebnis(budget, 'ansatz', year);
  if (je !== undefined) out.push({ label: 'Jahresergebnis', amount: je });
  for (const [id, label] of FIGURES.slice(2)) {
    const a = satzung?.figures[id];
    if (a) out.push({ label, amount: a.amount });
  }
  const p = budget.parts?.investitionsprogramm ?? deriveInvestitionsprogramm(budget);
  const total = p?.sum?.amounts[`ansatz:${year}`];
  if (total)
    out.push({ label: `Investitionsprogramm ${year} (Auszahlungen)`, amount: Math.abs(total.amount) });
  return out;
}
