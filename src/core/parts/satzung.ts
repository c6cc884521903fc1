/**
 * The Haushaltssatzung (§ 78 GO NRW; for a Kreis § 53 KrO NRW): its figures derived from the plans — the
 * Gesamtbeträge of the Ergebnisplan and of the Finanzplan, the Kredite für Investitionen and the
 * Verpflichtungsermächtigungen from the Gesamtpläne (or, where the budget prints none, from the Teilpläne through
 * the roll-up), the use of the Rücklagen from the Jahresergebnis, the year of the Haushaltsausgleich from the
 * planning years — and what no plan holds, given by the treasurer (`SatzungInput`): the Höchstbetrag der
 * Liquiditätskredite, the Hebesätze or the Kreisumlage, the date of the decision, the template of the text. The
 * figures are data (`data/parts/nrw-satzung.json`); amounts as the Satzung prints them, positive. Pure.
 */
import { topNodes } from '../hierarchy.js';
import { planOf, type Budget, type Plan, type Source } from '../model.js';
import type { Cents } from '../money.js';
import { exact, fromSum, gesamtNode, gesamtSum, type PartAmount, type PlanSum } from './amounts.js';
import { halfStep } from './figure.js';
import { schemaById } from '../schema.js';
import { SATZUNG, landOfSchema, satzungLaw, satzungLines, type SatzungFigureSpec } from './spec.js';

export type Koerperschaft = 'gemeinde' | 'kreis';

/** A Hebesatz as the Satzung names it: "Grundsteuer B" with "495" (v. H.), kept as printed. */
export interface Hebesatz {
  readonly name: string;
  /** The rate in percent as a decimal string with `,` ("495", "34,5"). */
  readonly satz: string;
}

/** What the treasurer gives: not in the plans. */
export interface SatzungInput {
  readonly kind?: Koerperschaft;
  /** The body as the Satzung names it: "der Stadt Musterstadt", "des Kreises Coesfeld". */
  readonly name?: string;
  readonly liquiditaetskredite?: Cents;
  readonly hebesaetze?: readonly Hebesatz[];
  /** The Kreisumlage in percent of the Umlagegrundlagen ("34,5"). */
  readonly kreisumlage?: string;
  /**
   * The Ausgleichsrücklage available at the start of the year, for the split of a Fehlbetrag between the
   * Ausgleichsrücklage and the allgemeine Rücklage (§ 75 Abs. 3 and 4 GO NRW).
   */
  readonly ausgleichsruecklage?: Cents;
  /** The year the Haushaltsausgleich is reached, where the plans do not show it (a Haushaltssicherungskonzept). */
  readonly ausgleichJahr?: number;
  readonly beschlussdatum?: string;
  /** The text's template (`data/parts/haushaltssatzung-nrw.txt` edited by the treasurer). */
  readonly template?: string;
}

export interface Satzung {
  readonly year: number;
  readonly kind: Koerperschaft;
  readonly name?: string;
  /** By figure id (`data/parts/nrw-satzung.json`), positive as printed. */
  readonly figures: Readonly<Record<string, PartAmount>>;
  readonly hebesaetze?: readonly Hebesatz[];
  readonly kreisumlage?: string;
  readonly ausgleichJahr?: number;
  readonly beschlussdatum?: string;
  readonly template?: string;
  /** How the Inanspruchnahme der Rücklagen was found (German), for the reader of a derived Satzung. */
  readonly ruecklagenBasis?: string;
  /** Derived from the plans (not printed). */
  readonly derived?: true;
  readonly source?: Source;
}

/** The Jahresergebnis of a year (signed: a Fehlbetrag negative), from the Gesamtergebnisplan or its Teilpläne. */
export function jahresergebnis(budget: Budget, kind: 'ansatz' | 'planung', year: number): Cents | undefined {
  const s = jahresergebnisSum(budget, kind, year);
  return s && !s.unknown ? s.amount : undefined;
}

