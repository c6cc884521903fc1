/**
 * The budget as JSON with a published schema (`haushalt export --format json`,
 * `data/schemas/export/budget.schema.json`, documented in docs/export.md): nodes with their plans, investment
 * tables, Erläuterungen, Produktbeschreibungen and Kennzahlen. Every amount is an object with exact integer
 * `cents` and the same value as a decimal string `eur` (`"-6780.00"`), never a JSON float. Sources (local file
 * paths) and import notes are left out; `format` and `version` name the schema. The Haushaltsplan's parts
 * beyond the plans (`parts`: Satzung, Übersichten, Rücklagen, Stellenplan, Anlagen) as the model holds them
 * (docs/parts.md), only when the budget carries some: amounts integer cents in `amount`, posts in thousandths.
 */
import { formatPlain, type Cents } from '../core/money.js';
import type {
  Budget,
  BudgetNode,
  Cell,
  Column,
  Erlaeuterung,
  InvestmentTable,
  KennzahlTable,
  Plan,
  PreviousAmount,
} from '../core/model.js';
import { budgetLand } from '../core/land.js';
import { investmentKeys } from '../formats/investment-keys.js';
import { exportCode, isTotal, lineLabel } from './rows.js';

export const JSON_FORMAT = 'haushalt-budget';
/** Raised when the schema changes incompatibly; additions that old readers may ignore keep it. */
export const JSON_VERSION = 1;

export interface Money {
  readonly cents: Cents;
  readonly eur: string;
}

export function money(cents: Cents): Money {
  return { cents, eur: formatPlain(cents) };
}

function amounts(cells: readonly Cell[]) {
  return cells.map((c) => ({
    kind: c.column.kind,
    year: c.column.year,
    decimals: c.decimals,
    // how it was printed: 1 in euros, 1000 in thousands of euros (T€); `cents` and `eur` are euros either way
    scale: c.scale ?? 1,
    ...money(c.amount),
  }));
}

const columns = (cs: readonly Column[]) => cs.map((c) => ({ kind: c.kind, year: c.year }));

function plan(p: Plan) {
  return {
    type: p.type,
    schema: p.schemaId,
    signs: p.signs ?? 'negative',
    columns: columns(p.columns),
    lines: p.lines.map((l) => ({
      line: l.line,
      label: lineLabel(p, l),
      printed: l.label,
      total: isTotal(p, l.line),
      amounts: amounts(l.cells),
    })),
  };
}

/** An investment row with amounts: its type and key, its own fields, then its amounts. */
function amountRow<F extends object>(
  r: { readonly type: 'measure' | 'line'; readonly cells: readonly Cell[] },
  key: string | undefined,
  fields: F,
) {
  return { type: r.type, key: key ?? null, ...fields, amounts: amounts(r.cells) };
}

function investitionen(t: InvestmentTable) {
  const keys = investmentKeys(t.rows);
  return {
    columns: columns(t.columns),
    rows: t.rows.map((r, i) => {
      switch (r.type) {
        case 'group':
          return {
            type: r.type,
            label: r.label,
            ...(r.threshold !== undefined ? { threshold: money(r.threshold) } : {}),
            ...(r.below !== undefined ? { below: r.below } : {}),
          };
        case 'measure':
          return amountRow(r, keys[i], { number: r.number, name: r.name });
        case 'line':
          return amountRow(r, keys[i], { line: r.line, label: r.label });
      }
    }),
  };
}

function previous(p: PreviousAmount) {
  return {
    kind: p.kind,
    year: p.year,
    unchanged: p.unchanged,
    ...(p.amount !== undefined ? { amount: money(p.amount) } : {}),
  };
}

function erlaeuterung(e: Erlaeuterung) {
  return {
    plan: e.plan,
    line: e.line ?? null,
    title: e.title ?? null,
    year: e.year ?? null,
    intro: e.intro,
    items: e.items.map((it) => ({
      letter: it.letter ?? null,
      text: it.text,
      amount: it.amount === undefined ? null : money(it.amount),
      previous: it.previous ? previous(it.previous) : null,
      reason: it.reason ?? null,
      remark: it.remark ?? null,
      raw: it.raw,
    })),
    closing: e.closing,
    stated: e.stated.map((s) => ({
      text: s.text,
      amount: money(s.amount),
      previous: s.previous ? previous(s.previous) : null,
    })),
  };
}

function kennzahlen(t: KennzahlTable) {
  return {
    title: t.title,
    columns: t.columns.map((c) => ({ kind: c.kind, year: c.year, label: c.label })),
    rows: t.rows.map((r) => ({
      label: r.label,
      footnote: r.footnote ?? null,
      unit: r.unit ?? null,
      values: r.values.map((v) => ({
        kind: v.column.kind,
        year: v.column.year,
        value: v.value,
        printed: v.printed,
      })),
    })),
    footnotes: t.footnotes,
  };
}

function node(n: BudgetNode) {
  return {
    code: exportCode(n),
    level: n.level,
    name: n.name,
    parent: n.parent ?? null,
    plans: n.plans.map(plan),
    investitionen: n.investitionen ? investitionen(n.investitionen) : null,
    erlaeuterungen: n.erlaeuterungen.map(erlaeuterung),
    beschreibung: n.beschreibung
      ? n.beschreibung.fields.map((f) => ({ name: f.name, blocks: f.blocks }))
      : null,
    kennzahlen: n.kennzahlen.map(kennzahlen),
  };
}

/** A part's records as JSON: as the model holds them, without where they were read (`source`). */
function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => k !== 'source' && v !== undefined)
      .map(([k, v]) => [k, withoutSources(v)]),
  );
}

/** The export as a plain object (what `toJson` serialises); `parts` only when the budget carries some. */
export function toJsonObject(budget: Budget) {
  const parts = Object.entries(budget.parts ?? {}).filter(([, v]) => v !== undefined);
  return {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    title: budget.title ?? null,
    year: budget.year ?? null,
    land: budgetLand(budget) ?? null,
    currency: 'EUR',
    nodes: budget.nodes.map(node),
    ...(parts.length > 0 ? { parts: withoutSources(Object.fromEntries(parts)) } : {}),
  };
}

/** The budget as JSON text, indented by two spaces, ending with a line break. */
export function toJson(budget: Budget): string {
  return `${JSON.stringify(toJsonObject(budget), null, 2)}\n`;
}
