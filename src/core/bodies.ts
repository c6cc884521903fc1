/**
 * Who bestätigt and beschließt a budget, by the kind of body that has it: a Gemeinde's Rat and Bürgermeister
 * (GO NRW § 80), a Kreis's Kreistag and Landrat (KrO NRW § 53 Abs. 1 with GO NRW § 80), a Landschaftsverband's
 * Landschaftsversammlung, the Städteregion's Städteregionstag. The kinds and how they are told from a budget's
 * name or the running header of its document are data (`data/workflow/bodies.json`); the stage labels of the
 * version way (`STAGE_LABEL` in workflow.ts, written for a Gemeinde) are put in their words here. Pure.
 */
import bodies from '../../data/workflow/bodies.json' with { type: 'json' };
import { STAGE_LABEL, type Stage } from './workflow.js';

export interface Bodies {
  readonly kind: string;
  /** The council: Rat, Kreistag, … */
  readonly council: string;
  /** The council in the genitive with its article: "des Rates", "des Kreistags". */
  readonly councilGenitive: string;
  /** Who bestätigt the Entwurf: Bürgermeister, Landrat, … */
  readonly head: string;
}

const KINDS = bodies.kinds.map((k) => ({ ...k, patterns: k.match.map((m) => new RegExp(m, 'u')) }));
const DEFAULT: Bodies = KINDS.at(-1)!;

/** The bodies of a budget, told from its names (the name given at import, the document's running header). */
export function bodiesOf(...names: readonly (string | null | undefined)[]): Bodies {
  const texts = names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  const kind = KINDS.find((k) => k.patterns.some((p) => texts.some((t) => p.test(t))));
  const { kind: id, council, councilGenitive, head } = kind ?? DEFAULT;
  return { kind: id, council, councilGenitive, head };
}

/** A stage's label in the words of the budget's bodies: "Beschluss des Kreistags", "Vom Landrat bestätigter Entwurf". */
export function stageLabelOf(stage: Stage, b: Bodies): string {
  switch (stage) {
    case 'bestaetigt':
      return `Vom ${b.head} bestätigter Entwurf`;
    case 'beschluss':
      return `Beschluss ${b.councilGenitive}`;
    default:
      return STAGE_LABEL[stage];
  }
}
