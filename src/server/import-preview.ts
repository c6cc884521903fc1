/**
 * What an upload would become, before anything is stored (`POST /api/imports/preview`): the units found per
 * level and a list of them, the budget at a glance (`overview.ts`), every file's reconciliation (read = placed +
 * outside), the layout recognised, and the findings of the check — counted per rule, the errors, warnings and
 * hints listed with their place (file, line, page) up to a bound. Built in the import worker from the budget it
 * read, so that only this (small) answer crosses to the server, never the whole budget. Pure.
 */
import { check } from '../core/check/index.js';
import type { Finding } from '../core/findings.js';
import type { Reconciliation } from '../core/ledger.js';
import type { Budget, Level, PlanType } from '../core/model.js';
import type { FileLayout } from '../importers/index.js';
import { summariseFindings, type FindingsSummary } from './findings-summary.js';
import { budgetSummary, type BudgetSummary } from './overview.js';

/** At most this many units and findings are listed (all are counted). */
export const PREVIEW_UNITS = 2000;
export const PREVIEW_FINDINGS = 300;

export interface ImportPreview {
  readonly title: string | null;
  readonly year: number | null;
  readonly files: readonly string[];
  readonly levels: Readonly<Record<Level, number>>;
  readonly units: readonly {
    readonly code: string;
    readonly level: Level;
    readonly name: string;
    readonly plans: readonly PlanType[];
  }[];
  readonly unitsTotal: number;
  readonly summary: BudgetSummary;
  readonly reconciliation: readonly Reconciliation[];
  readonly layout: readonly FileLayout[];
  readonly findings: FindingsSummary;
  /** Errors, warnings and hints (no rounding notes), in the check's order, at most `PREVIEW_FINDINGS`. */
  readonly listed: readonly Finding[];
}

export function importPreview(
  budget: Budget,
  reconciliation: readonly Reconciliation[],
  layout: readonly FileLayout[],
): ImportPreview {
  const levels: Record<Level, number> = { haushalt: 0, produktbereich: 0, produktgruppe: 0, produkt: 0 };
  for (const n of budget.nodes) levels[n.level]++;
  const findings = check(budget);
  return {
    title: budget.title ?? null,
    year: budget.year ?? null,
    files: budget.files,
    levels,
    units: budget.nodes.slice(0, PREVIEW_UNITS).map((n) => ({
      code: n.code,
      level: n.level,
      name: n.name,
      plans: n.plans.map((p) => p.type),
    })),
    unitsTotal: budget.nodes.length,
    summary: budgetSummary(budget),
    reconciliation,
    layout,
    findings: summariseFindings(findings),
    listed: findings.filter((f) => f.severity !== 'rounding').slice(0, PREVIEW_FINDINGS),
  };
}
