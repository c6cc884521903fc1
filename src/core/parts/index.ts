/**
 * The Haushaltsplan's parts beyond the Teilpläne and Gesamtpläne (§ 1 KomHVO NRW): Haushaltssatzung,
 * Übersichten (Haushaltsquerschnitt, Verpflichtungsermächtigungen), Stellenplan, Eigenkapital and Rücklagen.
 * Each part has its own module here (model, derivation from the plans where the law derives it); a budget carries
 * the parts it was given (imported or edited) in `Budget.parts`. Pure.
 */
import type { Ruecklagen } from './ruecklagen.js';
import type { Stellenplan } from './stellenplan.js';

import type { Fraktionen } from './fraktionen.js';
import type { Investitionsprogramm } from './investitionsprogramm.js';
import type { Querschnitt } from './querschnitt.js';
import type { Satzung } from './satzung.js';
import type { VeUebersicht } from './ve.js';
import type { Verbindlichkeiten } from './verbindlichkeiten.js';
import type { Vorbericht } from './vorbericht.js';

/** The parts a budget holds; each is optional (a plan may publish only some). */
export interface BudgetParts {
  readonly _?: never;
  readonly satzung?: Satzung;
  readonly querschnitt?: Querschnitt;
  readonly veUebersicht?: VeUebersicht;
  /** Entwicklung des Eigenkapitals: allgemeine Rücklage and Ausgleichsrücklage (ruecklagen.ts). */
  readonly ruecklagen?: Ruecklagen;
  /** Stellenplan and Stellenübersicht (§ 8 KomHVO NRW; stellenplan.ts). */
  readonly stellenplan?: Stellenplan;
  /** Übersicht über den voraussichtlichen Stand der Verbindlichkeiten (verbindlichkeiten.ts). */
  readonly verbindlichkeiten?: Verbindlichkeiten;
  /** Übersicht über die Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW; fraktionen.ts). */
  readonly fraktionen?: Fraktionen;
  /** The Investitionsprogramm over the planning years (investitionsprogramm.ts). */
  readonly investitionsprogramm?: Investitionsprogramm;
  /** The treasurer's text of the Vorbericht (vorbericht.ts; its key figures come from the model). */
  readonly vorbericht?: Vorbericht;
}
