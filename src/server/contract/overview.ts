/**
 * The start page's answers (`routes/overview.ts`): the budget at a glance (`../overview.ts`: the
 * Gesamtergebnisplan's totals over the years, Erträge, Aufwendungen, Jahresergebnis, the Produktbereiche) and
 * the findings counted per rule (`../findings-summary.ts`). Kept equal to the server's types by the type test
 * at the end.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { BudgetSummary } from '../overview.js';
import type { FindingsSummary } from '../findings-summary.js';
import { List, Nullable, Obj, OneOf, amount, columnKind, errors, versionParams } from './common.js';
import { severity } from './model.js';

const tags = ['Überblick'];
const maybe = Nullable(amount);
const columnView = Obj({ kind: columnKind, year: Type.Integer(), label: Type.String() });

export const budgetSummary = Obj({
  overview: Nullable(
    Obj({
      source: OneOf(['gesamtplan', 'teilplaene'] as const, {
        description:
          'gesamtplan: der Gesamtergebnisplan; teilplaene: die Teilergebnispläne der Produktbereiche summiert',
      }),
      node: Nullable(Type.String()),
      schemaTitle: Nullable(Type.String()),
      columns: List(columnView),
      lines: List(
        Obj({
          line: Type.String(),
          label: Type.String(),
          jahresergebnis: Type.Boolean(),
          cells: List(maybe),
        }),
      ),
      ertraege: List(maybe),
      aufwendungen: List(maybe, { description: 'positiv, wie das Buch sie zeigt' }),
      jahresergebnis: List(maybe, { description: 'mit Vorzeichen: ein Fehlbetrag ist negativ' }),
      summed: List(Type.String()),
      left: List(Type.String()),
    }),
  ),
  column: Nullable(columnView),
  produktbereiche: List(
    Obj({ code: Type.String(), name: Type.String(), ertraege: maybe, aufwendungen: maybe, ergebnis: maybe }),
  ),
});

export const findingsSummary = Obj({
  counts: Obj({
    error: Type.Integer(),
    warning: Type.Integer(),
    rounding: Type.Integer(),
    info: Type.Integer(),
  }),
  rules: List(Obj({ rule: Type.String(), title: Type.String(), severity, count: Type.Integer() })),
  rounding: Obj({ count: Type.Integer(), units: Type.Integer(), largest: amount }),
  accepted: Type.Integer(),
});

export const overviewContract = {
  'GET /api/versions/:v/summary': {
    summary:
      'Der Haushalt im Überblick: Gesamtergebnisplan und Jahresergebnis über die Jahre, Produktbereiche',
    tags,
    params: versionParams,
    response: {
      200: Obj({ versionId: Type.Integer(), revision: Type.Integer(), ...budgetSummary.properties }),
      ...errors,
    },
  },
  'GET /api/versions/:v/findings-summary': {
    summary: 'Die Befunde gezählt: je Regel und Schwere, Rundungsdifferenzen zusammengefasst',
    tags,
    params: versionParams,
    response: { 200: findingsSummary, ...errors },
  },
} as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type OverviewMatchesServer = [
  Assert<Same<Static<typeof budgetSummary>, BudgetSummary>>,
  Assert<Same<Static<typeof findingsSummary>, FindingsSummary>>,
];
