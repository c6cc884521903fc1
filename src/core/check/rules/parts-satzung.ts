/**
 * `satzung`: the figures of a Haushaltssatzung (§ 78 Abs. 2 GO NRW) against the plans: each Gesamtbetrag
 * against the Gesamtergebnisplan or Gesamtfinanzplan lines it is made of (`data/parts/nrw-satzung.json`, the
 * other Länder's Gesamtpläne by `satzung-laender.json`; the
 * Teilpläne through the roll-up where the budget prints no Gesamtplan), the Verpflichtungsermächtigungen against
 * the VE column, and the Inanspruchnahme der Rücklagen against the Fehlbetrag of the Jahresergebnis (together:
 * how a Fehlbetrag is split between the Rücklagen the plans do not say). Figures the plans do not hold
 * (Liquiditätskredite, Hebesätze) are not checked. Findings on the Haushalt node, `line` the figure's id.
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, Column } from '../../model.js';
import { gesamtNode, gesamtSum, partTolerance, type PartAmount } from '../../parts/amounts.js';
import { deriveSatzung, ergebnisLand, jahresergebnisSum } from '../../parts/satzung.js';
import { SATZUNG, satzungLines } from '../../parts/spec.js';
import { comparePart } from '../parts.js';
import { HALF_EURO } from '../values.js';

const RULE = 'satzung';

function run(budget: Budget, scope?: Scope): Finding[] {
  const s = budget.parts?.satzung;
  const node = gesamtNode(budget)?.code;
  if (!s || !inScope(scope, node ?? NO_NODE)) return [];
  const out: Finding[] = [];
  for (const spec of SATZUNG.figures) {
    const printed = s.figures[spec.id];
    if (!printed || !spec.plan || !spec.lines || !spec.column) continue;
    const column: Column = { kind: spec.column, year: s.year };
    const sum = gesamtSum(budget, spec.plan, (schema) => satzungLines(spec.id, schema), column);
    if (!sum || sum.unknown) continue;
    const f = comparePart({
      rule: RULE,
      node,
      plan: spec.plan,
      line: spec.id,
      column,
      subject: `Haushaltssatzung § ${spec.paragraph}, ${spec.label}`,
      basis: sum.basis,
      printed,
      expected: Math.abs(sum.amount),
      tolerance: sum.tolerance,
    });
    if (f) out.push(f);
  }
  const a = s.figures.ausgleichsruecklage;
  const b = s.figures.allgemeineRuecklage;
  // the Inanspruchnahme der Rücklagen as § 75 GO NRW has it
  const sum = ergebnisLand(budget) === 'NW' ? jahresergebnisSum(budget, 'ansatz', s.year) : undefined;
  const result = sum && !sum.unknown ? sum.amount : undefined;
  if ((a || b) && result !== undefined) {
    const together: PartAmount = {
      amount: (a?.amount ?? 0) + (b?.amount ?? 0),
      decimals: a?.decimals === 2 && (b?.decimals ?? 2) === 2 ? 2 : 0,
      ...((a ?? b)?.source ? { source: (a ?? b)!.source! } : {}),
    };
    const f = comparePart({
      rule: RULE,
      node,
      plan: 'gesamtergebnisplan',
      line: 'ruecklagen',
      column: { kind: 'ansatz', year: s.year },
      subject:
        'Haushaltssatzung § 4, Inanspruchnahme der Ausgleichsrücklage und Verringerung der allgemeinen Rücklage zusammen',
      basis: `der Fehlbetrag des Jahresergebnisses (${sum!.basis})`,
      printed: together,
      expected: Math.max(0, -result),
      tolerance: a && b ? HALF_EURO : 0,
    });
    if (f) out.push(f);
  }
  // with the development of the Rücklagen, the split: the Ausgleichsrücklage covers the Fehlbetrag as far as
  // its Bestand at 1 January goes (§ 75 Abs. 2 and 4 GO NRW)
  const split = budget.parts?.ruecklagen && !s.derived ? deriveSatzung(budget) : undefined;
  const expected = split?.figures.ausgleichsruecklage;
  if (a && expected && result !== undefined) {
    const f = comparePart({
      rule: RULE,
      node,
      plan: 'gesamtergebnisplan',
      line: 'ausgleichsruecklage',
      column: { kind: 'ansatz', year: s.year },
      subject: 'Haushaltssatzung § 4, Inanspruchnahme der Ausgleichsrücklage',
      basis: `der Fehlbetrag, soweit der Bestand der Ausgleichsrücklage am 01.01.${s.year} (Entwicklung der Rücklagen) reicht`,
      printed: a,
      expected: expected.amount,
      tolerance: partTolerance(expected),
    });
    if (f) out.push(f);
  }
  return out;
}

export const satzung: Rule = {
  id: RULE,
  title: 'Haushaltssatzung gegen Gesamtpläne',
  run,
};
