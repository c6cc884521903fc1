/**
 * The way a budget version goes (GO NRW §§ 80, 81, 82; § 95/96 for the Jahresabschluss), as data, and who may
 * do what to a version in each stage. Pure: the store and the server ask these functions, nothing else decides.
 *
 * ```
 * anmeldung ─▶ entwurf ─▶ bestaetigt ─▶ ausgelegt ─▶ veraenderungsliste ─▶ beschluss ─▶ angezeigt ─▶ bekanntgemacht
 *   (Fachbereiche)  (Kämmerei)  (Bürgermeister)  (Einwendungen)  (Rat, Änderungen)   (frozen)
 * nachtrag: a new line of versions based on a Beschluss, starting at `entwurf`
 * ergebnis: the actuals (Jahresabschluss), based on a Beschluss, one stage `ergebnis`
 * ```
 *
 * Every step forward makes a new version (a copy) and closes the one before it, so that each stage stays as
 * it was and any two can be compared (the Veränderungsnachweis).
 */
export type Stage =
  | 'anmeldung'
  | 'entwurf'
  | 'bestaetigt'
  | 'ausgelegt'
  | 'veraenderungsliste'
  | 'beschluss'
  | 'angezeigt'
  | 'bekanntgemacht'
  | 'ergebnis';

export const STAGES: readonly Stage[] = [
  'anmeldung',
  'entwurf',
  'bestaetigt',
  'ausgelegt',
  'veraenderungsliste',
  'beschluss',
  'angezeigt',
  'bekanntgemacht',
  'ergebnis',
];

export const STAGE_LABEL: Readonly<Record<Stage, string>> = {
  anmeldung: 'Anmeldungen der Fachbereiche',
  entwurf: 'Entwurf der Kämmerei',
  bestaetigt: 'Vom Bürgermeister bestätigter Entwurf',
  ausgelegt: 'Öffentlich ausgelegter Entwurf',
  veraenderungsliste: 'Veränderungsliste',
  beschluss: 'Beschluss des Rates',
  angezeigt: 'Der Aufsichtsbehörde angezeigt',
  bekanntgemacht: 'Öffentlich bekanntgemacht',
  ergebnis: 'Ergebnis (Jahresabschluss)',
};

export type VersionKind = 'haushalt' | 'nachtrag' | 'ergebnis';

/** The stages an import may create: the Anmeldungen or the Kämmerei's Entwurf; later ones only by `advance`. */
export const IMPORT_STAGES = ['anmeldung', 'entwurf'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** Why an import may not create a version in `stage` (German), or undefined when it may. */
export function importStageRefusal(stage: string): string | undefined {
  if ((IMPORT_STAGES as readonly string[]).includes(stage)) return undefined;
  const label = (STAGE_LABEL as Readonly<Record<string, string>>)[stage];
  const allowed = IMPORT_STAGES.map((x) => `„${STAGE_LABEL[x]}“ (${x})`).join(' oder ');
  return label === undefined
    ? `Unbekannte Stufe „${stage.slice(0, 40)}“; ein Import beginnt als ${allowed}.`
    : `Ein Import beginnt als ${allowed}; „${label}“ wird nur über die Verfahrensschritte erreicht.`;
}

/** The stage that follows, or undefined at the end of the way. */
export function nextStage(stage: Stage): Stage | undefined {
  switch (stage) {
    case 'anmeldung':
      return 'entwurf';
    case 'entwurf':
      return 'bestaetigt';
    case 'bestaetigt':
      return 'ausgelegt';
    case 'ausgelegt':
      return 'veraenderungsliste';
    case 'veraenderungsliste':
      return 'beschluss';
    case 'beschluss':
      return 'angezeigt';
    case 'angezeigt':
      return 'bekanntgemacht';
    case 'bekanntgemacht':
    case 'ergebnis':
      return undefined;
  }
}

/** Stages whose content is frozen forever once reached. */
export function isFrozenStage(stage: Stage): boolean {
  return stage === 'beschluss' || stage === 'angezeigt' || stage === 'bekanntgemacht';
}

/** A Nachtrag or an Ergebnis is based on a Beschluss (or a later stage of it). */
export function canBaseOn(stage: Stage): boolean {
  return isFrozenStage(stage);
}

/** Whether the version a step forward makes is public: the Entwurf while displayed, the budget once announced. */
export function publicAfterAdvance(publicRead: boolean, next: Stage): boolean {
  return publicRead || next === 'ausgelegt' || next === 'bekanntgemacht';
}

/**
 * The first stage and the label of a Nachtrag or an Ergebnis derived from a Beschluss; `earlier` is how many
 * versions of that kind the budget has already.
 */
export function derivedVersion(
  kind: 'nachtrag' | 'ergebnis',
  earlier: number,
): { readonly stage: Stage; readonly label: string } {
  return kind === 'nachtrag'
    ? { stage: 'entwurf', label: `${earlier + 1}. Nachtrag – Entwurf` }
    : { stage: 'ergebnis', label: STAGE_LABEL.ergebnis };
}

export type Role = 'kaemmerei' | 'fachbereich' | 'leser';
export const ROLES: readonly Role[] = ['kaemmerei', 'fachbereich', 'leser'];
export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  kaemmerei: 'Kämmerei',
  fachbereich: 'Fachbereich',
  leser: 'Leser',
};