/** The Jahresergebnis with what it was summed from ("Gesamtergebnisplan, Zeile 28"), in any Land's plans. */
export function jahresergebnisSum(
  budget: Budget,
  kind: 'ansatz' | 'planung',
  year: number,
): PlanSum | undefined {
  return gesamtSum(budget, 'gesamtergebnisplan', (schema) => satzungLines('jahresergebnis', schema), {
    kind,
    year,
  });
}

/**
 * The Ausgleichsrücklage available at the start of the year: from the development of the Rücklagen where the
 * budget carries it (`Budget.parts.ruecklagen`, the year's "Ausgleichsrücklage am 01.01.", with the rounding of
 * its print: ± half its last digit), else what the treasurer gives.
 */
export function ausgleichsruecklageBestand(
  budget: Budget,
  input: SatzungInput,
): { readonly amount: Cents; readonly tolerance: Cents; readonly basis: string } | undefined {
  const year = budget.year;
  const figure = budget.parts?.ruecklagen?.years.find((y) => y.year === year)?.figures.ausgleichAnfang;
  if (figure && year !== undefined)
    return {
      amount: figure.amount,
      tolerance: halfStep(figure),
      basis: `aus dem Jahresergebnis und dem Bestand der Ausgleichsrücklage am 01.01.${year} laut Entwicklung der Rücklagen`,
    };
  if (input.ausgleichsruecklage === undefined) return undefined;
  return {
    amount: input.ausgleichsruecklage,
    tolerance: 0,
    basis: 'aus dem Jahresergebnis und dem Bestand der Ausgleichsrücklage',
  };
}

/** The first year of the planning period whose Jahresergebnis is balanced, when the budget year's is not. */
function ausgleichJahr(budget: Budget, year: number): number | undefined {
  const first = jahresergebnis(budget, 'ansatz', year);
  if (first === undefined || first >= 0) return undefined;
  for (let y = year + 1; y <= year + 3; y++) {
    const r = jahresergebnis(budget, 'planung', y);
    if (r !== undefined && r >= 0) return y;
  }
  return undefined;
}

/** The Ergebnisplan whose schema says the budget's Land: the Gesamtergebnisplan, else a top unit's Teilplan. */
function ergebnisPlan(budget: Budget): Plan | undefined {
  const gesamt = gesamtNode(budget);
  return (
    (gesamt && planOf(gesamt, 'gesamtergebnisplan')) ??
    topNodes(budget)
      .map((n) => planOf(n, 'teilergebnisplan'))
      .find((p) => p !== undefined)
  );
}

/** The Land whose Ergebnisplan the budget prints (by its schema), for what one Land's law alone says. */
export function ergebnisLand(budget: Budget): string | undefined {
  const plan = ergebnisPlan(budget);
  return plan ? landOfSchema(plan.schemaId) : undefined;
}

/**
 * What another Land's Satzung text says in its own words (`data/parts/haushaltssatzung-laender.txt`): the law
 * that sets it and how the Land names the plans ("Ergebnishaushalt", "Ergebnisplan", as its schema's title);
 * undefined for NRW.
 */
export function satzungWording(
  budget: Budget,
): { readonly gesetz: string; readonly ergebnisplan: string; readonly finanzplan: string } | undefined {
  const schema = schemaById(ergebnisPlan(budget)?.schemaId ?? '');
  if (!schema || schema.land === 'NW') return undefined;
  const haushalt = schema.title.split(' (')[0]!.endsWith('haushalt');
  const law = satzungLaw(schema.land);
  return {
    gesetz: law ? `des ${law}` : 'des Kommunalrechts des Landes',
    ergebnisplan: haushalt ? 'Ergebnishaushalt' : 'Ergebnisplan',
    finanzplan: haushalt ? 'Finanzhaushalt' : 'Finanzplan',
  };
}

