/**
 * The Haushaltsplan's parts as the workbench shows them (`GET /api/versions/:v/parts`): the Haushaltssatzung
 * (every § 78 GO NRW figure derived from the Gesamtpläne beside the printed one and their difference, and the
 * Satzung's text from the template), the Haushaltsquerschnitt (§ 1 Abs. 2 Nr. 3 KomHVO NRW) and the overview
 * of the Verpflichtungsermächtigungen — each the budget's own part where it carries one (`importiert`), else
 * derived from the plans (`abgeleitet`) — and the Rücklagen and the Stellenplan (`parts-view-tables.ts`; only
 * as imported: the plans do not hold them), and the Anlagen (`parts-view-anlagen.ts`): the Investitionsprogramm
 * (importiert, else derived from the investment tables), the Verbindlichkeiten and the Zuwendungen an die
 * Fraktionen (only as imported). Every value the part rules found a difference in names the keys of
 * those findings, so that the page marks the cell, row or sum with its finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { haushaltsausgleich75, hsk76 } from '../core/check/rules/haushaltsausgleich.js';
import { fraktionen as fraktionenRule } from '../core/check/rules/parts-fraktionen.js';
import { investitionsprogramm as investitionsprogrammRule } from '../core/check/rules/parts-programm.js';
import { querschnitt as querschnittRule } from '../core/check/rules/parts-querschnitt.js';
import { satzung as satzungRule } from '../core/check/rules/parts-satzung.js';
import { veUebersicht } from '../core/check/rules/parts-ve.js';
import { verbindlichkeiten as verbindlichkeitenRule } from '../core/check/rules/parts-verbindlichkeiten.js';
import { ruecklagenErgebnisplan, ruecklagenSummen } from '../core/check/rules/ruecklagen.js';
import { stellenplanSummen } from '../core/check/rules/stellenplan.js';
import type { Finding } from '../core/findings.js';
import type { Budget } from '../core/model.js';
import { gesamtNode, gesamtSum } from '../core/parts/amounts.js';
import {
  deriveQuerschnitt,
  rowFromPlans,
  sumFromGesamt,
  type Querschnitt,
  type QuerschnittRow,
} from '../core/parts/querschnitt.js';
import {
  deriveSatzung,
  ergebnisLand,
  satzungFigures,
  satzungWording,
  type Satzung,
} from '../core/parts/satzung.js';
import { fillSatzung } from '../core/parts/satzung-text.js';
import { querschnittColumn, satzungLaw, satzungLines } from '../core/parts/spec.js';
import {
  deriveVeUebersicht,
  veFromPlan,
  veOfBudget,
  type VeRow,
  type VeUebersicht,
} from '../core/parts/ve.js';
import { topNodes } from '../core/hierarchy.js';
import type { PartsView } from './contract/parts.js';
import { fraktionenView, programmView, verbindlichkeitenView } from './parts-view-anlagen.js';
import { keysOf, money, whereOf, type Keyed } from './parts-view-common.js';
import { ruecklagenView, stellenplanView } from './parts-view-tables.js';

// src/server (vitest) or dist/src/server (built): the Muster's template of the Satzung lives under data/
const UP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROJECT = UP.endsWith('dist') ? path.dirname(UP) : UP;
const muster = new Map<string, string>();
/** The Muster's template: NRW's, or the one for the other Länder (`haushaltssatzung-laender.txt`). */
function musterTemplate(file: 'haushaltssatzung-nrw.txt' | 'haushaltssatzung-laender.txt'): string {
  let text = muster.get(file);
  if (text === undefined) {
    text = readFileSync(path.join(PROJECT, 'data', 'parts', file), 'utf8');
    muster.set(file, text);
  }
  return text;
}

/** The rules of each part: their findings are the part's. */
const RULES_OF = {
  satzung: [satzungRule],
  querschnitt: [querschnittRule],
  ve: [veUebersicht],
  ruecklagen: [ruecklagenSummen, ruecklagenErgebnisplan, hsk76, haushaltsausgleich75],
  stellenplan: [stellenplanSummen],
  investitionsprogramm: [investitionsprogrammRule],
  verbindlichkeiten: [verbindlichkeitenRule],
  fraktionen: [fraktionenRule],
} as const;
type Part = keyof typeof RULES_OF;

