/**
 * `stellenplan-summen`: the Stellenplan and Stellenübersicht (`Budget.parts.stellenplan`, § 8 KomHVO NRW)
 * add up exactly at every level: Beamte + Tarif = Gesamt per row and year, the units (Produktgruppen) to
 * their Produktbereich, the Produktbereiche (or the sums of Beamte and Beschäftigte, or the pay groups) to the
 * total, the Besoldungs- and Entgeltgruppen to their sums. Posts are printed exactly (hundredths of a post),
 * so every difference is an error, located at the printed sum.
 */
import { NO_NODE, inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';
import { CATEGORY_LABEL, formatStellen, stellenDifferences } from '../../parts/stellenplan.js';

const ID = 'stellenplan-summen';

function run(budget: Budget, scope?: Scope): Finding[] {
  const plan = budget.parts?.stellenplan;
  if (!plan || !inScope(scope, NO_NODE)) return [];
  return stellenDifferences(plan).map((d) => {
    const name = [d.row.code, d.row.name].filter((x, i, all) => x && all.indexOf(x) === i).join(' ');
    return {
      severity: 'error',
      rule: ID,
      message:
        `Stellenplan ${d.year}, ${name}, ${CATEGORY_LABEL[d.category]}: gedruckt ${formatStellen(d.printed.value)} Stellen, ` +
        `${d.relation} ergibt ${formatStellen(d.computed)} (Abweichung ${formatStellen(d.printed.value - d.computed)})`,
      line: d.row.code ?? d.row.name,
      kind: 'ansatz',
      year: d.year,
      ...(d.printed.source ? { source: d.printed.source } : {}),
    } satisfies Finding;
  });
}

export const stellenplanSummen: Rule = {
  id: ID,
  title: 'Stellenplan: Beamte + Tarif = Gesamt, Produktgruppen zu Produktbereichen zur Gesamtsumme',
  run,
};
