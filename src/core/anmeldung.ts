/**
 * The Anmeldung of the Fachbereiche (the departments' budget requests) as rules: who may enter a requested
 * figure, submit a Produktbereich, decide a request; the statuses and their German words; the refusals in
 * German. Pure: the store asks these functions and writes what they allow, the page shows what they say.
 *
 * The Kämmerei prepares the Entwurf of the Haushaltssatzung with its Anlagen (GO NRW § 80 Abs. 1); how it
 * gathers the departments' figures is the municipality's own organisation (the Muster of the Haushaltsplan,
 * KomHVO NRW § 4, knows only the result). The process here is the usual one of NRW Kämmereien:
 *
 * ```
 * Produktbereich:  in Arbeit ──(Fachbereich gibt ab)──▶ abgegeben ──(Kämmerei entscheidet alles)──▶ geprüft
 *                  abgegeben ──(Kämmerei gibt zur Überarbeitung zurück, Kommentar)──▶ in Arbeit
 * Anmeldung (one requested figure and a reason for one plan cell):
 *                  offen ──übernehmen──▶ übernommen (the figure written into the cell, as an edit)
 *                        ──ablehnen (Kommentar)──▶ abgelehnt (the cell keeps the Kämmerei's figure)
 * ```
 *
 * Requests are entered in a version in stage `anmeldung` and belong to it; the Kämmerei decides them there or
 * in the Entwurf made from it (the requests are read from the version the Entwurf came from). The cell keeps
 * the Kämmerei's figure until a request is taken over.
 */
import { mayEdit, withinProduktbereiche, type Actor, type Stage, type VersionState } from './workflow.js';

export type AreaStatus = 'in-arbeit' | 'abgegeben' | 'geprueft';
export const AREA_STATUSES: readonly AreaStatus[] = ['in-arbeit', 'abgegeben', 'geprueft'];
export const AREA_STATUS_LABEL: Readonly<Record<AreaStatus, string>> = {
  'in-arbeit': 'in Arbeit',
  abgegeben: 'abgegeben',
  geprueft: 'geprüft',
};

export type RequestStatus = 'offen' | 'uebernommen' | 'abgelehnt';
export const REQUEST_STATUSES: readonly RequestStatus[] = ['offen', 'uebernommen', 'abgelehnt'];
export const REQUEST_STATUS_LABEL: Readonly<Record<RequestStatus, string>> = {
  offen: 'offen',
  uebernommen: 'übernommen',
  abgelehnt: 'abgelehnt',
};

export type Decision = 'uebernehmen' | 'ablehnen';
export const DECISIONS: readonly Decision[] = ['uebernehmen', 'ablehnen'];

/** The state of the version a request is entered in or decided in. */
export interface AnmeldungVersion {
  readonly stage: Stage;
  readonly closed: boolean;
}

/** A refusal: `forbidden` (not this actor's to do) or `invalid` (not now), with its German message. */
export interface Refusal {
  readonly code: 'forbidden' | 'invalid';
  readonly message: string;
}

const forbidden = (message: string): Refusal => ({ code: 'forbidden', message });
const invalid = (message: string): Refusal => ({ code: 'invalid', message });

function isKaemmerei(actor: Actor): boolean {
  return actor.role === 'kaemmerei' || actor.role === 'system';
}

/** Who may read the Anmeldung of a Produktbereich: the Kämmerei, and a Fachbereich of that Produktbereich. */
export function mayReadAnmeldung(actor: Actor | undefined, produktbereich: string): boolean {
  if (!actor) return false;
  if (isKaemmerei(actor)) return true;
  return actor.role === 'fachbereich' && withinProduktbereiche(produktbereich, actor.produktbereiche);
}

/** Why the actor may not read any Anmeldung (a Leser, anonymous), or undefined. */
export function anmeldungReadRefusal(actor: Actor | undefined): Refusal | undefined {
  if (actor && (isKaemmerei(actor) || actor.role === 'fachbereich')) return undefined;
  return forbidden('Die Anmeldungen sind der Kämmerei und den Fachbereichen vorbehalten.');
}

function areaOwnerRefusal(actor: Actor, produktbereich: string, what: string): Refusal | undefined {
  if (actor.role !== 'fachbereich' && actor.role !== 'system')
    return forbidden(`${what} nur der Fachbereich des Produktbereichs; die Kämmerei entscheidet darüber.`);
  if (actor.role === 'fachbereich' && !withinProduktbereiche(produktbereich, actor.produktbereiche))
    return forbidden(`Der Produktbereich ${produktbereich} gehört nicht zu Ihren Produktbereichen.`);
  return undefined;
}

function openAnmeldungRefusal(version: AnmeldungVersion): Refusal | undefined {
  if (version.stage !== 'anmeldung')
    return invalid(
      'Anmeldungen werden nur in einer Fassung der Stufe „Anmeldungen der Fachbereiche“ erfasst.',
    );
  if (version.closed)
    return invalid('Die Anmeldungsphase dieser Fassung ist abgeschlossen; der Entwurf ist schon angelegt.');
  return undefined;
}

/**
 * Why the actor may not enter, change or withdraw a request for a cell of `produktbereich` now, or undefined.
 * `request`: the status of the request already there for that cell (a decided one stays as decided, also in a
 * Produktbereich handed back for rework).
 */