/** The rules whose findings are the parts'. */
export const PART_RULES: ReadonlySet<string> = new Set(
  Object.values(RULES_OF).flatMap((rules) => rules.map((r) => r.id)),
);

/** A part's view without the keys of its rules' findings (`partsView` adds them). */
export type Unkeyed<P extends Part> = Omit<NonNullable<PartsView[P]>, 'findingKeys'> | null;

function satzungView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'satzung'> {
  const printed = budget.parts?.satzung;
  const input = printed
    ? {
        kind: printed.kind,
        ...(printed.name !== undefined ? { name: printed.name } : {}),
        ...(printed.hebesaetze ? { hebesaetze: printed.hebesaetze } : {}),
        ...(printed.kreisumlage !== undefined ? { kreisumlage: printed.kreisumlage } : {}),
        ...(printed.beschlussdatum !== undefined ? { beschlussdatum: printed.beschlussdatum } : {}),
      }
    : {};
  const derived = deriveSatzung(budget, input);
  const shown: Satzung | undefined = printed ?? derived;
  if (!shown) return null;
  const year = shown.year;
  const land = ergebnisLand(budget);
  const figures = satzungFigures(budget, printed).map((f) => {
    const d = derived?.figures[f.id];
    const p = printed?.figures[f.id];
    const sum =
      f.plan && f.lines && f.column
        ? gesamtSum(budget, f.plan, (schema) => satzungLines(f.id, schema), { kind: f.column, year })
        : undefined;
    const basis =
      sum?.basis ?? (f.id.endsWith('ruecklage') ? (derived?.ruecklagenBasis ?? null) : (f.derived ?? null));
    return {
      id: f.id,
      paragraph: f.paragraph,
      label: f.label,
      // another Land's Satzung sets its figures by its own law
      law: land === undefined || land === 'NW' ? f.law : (satzungLaw(land) ?? f.law),
      derived: d?.amount ?? null,
      basis: d ? basis : f.input ? 'von der Kämmerei anzugeben (steht in keinem Plan)' : basis,
      printed: money(p),
      difference: p && d ? p.amount - d.amount : null,
      findings: keysOf(findings, 'satzung', (x) => x.line === f.id),
    };
  });
  const template = shown.template ?? printed?.template;
  const wording = satzungWording(budget);
  return {
    origin: printed ? 'importiert' : 'abgeleitet',
    source: whereOf(printed?.source),
    year,
    kind: shown.kind,
    name: shown.name ?? null,
    law: satzungLaw(land ?? 'NW') ?? '§ 78 Abs. 2 GO NRW',
    figures,
    hebesaetze: (shown.hebesaetze ?? []).map((h) => ({ name: h.name, satz: h.satz })),
    kreisumlage: shown.kreisumlage ?? null,
    ausgleichJahr: shown.ausgleichJahr ?? derived?.ausgleichJahr ?? null,
    ruecklagenBasis: derived?.ruecklagenBasis ?? null,
    text:
      template !== undefined
        ? fillSatzung(template, shown, wording)
        : wording
          ? fillSatzung(musterTemplate('haushaltssatzung-laender.txt'), shown, wording)
          : fillSatzung(musterTemplate('haushaltssatzung-nrw.txt'), shown),
    template: template !== undefined ? 'eigene' : 'muster',
  };
}

