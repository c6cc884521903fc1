/**
 * The Anmeldung of the Fachbereiche (`routes/anmeldung.ts`, rules in `src/core/anmeldung.ts`): requested
 * figures with reasons beside the Kämmerei's figures, the status per Produktbereich, the Kämmerei's
 * decisions and Eckwerte. Read by the Kämmerei and by a Fachbereich for its own Produktbereiche; a Leser and
 * anonymous readers are refused.
 */
import { Type } from '@sinclair/typebox';
import { AREA_STATUSES, DECISIONS, REQUEST_STATUSES } from '../../core/anmeldung.js';
import {
  List,
  Nullable,
  Obj,
  OneOf,
  amount,
  cents,
  column,
  columnOut,
  errors,
  id,
  idText,
  lineNumber,
  nodeCode,
  nodeParams,
  planType,
  reason,
  text,
  time,
  versionParams,
} from './common.js';

const tags = ['Anmeldungen'];
const produktbereich = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z.]+$' });
const areaParams = Obj({ v: idText, pb: produktbereich });

const areaFields = {
  produktbereich: Type.String(),
  name: Type.String(),
  status: OneOf(AREA_STATUSES),
  submittedBy: Nullable(Type.String()),
  submittedAt: Nullable(time),
  checkedAt: Nullable(time),
  eckwert: Nullable(amount),
  open: Type.Integer(),
  taken: Type.Integer(),
  rejected: Type.Integer(),
  /** The last hand-back for rework: by whom, when, the Kämmerei's comment. */
  returnedBy: Nullable(Type.String()),
  returnedAt: Nullable(time),
  returnComment: Nullable(Type.String()),
};
export const anmeldungArea = Obj(areaFields);

/** An area as the page shows it: with its Zuschussbedarf in the budget year, by the Kämmerei and requested. */
const areaView = Obj({
  ...areaFields,
  /** −Jahresergebnis of the Produktbereich's Teilergebnisplan, Ansatz of the budget year (the figure now). */
  zuschussbedarf: Nullable(amount),
  /** The same with every open request of the budget year taken over. */
  zuschussbedarfAngemeldet: Nullable(amount),
  budgetYear: Nullable(Type.Integer()),
});

const figure = Obj({ label: Type.String(), amount: Nullable(amount) });

const requestFields = {
  id,
  produktbereich: Type.String(),
  node: Type.String(),
  plan: planType,
  line: Type.String(),
  column: columnOut,
  amount,
  reason: Type.String(),
  status: OneOf(REQUEST_STATUSES),
  createdBy: Type.String(),
  createdAt: time,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(time),
  decidedIn: Nullable(id),
  comment: Nullable(Type.String()),
};
export const anmeldungRequest = Obj(requestFields);

/** A request as the page shows it: with the line's label, the Kämmerei's figure and last years' figures. */
const requestView = Obj({
  ...requestFields,
  nodeName: Type.String(),
  label: Type.String(),
  columnLabel: Type.String(),
  /** The figure of the cell in the version asked for (the Kämmerei's, or the one taken over). */
  current: Nullable(amount),
  /** The line's read-only comparison columns: Ergebnis of past years, Ansatz of the year before. */
  compare: List(figure),
});

export const anmeldungContract = {
  'GET /api/versions/:v/anmeldung': {
    summary:
      'Die Anmeldungen der Fachbereiche zur Version (oder zur Anmeldungsfassung, aus der sie hervorging): Status je Produktbereich, angemeldete Beträge mit Begründung und Entscheidung',
    tags,
    params: versionParams,
    response: {
      200: Obj({
        versionId: id,
        open: Type.Boolean(),
        areas: List(areaView),
        requests: List(requestView),
      }),
      ...errors,
    },
  },
  'PUT /api/versions/:v/anmeldung/requests': {
    summary:
      'Einen Betrag für eine Zelle anmelden oder die Anmeldung ändern (Fachbereich, solange in Arbeit)',
    tags,
    params: versionParams,
    body: Obj({ node: nodeCode, plan: planType, line: lineNumber, column, amount: cents, reason }),
    response: { 200: anmeldungRequest, ...errors },
  },
  'DELETE /api/versions/:v/anmeldung/requests/:id': {
    summary: 'Eine Anmeldung zurückziehen (Fachbereich, solange in Arbeit)',
    tags,
    params: Obj({ v: idText, id: idText }),
    response: { 200: Obj({ withdrawn: id }), ...errors },
  },
  'POST /api/versions/:v/anmeldung/areas/:pb/submit': {
    summary: 'Die Anmeldung eines Produktbereichs abgeben (Fachbereich); danach ist sie gesperrt',
    tags,
    params: areaParams,
    body: Obj({ reason }),
    response: { 200: anmeldungArea, ...errors },
  },
  'POST /api/versions/:v/anmeldung/decisions': {
    summary:
      'Über eine Anmeldung oder alle offenen eines Produktbereichs entscheiden (Kämmerei): übernehmen schreibt den Betrag in die Zelle dieser Version, ablehnen braucht einen Kommentar',
    tags,
    params: versionParams,
    body: Obj({
      request: Type.Optional(id),
      produktbereich: Type.Optional(produktbereich),
      decision: OneOf(DECISIONS),
      comment: text(),
    }),
    response: { 200: Obj({ decided: Type.Integer(), revision: Nullable(Type.Integer()) }), ...errors },
  },
  'POST /api/versions/:v/anmeldung/areas/:pb/return': {
    summary:
      'Eine abgegebene Anmeldung zur Überarbeitung an den Fachbereich zurückgeben (Kämmerei, mit Kommentar): wieder in Arbeit; entschiedene Anmeldungen bleiben entschieden',
    tags,
    params: areaParams,
    body: Obj({ comment: text() }),
    response: { 200: anmeldungArea, ...errors },
  },
  'GET /api/versions/:v/nodes/:code/anmeldung': {
    summary:
      'Die Anmeldungen zu den Zellen einer Einheit (für die Markierungen im Plan), soweit der Benutzer die Anmeldung sehen darf; ohne Anmeldungsfassung keine',
    tags,
    params: nodeParams,
    response: { 200: Obj({ requests: List(anmeldungRequest) }), ...errors },
  },
  'PUT /api/versions/:v/anmeldung/areas/:pb/eckwert': {
    summary: 'Den Eckwert (Zuschussbedarf) eines Produktbereichs setzen oder löschen (Kämmerei)',
    tags,
    params: areaParams,
    body: Obj({ eckwert: Nullable(cents) }),
    response: { 200: anmeldungArea, ...errors },
  },
} as const;