export function requestRefusal(
  actor: Actor,
  version: AnmeldungVersion,
  produktbereich: string,
  status: AreaStatus,
  request?: RequestStatus,
): Refusal | undefined {
  const owner = areaOwnerRefusal(actor, produktbereich, 'Anmeldungen erfasst');
  if (owner) return owner;
  const open = openAnmeldungRefusal(version);
  if (open) return open;
  if (status !== 'in-arbeit')
    return invalid(
      `Die Anmeldung des Produktbereichs ${produktbereich} ist ${AREA_STATUS_LABEL[status]}; sie kann nicht mehr geändert werden.`,
    );
  if (request !== undefined && request !== 'offen')
    return invalid(
      `Über diese Anmeldung hat die Kämmerei bereits entschieden (${REQUEST_STATUS_LABEL[request]}); sie bleibt so.`,
    );
  return undefined;
}

/** Why the actor may not submit the Anmeldung of `produktbereich` now, or undefined. */
export function submitRefusal(
  actor: Actor,
  version: AnmeldungVersion,
  produktbereich: string,
  status: AreaStatus,
): Refusal | undefined {
  const owner = areaOwnerRefusal(actor, produktbereich, 'Die Anmeldung gibt');
  if (owner) return owner;
  const open = openAnmeldungRefusal(version);
  if (open) return open;
  if (status !== 'in-arbeit')
    return invalid(
      `Die Anmeldung des Produktbereichs ${produktbereich} ist bereits ${AREA_STATUS_LABEL[status]}.`,
    );
  return undefined;
}

/**
 * Why the actor may not decide a request now, or undefined. `version`: the version the decision is taken in
 * (the Anmeldung itself or the Entwurf made from it, whose cell a taken-over figure is written to).
 */
export function decisionRefusal(
  actor: Actor,
  version: AnmeldungVersion,
  status: AreaStatus,
  request: RequestStatus,
  decision: Decision,
  comment: string,
): Refusal | undefined {
  if (!isKaemmerei(actor)) return forbidden('Über Anmeldungen entscheidet die Kämmerei.');
  if (version.closed || (version.stage !== 'anmeldung' && version.stage !== 'entwurf'))
    return invalid(
      'Über Anmeldungen wird in der offenen Anmeldungsfassung oder im Entwurf der Kämmerei entschieden.',
    );
  if (status === 'in-arbeit')
    return invalid('Der Fachbereich hat seine Anmeldung noch nicht abgegeben; sie ist noch in Arbeit.');
  if (request !== 'offen')
    return invalid(`Über diese Anmeldung ist bereits entschieden (${REQUEST_STATUS_LABEL[request]}).`);
  if (decision === 'ablehnen' && comment.trim() === '')
    return invalid('Eine Ablehnung braucht einen Kommentar für den Fachbereich.');
  return undefined;
}

/**
 * Why the actor may not hand the submitted Anmeldung of `produktbereich` back to its Fachbereich for rework
 * ("Zur Überarbeitung zurückgeben"), or undefined: the Kämmerei only, in the open Anmeldung (the Fachbereich
 * enters its changes there), only when abgegeben (not yet decided in full), and with a comment saying what to
 * rework.
 */
export function handBackRefusal(
  actor: Actor,
  version: AnmeldungVersion,
  produktbereich: string,
  status: AreaStatus,
  comment: string,
): Refusal | undefined {
  if (!isKaemmerei(actor)) return forbidden('Zur Überarbeitung zurückgeben kann nur die Kämmerei.');
  const open = openAnmeldungRefusal(version);
  if (open) return open;
  if (status === 'in-arbeit')
    return invalid(
      `Die Anmeldung des Produktbereichs ${produktbereich} ist noch in Arbeit; zurückgegeben wird nur eine abgegebene Anmeldung.`,
    );
  if (status === 'geprueft')
    return invalid(
      `Die Anmeldung des Produktbereichs ${produktbereich} ist bereits geprüft; sie kann nicht mehr zurückgegeben werden.`,
    );
  if (comment.trim() === '')
    return invalid('Bitte einen Kommentar angeben: der Fachbereich soll wissen, was er überarbeiten soll.');
  return undefined;
}

/** Why the actor may not set the Eckwert of a Produktbereich, or undefined. */
export function eckwertRefusal(actor: Actor, version: AnmeldungVersion): Refusal | undefined {
  if (!isKaemmerei(actor)) return forbidden('Eckwerte setzt die Kämmerei.');
  return openAnmeldungRefusal(version);
}

/** The status of a submitted Produktbereich once its requests are as given: geprüft when none is open. */
export function statusAfterDecision(requests: readonly RequestStatus[]): AreaStatus {
  return requests.some((r) => r === 'offen') ? 'abgegeben' : 'geprueft';
}

/** The Produktbereich's status, with nothing stored yet: in Arbeit. */
export function areaStatusOf(stored: string | undefined): AreaStatus {
  return (AREA_STATUSES as readonly string[]).includes(stored ?? '') ? (stored as AreaStatus) : 'in-arbeit';
}

/**
 * May the actor change the amount of a plan cell of `nodeCode` directly? As `mayEdit`, except that in the
 * Anmeldung a Fachbereich requests figures beside the Kämmerei's (`requestRefusal`) instead of overwriting
 * them; its Erläuterungen and texts it still edits there (`mayEdit`).
 */
export function mayEditCells(
  actor: Actor,
  version: VersionState,
  nodeCode: string,
  produktbereich?: string,
): boolean {
  if (actor.role === 'fachbereich' && version.stage === 'anmeldung') return false;
  return mayEdit(actor, version, nodeCode, produktbereich);
}

/** Why a Fachbereich may not overwrite a cell in the Anmeldung (German). */
export const CELLS_IN_ANMELDUNG =
  'In der Anmeldung überschreiben Fachbereiche keine Beträge der Kämmerei: bitte den Betrag mit Begründung anmelden (Ansicht „Anmeldung“).';
