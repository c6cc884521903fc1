/**
 * The store contract's records of people and their procedures: Einwendungen, the Anmeldung of the
 * Fachbereiche, users, sessions and API tokens (what `Store` in `api.ts` takes and gives). Types only.
 */
import type { AreaStatus, Decision, RequestStatus } from '../core/anmeldung.js';
import type { Column, PlanType } from '../core/model.js';
import type { Cents } from '../core/money.js';
import type { Actor, EinwendungDecision, Role } from '../core/workflow.js';

export interface Einwendung {
  readonly id: number;
  readonly versionId: number;
  readonly author: string;
  readonly text: string;
  /** When it was recorded (ISO 8601). */
  readonly receivedAt: string;
  readonly recordedBy: string;
  /** The day it was received (`2026-12-05`), as the Kämmerei entered it; null for entries made before. */
  readonly receivedOn: string | null;
  /** The unit (Produktbereich, Produkt) it concerns, if one. */
  readonly unit: string | null;
  readonly answer: string | null;
  readonly decision: EinwendungDecision | null;
  readonly answeredAt: string | null;
  readonly answeredBy: string | null;
}

/** An Einwendung as the Kämmerei records it. */
export interface NewEinwendung {
  readonly author: string;
  readonly text: string;
  readonly receivedOn?: string;
  readonly unit?: string;
}

/** A Produktbereich's Anmeldung (`src/core/anmeldung.ts`, `anmeldung.ts`). */
export interface AnmeldungArea {
  readonly produktbereich: string;
  readonly name: string;
  readonly status: AreaStatus;
  readonly submittedBy: string | null;
  readonly submittedAt: string | null;
  readonly checkedAt: string | null;
  /** The Kämmerei's Eckwert (Zuschussbedarf limit) in cents. */
  readonly eckwert: Cents | null;
  readonly open: number;
  readonly taken: number;
  readonly rejected: number;
  /** The last hand-back for rework ("Zur Überarbeitung zurückgeben"): by whom, when, with what comment. */
  readonly returnedBy: string | null;
  readonly returnedAt: string | null;
  readonly returnComment: string | null;
}

/** A requested figure for one plan cell (a Fachbereich's entry), with its reason. */
export interface AnmeldungEntry {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
  readonly reason: string;
}

/** A requested figure with its Kämmerei's decision. */
export interface AnmeldungRequest extends AnmeldungEntry {
  readonly id: number;
  readonly produktbereich: string;
  readonly status: RequestStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  /** The version whose cell a taken-over figure was written to. */
  readonly decidedIn: number | null;
  readonly comment: string | null;
}

/** The Anmeldung a version has or came from, as the reader may see it. */
export interface Anmeldung {
  /** The version of stage `anmeldung` the requests were entered in. */
  readonly versionId: number;
  /** Whether requests may still be entered (the Anmeldung version is open). */
  readonly open: boolean;
  readonly areas: readonly AnmeldungArea[];
  readonly requests: readonly AnmeldungRequest[];
}

/** A decision of one request or of every open request of a Produktbereich. */
export interface AnmeldungDecision {
  readonly request?: number;
  readonly produktbereich?: string;
  readonly decision: Decision;
  readonly comment: string;
}

export interface UserInfo {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly produktbereiche: readonly string[];
  readonly createdAt: string;
}

export interface SessionInfo {
  readonly actor: Actor;
  readonly csrf: string;
  readonly expiresAt: string;
}

/**
 * What a caller of `login` may add once the store knows whether the name is an account's, before any
 * password work: rate limits (the server). Throwing refuses the attempt; the store passes the error on at
 * once, whether the name is known or not.
 */
export interface LoginGuard {
  admit(known: boolean): void;
}

/** An API token as listed: never its secret, which is shown once when it is made. */
export interface ApiTokenInfo {
  /** Not secret: the first 16 hex digits of the token's SHA-256; names it in lists and to revoke it. */
  readonly id: string;
  readonly user: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Last use, to the hour (recorded at most once an hour); null if never used. */
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly status: 'active' | 'expired' | 'revoked';
}

/** A new API token: its secret (shown this once) and what will be listed. */
export interface NewApiToken extends ApiTokenInfo {
  readonly token: string;
}

/** An API token presented: the user it stands for, or why it is refused. */
export type ApiTokenCheck =
  | { readonly ok: true; readonly actor: Actor; readonly id: string }
  | { readonly ok: false; readonly reason: 'unknown' }
  | { readonly ok: false; readonly reason: 'expired' | 'revoked'; readonly at: string };