function querschnittView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'querschnitt'> {
  const printed = budget.parts?.querschnitt;
  const q: Querschnitt | undefined = printed ?? deriveQuerschnitt(budget);
  if (!q) return null;
  const specs = q.columns.flatMap((id) => querschnittColumn(id) ?? []);
  const tops = new Map(topNodes(budget).map((n) => [n.code, n]));
  const all = new Map(budget.nodes.map((n) => [n.code, n]));
  const haushalt = gesamtNode(budget)?.code;
  const rule = 'querschnitt';
  const row = (r: QuerschnittRow, sum: boolean) => {
    const node = sum ? undefined : (tops.get(r.code) ?? all.get(r.code));
    // the sum row's findings are placed on the Haushalt node (or on none); a row's on its unit
    const at = (f: Finding): boolean => (sum ? f.node === haushalt : f.node === r.code);
    const cells = specs.map((spec) => {
      const plan = sum ? sumFromGesamt(budget, spec, q.year) : node && rowFromPlans(node, spec, q.year);
      return {
        column: spec.id,
        value: money(r.amounts[spec.id]),
        derived: plan && !plan.unknown ? plan.amount : null,
        basis: plan?.basis ?? null,
        findings: keysOf(findings, rule, (f) => at(f) && f.line === spec.id),
      };
    });
    // a row of no unit (or a unit without a row) is a finding of the row without a column
    const rowFindings = keysOf(
      findings,
      rule,
      (f) => f.line === undefined && (sum ? false : f.message.includes(`Zeile ${r.code} `)),
    );
    return {
      code: r.code,
      name: r.name,
      sum,
      source: whereOf(r.source),
      cells,
      findings: rowFindings,
    };
  };
  return {
    origin: printed ? 'importiert' : 'abgeleitet',
    source: whereOf(q.source),
    year: q.year,
    signs: q.signs ?? 'negative',
    columns: specs.map((s) => ({ id: s.id, label: s.label, short: s.short, flow: s.flow })),
    rows: [...q.rows.map((r) => row(r, false)), ...(q.sum ? [row(q.sum, true)] : [])],
  };
}

function veView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'ve'> {
  const printed = budget.parts?.veUebersicht;
  const v: VeUebersicht | undefined = printed ?? deriveVeUebersicht(budget);
  if (!v) return null;
  const tops = new Map(topNodes(budget).map((n) => [n.code, n]));
  const haushalt = gesamtNode(budget)?.code;
  const row = (r: VeRow, sum: boolean) => {
    const node = tops.get(r.code);
    const plan = sum ? veOfBudget(budget, v.year) : node && veFromPlan(node, v.year);
    const at = (f: Finding): boolean => (sum ? f.node === haushalt : f.node === r.code);
    return {
      code: r.code,
      name: r.name,
      sum,
      source: whereOf(r.source),
      ve: money(r.ve),
      derived: plan && !plan.unknown ? plan.amount : null,
      faellig: v.years.map((y) => ({ year: y, value: money(r.faellig[String(y)]) })),
      findings: keysOf(findings, 've-uebersicht', at),
    };
  };
  return {
    origin: printed ? 'importiert' : 'abgeleitet',
    source: whereOf(v.source),
    year: v.year,
    years: [...v.years],
    rows: [...v.rows.map((r) => row(r, false)), ...(v.sum ? [row(v.sum, true)] : [])],
  };
}

/** The parts' view of a budget as the reader may read it; `findings` the version's open findings. */
export function partsView(
  budget: Budget,
  version: { readonly id: number; readonly revision: number },
  open: readonly Keyed[],
): PartsView {
  const findings = open.filter((f) => PART_RULES.has(f.rule));
  const keyed = <V extends object>(part: Part, view: V | null) => {
    const ids = new Set<string>(RULES_OF[part].map((r) => r.id));
    return view && { ...view, findingKeys: findings.filter((f) => ids.has(f.rule)).map((f) => f.key) };
  };
  return {
    versionId: version.id,
    versionRevision: version.revision,
    year: budget.year ?? null,
    haushalt: gesamtNode(budget)?.code ?? null,
    satzung: keyed('satzung', satzungView(budget, findings)),
    querschnitt: keyed('querschnitt', querschnittView(budget, findings)),
    ve: keyed('ve', veView(budget, findings)),
    ruecklagen: keyed('ruecklagen', ruecklagenView(budget, findings)),
    stellenplan: keyed('stellenplan', stellenplanView(budget, findings)),
    investitionsprogramm: keyed('investitionsprogramm', programmView(budget, findings)),
    verbindlichkeiten: keyed('verbindlichkeiten', verbindlichkeitenView(budget, findings)),
    fraktionen: keyed('fraktionen', fraktionenView(budget, findings)),
    findings,
  };
}
