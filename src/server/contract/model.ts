/**
 * The budget model (`src/core/model.ts`) and a check finding (`src/core/findings.ts`) as answer schemas: what
 * the node view, a node's sources and the findings carry. Kept equal to the core's types by the type tests at
 * the end of this file (each way assignable), and to the answers by the server tests.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Finding as CoreFinding } from '../../core/findings.js';
import { SEVERITIES } from '../../core/findings.js';
import { LEVELS, type BudgetNode as CoreNode } from '../../core/model.js';
import { List, Obj, OneOf, amount, columnKind, columnOut, planType } from './common.js';

export const level = OneOf(LEVELS);
export const severity = OneOf(SEVERITIES);
const signs = OneOf(['negative', 'positive'] as const);
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

export const source = Obj(
  {
    file: Type.String(),
    line: Type.Integer(),
    page: opt(Type.Integer()),
    box: opt(
      Type.Unsafe<readonly [number, number, number, number]>(
        Type.Array(Type.Number(), {
          minItems: 4,
          maxItems: 4,
          description: 'x, y (von oben), Breite, Höhe in PDF-Punkten',
        }),
      ),
    ),
  },
  { description: 'Wo ein Wert steht: Datei, Zeile, Seite, Rechteck auf der Seite' },
);

export const cell = Obj({
  column: columnOut,
  amount,
  decimals: Type.Union([Type.Literal(0), Type.Literal(2)]),
  scale: opt(Type.Literal(1000)),
  source: opt(source),
});

export const planLine = Obj({
  line: Type.String(),
  label: Type.String(),
  cells: List(cell),
  signs: opt(signs),
  unreadable: opt(List(columnOut)),
  source: opt(source),
});

export const plan = Obj({
  type: planType,
  schemaId: Type.String(),
  columns: List(columnOut),
  lines: List(planLine),
  signs: opt(signs),
  source: opt(source),
});

export const investmentRow = Type.Union([
  Obj({
    type: Type.Literal('group'),
    label: Type.String(),
    threshold: opt(amount),
    below: opt(Type.Boolean()),
    source: opt(source),
  }),
  Obj({
    type: Type.Literal('measure'),
    number: Type.String(),
    name: Type.String(),
    cells: List(cell),
    unreadable: opt(List(columnOut)),
    source: opt(source),
  }),
  Obj({
    type: Type.Literal('line'),
    line: Type.String(),
    label: Type.String(),
    cells: List(cell),
    unreadable: opt(List(columnOut)),
    source: opt(source),
  }),
]);

export const investmentTable = Obj({
  columns: List(columnOut),
  rows: List(investmentRow),
  source: opt(source),
});

const previousAmount = Obj({
  kind: columnKind,
  year: Type.Integer(),
  unchanged: Type.Boolean(),
  amount: opt(amount),
});

export const erlaeuterung = Obj({
  plan: planType,
  line: opt(Type.String()),
  title: opt(Type.String()),
  intro: List(Type.String()),
  items: List(
    Obj({
      letter: opt(Type.String()),
      text: Type.String(),
      amount: opt(amount),
      previous: opt(previousAmount),
      reason: opt(Type.String()),
      remark: opt(Type.String()),
      raw: Type.String(),
      source: opt(source),
    }),
  ),
  closing: List(Type.String()),
  stated: List(Obj({ amount, previous: opt(previousAmount), text: Type.String(), source: opt(source) })),
  year: opt(Type.Integer()),
  source: opt(source),
});

export const block = Type.Union([
  Obj({ type: Type.Literal('paragraph'), text: Type.String() }),
  Obj({ type: Type.Literal('list'), items: List(Obj({ marker: Type.String(), text: Type.String() })) }),
]);

export const produktbeschreibung = Obj({
  fields: List(Obj({ name: Type.String(), blocks: List(block), source: opt(source) })),
  source: opt(source),
});

const kennzahlColumn = { kind: Type.String(), year: Type.Integer() };

export const kennzahlTable = Obj({
  title: Type.String(),
  columns: List(Obj({ ...kennzahlColumn, label: Type.String() })),
  rows: List(
    Obj({
      label: Type.String(),
      footnote: opt(Type.String()),
      unit: opt(Type.String()),
      values: List(
        Obj({
          column: Obj(kennzahlColumn),
          value: Type.Union([Type.String(), Type.Null()]),
          printed: Type.String(),
        }),
      ),
      source: opt(source),
    }),
  ),
  footnotes: List(Obj({ marker: Type.String(), blocks: List(block) })),
  source: opt(source),
});

export const budgetNode = Obj({
  code: Type.String(),
  level,
  name: Type.String(),
  parent: opt(Type.String()),
  plans: List(plan),
  investitionen: opt(investmentTable),
  erlaeuterungen: List(erlaeuterung),
  beschreibung: opt(produktbeschreibung),
  kennzahlen: List(kennzahlTable),
  source: opt(source),
});

const findingProperties = {
  severity,
  rule: Type.String(),
  message: Type.String({ description: 'Deutsch' }),
  node: opt(Type.String()),
  plan: opt(
    OneOf([
      'teilergebnisplan',
      'teilfinanzplan',
      'gesamtergebnisplan',
      'gesamtfinanzplan',
      'investitionen',
    ] as const),
  ),
  line: opt(Type.String()),
  kind: opt(columnKind),
  year: opt(Type.Integer()),
  expected: opt(amount),
  actual: opt(amount),
  difference: opt(amount),
  source: opt(source),
};
export const finding = Obj(findingProperties);
/** A finding with its identity across versions (rule, place, column). */
export const keyedFinding = Obj({ ...findingProperties, key: Type.String() });
export { findingProperties };

// the schemas describe the core's types exactly: each way assignable (a type error here otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ModelMatchesCore = [
  Assert<Same<Static<typeof budgetNode>, CoreNode>>,
  Assert<Same<Static<typeof finding>, CoreFinding>>,
];
