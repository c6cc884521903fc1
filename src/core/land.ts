/**
 * The Land of a budget, from the line schemas its plans were read with: each schema names its Land (`HE`,
 * `NW`, …), and one budget is the budget of one municipality, so of one Land. Schemas without a Land (sums-only
 * schemas that fit every Land) do not count. Pure.
 */
import type { Budget } from './model.js';
import { landName, schemaById } from './schema.js';

/** The Länder of a budget's plans, each with the schemas that name it, in the order first met. */
export function landsOf(
  budget: Budget,
): readonly { readonly land: string; readonly schemas: readonly string[] }[] {
  const byLand = new Map<string, Set<string>>();
  for (const node of budget.nodes) {
    for (const plan of node.plans) {
      const land = schemaById(plan.schemaId)?.land ?? '';
      if (land === '' || land === '*') continue;
      const set = byLand.get(land) ?? new Set<string>();
      set.add(plan.schemaId);
      byLand.set(land, set);
    }
  }
  return [...byLand].map(([land, schemas]) => ({ land, schemas: [...schemas] }));
}

/** The budget's Land: as recorded, else from its plans when they name exactly one. */
export function budgetLand(budget: Budget): string | undefined {
  if (budget.land !== undefined) return budget.land;
  const lands = landsOf(budget);
  return lands.length === 1 ? lands[0]!.land : undefined;
}

/**
 * The budget with its Land recorded, or a German message when its plans were read with schemas of several
 * Länder (one budget is one municipality's: a plan read with another Land's schema is misread).
 */
export function withLand(budget: Budget): { readonly budget: Budget } | { readonly message: string } {
  const lands = landsOf(budget);
  if (lands.length > 1) {
    const parts = lands.map((l) => `${landName(l.land)} (${l.schemas.join(', ')})`);
    return {
      message: `Die Pläne gehören zu verschiedenen Ländern: ${parts.join(' und ')}; ein Haushalt folgt dem Muster eines Landes (erwartet: alle Pläne nach den Zeilenschemata eines Landes)`,
    };
  }
  if (lands.length === 0) return { budget };
  return { budget: { ...budget, land: lands[0]!.land } };
}

/** "Hessen (Schemata he-2012-teilergebnisplan, he-2012-gesamtergebnisplan)", for reports. */
export function describeLand(budget: Budget): string | undefined {
  const land = budgetLand(budget);
  if (land === undefined) return undefined;
  const schemas = landsOf(budget).find((l) => l.land === land)?.schemas ?? [];
  return `${landName(land)}${schemas.length > 0 ? ` (Schema${schemas.length > 1 ? 'ta' : ''} ${schemas.join(', ')})` : ''}`;
}