/** Who acts: a logged-in user, an API token's user, or the command line (`system`, all rights). */
export interface Actor {
  readonly id: number | null;
  readonly name: string;
  readonly role: Role | 'system';
  /** Produktbereich codes a Fachbereich user is assigned to. */
  readonly produktbereiche: readonly string[];
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system', produktbereiche: [] };

export interface VersionState {
  readonly stage: Stage;
  /** Closed: a later stage was made from it; nothing changes any more. */
  readonly closed: boolean;
  /** The Kämmerei allows Fachbereiche to edit this Entwurf within their Produktbereiche. */
  readonly fachbereichEdit: boolean;
  readonly publicRead: boolean;
}

function isKaemmerei(actor: Actor): boolean {
  return actor.role === 'kaemmerei' || actor.role === 'system';
}

/** Whether a node code lies within one of the given Produktbereiche (its own code or a code below it). */
export function withinProduktbereiche(code: string, produktbereiche: readonly string[]): boolean {
  return produktbereiche.some((pb) => code === pb || code.startsWith(`${pb}.`));
}

/**
 * May the actor change content (cells, Erläuterungen, descriptions) of `nodeCode` in the version?
 * `produktbereich`: the Produktbereich the node belongs to (`produktbereichOf` in `access.ts`).
 */
export function mayEdit(
  actor: Actor,
  version: VersionState,
  nodeCode: string,
  produktbereich?: string,
): boolean {
  if (version.closed || !isEditableStage(version.stage)) return false;
  if (isKaemmerei(actor)) return true;
  if (actor.role !== 'fachbereich') return false;
  const allowed = version.stage === 'anmeldung' || (version.stage === 'entwurf' && version.fachbereichEdit);
  return allowed && withinProduktbereiche(produktbereich ?? nodeCode, actor.produktbereiche);
}

export function isEditableStage(stage: Stage): boolean {
  return (
    stage === 'anmeldung' || stage === 'entwurf' || stage === 'veraenderungsliste' || stage === 'ergebnis'
  );
}

/** Moving a version on, making Nachträge and Ergebnisse, settings, users, imports, accepting findings. */
export function mayAdminister(actor: Actor): boolean {
  return isKaemmerei(actor);
}

/** Einwendungen are recorded while the Entwurf is publicly displayed. */
export function mayRecordEinwendung(actor: Actor, version: VersionState): boolean {
  return isKaemmerei(actor) && version.stage === 'ausgelegt' && !version.closed;
}

/**
 * The Rat decides on the Einwendungen in public session (GO NRW § 80 Abs. 4); the Kämmerei records each one's
 * answer and decision while the Entwurf is ausgelegt (also once it went on: the answers go to the Beschluss).
 */
export function mayAnswerEinwendung(actor: Actor, version: VersionState): boolean {
  return isKaemmerei(actor) && version.stage === 'ausgelegt';
}

/** What was decided on an Einwendung (GO NRW § 80 Abs. 4). */
export const EINWENDUNG_DECISIONS = ['stattgegeben', 'teilweise', 'zurueckgewiesen'] as const;
export type EinwendungDecision = (typeof EINWENDUNG_DECISIONS)[number];
export const EINWENDUNG_DECISION_LABEL: Readonly<Record<EinwendungDecision, string>> = {
  stattgegeben: 'Stattgegeben',
  teilweise: 'Teilweise stattgegeben',
  zurueckgewiesen: 'Zurückgewiesen',
};
