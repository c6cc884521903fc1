/**
 * The parts of a budget as the book prints them, for comparing a budget's parts with the parts read back from
 * its book: every amount and number, the labels as printed (spaces collapsed), no sources (they point into
 * different files), whole euros where the book prints whole euros (the Querschnitt, the VE overview).
 */
import { roundToEuro } from '../src/core/money.js';
import type { PartAmount } from '../src/core/parts/amounts.js';
import type { BudgetParts } from '../src/core/parts/index.js';
import type { Satzung } from '../src/core/parts/satzung.js';

const text = (s: string | undefined): string | undefined => s?.replace(/\s+/gu, ' ').trim();
const euros = (a: PartAmount | undefined): number | undefined => (a ? roundToEuro(a.amount) : undefined);
const amounts = (r: Readonly<Record<string, PartAmount | undefined>>): Record<string, number | undefined> =>
  Object.fromEntries(
    Object.entries(r)
      .filter(([, a]) => a !== undefined)
      .map(([k, a]) => [k, euros(a)]),
  );

export function comparable(s: Satzung | undefined): unknown {
  if (!s) return undefined;
  return {
    year: s.year,
    kind: s.kind,
    figures: amounts(s.figures),
    hebesaetze: s.hebesaetze?.map((h) => [h.name, h.satz]),
    kreisumlage: s.kreisumlage,
    ausgleichJahr: s.ausgleichJahr,
  };
}

/** Each part a budget holds, comparable (the Vorbericht's text is not printed as a part: left out). */
export function partsOf(p: BudgetParts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.satzung) out.satzung = comparable(p.satzung);
  if (p.querschnitt)
    out.querschnitt = {
      year: p.querschnitt.year,
      columns: p.querschnitt.columns,
      rows: [...p.querschnitt.rows, ...(p.querschnitt.sum ? [p.querschnitt.sum] : [])].map((r) => [
        r.code,
        text(r.name),
        amounts(r.amounts),
      ]),
    };
  if (p.veUebersicht) {
    const v = p.veUebersicht;
    out.veUebersicht = {
      year: v.year,
      years: v.years,
      rows: [...v.rows, ...(v.sum ? [v.sum] : [])].map((r) => [
        r.code,
        text(r.name),
        euros(r.ve),
        amounts(r.faellig),
      ]),
    };
  }
  if (p.ruecklagen)
    out.ruecklagen = {
      unit: p.ruecklagen.unit,
      years: [...p.ruecklagen.years]
        .sort((a, b) => a.year - b.year)
        .map((y) => [
          y.year,
          Object.fromEntries(
            Object.entries(y.figures).map(([id, f]) => [id, [f.amount, f.unit, f.decimals]]),
          ),
        ]),
    };
  if (p.stellenplan)
    out.stellenplan = {
      years: p.stellenplan.years,
      rows: p.stellenplan.rows.map((r) => ({
        role: r.role,
        // `pdftotext -layout` may drop the narrow space of a pay group ("B 4" → "B4")
        // a pay group's code is its name: the book prints it once
        code: (r.code ?? r.name).replace(/\s+/gu, ''),
        name: text(r.name)?.replace(/^([AB]|EG)\s(\d+)$/u, '$1$2'),
        values: r.values.map((v) => [v.category, v.year, v.value]).sort(),
        besetzt: r.besetzt?.map((b) => [b.category, b.year, b.date, b.value]),
      })),
    };
  if (p.investitionsprogramm) {
    const i = p.investitionsprogramm;
    out.investitionsprogramm = {
      year: i.year,
      columns: i.columns,
      rows: [...i.rows, ...(i.sum ? [i.sum] : [])].map((r) => [r.number, text(r.name), amounts(r.amounts)]),
    };
  }
  if (p.verbindlichkeiten) {
    const v = p.verbindlichkeiten;
    out.verbindlichkeiten = {
      year: v.year,
      columns: v.columns,
      rows: [...v.rows, ...(v.sum ? [v.sum] : [])].map((r) => [text(r.label), amounts(r.amounts)]),
    };
  }
  if (p.fraktionen) {
    const f = p.fraktionen;
    out.fraktionen = {
      columns: f.columns.map((c) => [c.id, c.label]),
      rows: [...f.rows, ...(f.sum ? [f.sum] : [])].map((r) => [text(r.name), amounts(r.amounts)]),
    };
  }
  return out;
}