/**
 * The figures a budget's Satzung sets, with their paragraphs: NRW's Muster as it is; in another Land without
 * the Rücklagen of § 75 GO NRW (unless printed), the paragraphs counted on as the Länder's template has them.
 */
export function satzungFigures(
  budget: Budget,
  printed?: Satzung,
): readonly (SatzungFigureSpec & { readonly paragraph: number })[] {
  if ((ergebnisLand(budget) ?? 'NW') === 'NW') return SATZUNG.figures;
  const kept = SATZUNG.figures.filter((f) => f.derived === undefined || printed?.figures[f.id] !== undefined);
  const paragraphs = [...new Set(kept.map((f) => f.paragraph))];
  return kept.map((f) => ({ ...f, paragraph: paragraphs.indexOf(f.paragraph) + 1 }));
}

/** The Satzung of the budget year, derived from the plans and the treasurer's input; undefined without year. */
export function deriveSatzung(budget: Budget, input: SatzungInput = {}): Satzung | undefined {
  const year = budget.year;
  if (year === undefined) return undefined;
  const figures: Record<string, PartAmount> = {};
  for (const f of SATZUNG.figures) {
    if (!f.plan || !f.lines || !f.column) continue;
    const s = gesamtSum(budget, f.plan, (schema) => satzungLines(f.id, schema), { kind: f.column, year });
    if (s && !s.unknown) figures[f.id] = fromSum(s, true);
  }
  const result = jahresergebnis(budget, 'ansatz', year);
  let ruecklagenBasis: string | undefined;
  // how a Fehlbetrag falls on the Ausgleichsrücklage and the allgemeine Rücklage is § 75 GO NRW's
  if (result !== undefined && ergebnisLand(budget) === 'NW') {
    const fehlbetrag = Math.max(0, -result);
    const bestand = ausgleichsruecklageBestand(budget, input);
    const ausgleich = bestand === undefined ? fehlbetrag : Math.min(fehlbetrag, Math.max(0, bestand.amount));
    // the split rests on the Bestand where the Fehlbetrag exceeds it: its rounding carries over
    const tolerance =
      bestand !== undefined && fehlbetrag > bestand.amount - bestand.tolerance ? bestand.tolerance : 0;
    const withTolerance = (amount: Cents): PartAmount =>
      tolerance > 0 ? { amount, decimals: 2, tolerance } : exact(amount);
    figures.ausgleichsruecklage = withTolerance(ausgleich);
    figures.allgemeineRuecklage = withTolerance(fehlbetrag - ausgleich);
    ruecklagenBasis =
      bestand === undefined
        ? 'aus dem Jahresergebnis; ohne Bestand der Ausgleichsrücklage ganz der Ausgleichsrücklage zugerechnet'
        : bestand.basis;
  }
  if (input.liquiditaetskredite !== undefined) figures.liquiditaetskredite = exact(input.liquiditaetskredite);
  // a Kreis by its budget's running header ("Kreishaushalt") where the treasurer does not say
  const kind = input.kind ?? (/^\s*Kreis/iu.test(budget.title ?? '') ? 'kreis' : 'gemeinde');
  const jahr = input.ausgleichJahr ?? ausgleichJahr(budget, year);
  return {
    year,
    kind,
    ...(input.name !== undefined ? { name: input.name } : {}),
    figures,
    ...(input.hebesaetze && kind === 'gemeinde' ? { hebesaetze: input.hebesaetze } : {}),
    ...(input.kreisumlage !== undefined && kind === 'kreis' ? { kreisumlage: input.kreisumlage } : {}),
    ...(jahr !== undefined ? { ausgleichJahr: jahr } : {}),
    ...(input.beschlussdatum !== undefined ? { beschlussdatum: input.beschlussdatum } : {}),
    ...(input.template !== undefined ? { template: input.template } : {}),
    ...(ruecklagenBasis ? { ruecklagenBasis } : {}),
    derived: true,
  };
}
