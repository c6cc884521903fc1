/**
 * The synthetic demo budget a first start without the sample gets (`src/cli/seed.ts`, made by `src/generate`):
 * its name, which every view that shows it repeats, so that synthetic figures are never taken for a real
 * municipality's. Pure.
 */
export const DEMO_BUDGET_NAME = 'Demohaushalt (synthetisch)';

/** The municipality the generator names in the demo's descriptions: plainly no real one. */
export const DEMO_MUNICIPALITY = 'Demostadt (erfunden)';

/** Whether a budget is the synthetic demo (by the name it was stored under). */
export function isDemoBudget(name: string): boolean {
  return name === DEMO_BUDGET_NAME;
}
