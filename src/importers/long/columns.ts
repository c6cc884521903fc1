/**
 * Which plan column (kind and year) the amounts of a kind value and year go to, decided once for the whole
 * file from every (kind value, year) pair it holds:
 *
 * - Ist/Ergebnis → Ergebnis Y; Ansatz/Soll → Ansatz Y; VE → VE Y; Planung/Mifi/FP → Planung Y.
 * - "Plan" (a plan figure of either sort) → Ansatz in the budget years (profile `budgetYears`, descriptor
 *   `fiscalPeriod`; without them the first year of the plan series) and before them, Planung after them.
 * - A Planung in a budget year for which the file has no Ansatz is that year's Ansatz (a draft's plan figures).
 * - Two series for one column (Potsdam's "Mifi" and "FP" both for Planung 2019): the series reaching further
 *   is taken, the other is left outside the plans with that reason; so is a Planung for a year up to the last
 *   Ansatz year (an older plan's figure for a year that has its Ansatz).
 * - Differences ("Diff", "Abweichung") and values no one knows are read and left outside the plans.
 *
 * Every amount left outside still needs a column for the reconciliation: the kind it would have had, else
 * Ansatz up to the budget year and Planung after it.
 */
import type { Column, ColumnKind } from '../../core/model.js';
import { columnLabel } from '../../core/model.js';
import type { KindClass } from './vocabulary.js';

/** One kind value of the file with one of its years. */
export interface KindYear {
  readonly kind: string;
  readonly cls: KindClass | 'unknown' | 'ignore';
  readonly year: number;
  readonly rows: number;
}

export type ColumnDecision =
  | { readonly placed: true; readonly column: Column }
  | { readonly placed: false; readonly column: Column; readonly reason: string };

export interface ColumnPlan {
  /** By `${kind}\u0000${year}`. */
  readonly decisions: ReadonlyMap<string, ColumnDecision>;
  /** The budget year: the first budget year given, else the last Ansatz year. */
  readonly budgetYear?: number;
  /** How the file's kinds were read (German, one line per kind value), for a note. */
  readonly summary: readonly string[];
}

export function kindYearKey(kind: string, year: number): string {
  return `${kind}\u0000${year}`;
}

function years(list: readonly number[]): string {
  const s = [...new Set(list)].sort((a, b) => a - b);
  if (s.length > 2 && s.at(-1)! - s[0]! === s.length - 1) return `${s[0]!}–${s.at(-1)!}`;
  return s.join(', ');
}

const KIND_NAME: Readonly<Record<ColumnKind, string>> = {
  ergebnis: 'Ergebnis',
  ansatz: 'Ansatz',
  ve: 'VE',
  planung: 'Planung',
  bisher: 'bisher bereitgestellt',
  gesamt: 'Gesamtausgabe',
};

const label = (c: Column): string => (c.kind === 've' ? `VE ${c.year}` : columnLabel(c));

/** Decides every (kind, year) pair of a file; `budgetYears` from a profile or descriptor. */
export function planColumns(pairs: readonly KindYear[], budgetYears?: readonly number[]): ColumnPlan {
  const decisions = new Map<string, ColumnDecision>();
  const explicitAnsatz = new Set(pairs.filter((p) => p.cls === 'ansatz').map((p) => p.year));
  const planStart = new Map<string, number>();
  for (const p of pairs)
    if (p.cls === 'plan') planStart.set(p.kind, Math.min(planStart.get(p.kind) ?? Infinity, p.year));
  const lastBudgetYear = budgetYears?.length ? Math.max(...budgetYears) : undefined;

  // tentative columns
  const tentative = new Map<string, { column: Column; pair: KindYear }>();
  const outside = (p: KindYear, column: Column, reason: string): void => {
    decisions.set(kindYearKey(p.kind, p.year), { placed: false, column, reason });
  };
  const fallbackKind = (year: number): ColumnKind => {
    const last = lastBudgetYear ?? Math.max(-Infinity, ...explicitAnsatz, ...planStart.values());
    return Number.isFinite(last) && year > last ? 'planung' : 'ansatz';
  };
  for (const p of pairs) {
    const key = kindYearKey(p.kind, p.year);
    let kind: ColumnKind | undefined;
    switch (p.cls) {
      case 'ergebnis':
      case 'ansatz':
      case 've':
        kind = p.cls;
        break;
      case 'plan': {
        const last = lastBudgetYear ?? planStart.get(p.kind)!;
        kind = p.year > last ? 'planung' : 'ansatz';
        break;
      }
      case 'planung':
        kind = budgetYears?.includes(p.year) && !explicitAnsatz.has(p.year) ? 'ansatz' : 'planung';
        break;
      case 'derived':
        outside(
          p,
          { kind: fallbackKind(p.year), year: p.year },
          `„${p.kind}“ ${p.year}: abgeleitete Beträge (Differenzen anderer Zeilen der Datei), nicht übernommen`,
        );
        continue;
      case 'ignore':
        outside(
          p,
          { kind: fallbackKind(p.year), year: p.year },
          `„${p.kind}“ ${p.year}: laut Profil nicht übernommen`,
        );
        continue;
      case 'unknown':
        outside(
          p,
          { kind: fallbackKind(p.year), year: p.year },
          `Art „${p.kind}“ unbekannt (erwartet z. B. Plan, Ansatz, Planung, Ist, Ergebnis); nicht übernommen, ein Profil kann sie zuordnen („kinds“)`,
        );
        continue;
    }
    tentative.set(key, { column: { kind, year: p.year }, pair: p });
  }

  // two series for one column: the one reaching further wins
  const reach = new Map<string, number>();
  for (const { pair } of tentative.values())
    reach.set(pair.kind, Math.max(reach.get(pair.kind) ?? -Infinity, pair.year));
  const rowsOf = new Map<string, number>();
  for (const p of pairs) rowsOf.set(p.kind, (rowsOf.get(p.kind) ?? 0) + p.rows);
  const byColumn = new Map<string, { column: Column; pair: KindYear }[]>();
  for (const t of tentative.values()) {
    const k = `${t.column.kind}:${t.column.year}`;
    byColumn.set(k, [...(byColumn.get(k) ?? []), t]);
  }
  const placed = new Map<string, Column>();
  for (const list of byColumn.values()) {
    const ranked = [...list].sort(
      (a, b) =>
        reach.get(b.pair.kind)! - reach.get(a.pair.kind)! ||
        rowsOf.get(b.pair.kind)! - rowsOf.get(a.pair.kind)!,
    );
    const [winner, ...others] = ranked;
    placed.set(kindYearKey(winner!.pair.kind, winner!.pair.year), winner!.column);
    for (const o of others)
      outside(
        o.pair,
        o.column,
        `„${o.pair.kind}“ ${o.pair.year}: dieselbe Spalte (${label(o.column)}) steht auch als „${winner!.pair.kind}“ in der Datei; übernommen „${winner!.pair.kind}“ (die Reihe reicht bis ${reach.get(winner!.pair.kind)!})`,
      );
  }
  // a Planung for a year that has its Ansatz: an older plan's figure
  const ansatzYears = [...placed.values()].filter((c) => c.kind === 'ansatz').map((c) => c.year);
  const lastAnsatz = ansatzYears.length > 0 ? Math.max(...ansatzYears) : undefined;
  for (const [key, column] of placed) {
    const pair = tentative.get(key)!.pair;
    if (column.kind === 'planung' && lastAnsatz !== undefined && column.year <= lastAnsatz)
      outside(
        pair,
        column,
        `„${pair.kind}“ ${pair.year}: Planung für ein Jahr, für das die Datei schon einen Ansatz nennt (Ansatz bis ${lastAnsatz}); nicht übernommen`,
      );
    else decisions.set(key, { placed: true, column });
  }

  // how each kind value was read, for a note
  const summary: string[] = [];
  for (const kind of [...new Set(pairs.map((p) => p.kind))]) {
    const mine = pairs.filter((p) => p.kind === kind);
    const parts = new Map<string, number[]>();
    for (const p of mine) {
      const d = decisions.get(kindYearKey(p.kind, p.year))!;
      const what = d.placed ? KIND_NAME[d.column.kind] : 'außerhalb der Pläne';
      parts.set(what, [...(parts.get(what) ?? []), p.year]);
    }
    summary.push(
      `${kind === '' ? 'ohne Angabe' : `„${kind}“`} → ${[...parts].map(([what, ys]) => `${years(ys)} ${what}`).join('; ')}`,
    );
  }
  const budgetYear = budgetYears?.length ? Math.min(...budgetYears) : lastAnsatz;
  return { decisions, ...(budgetYear !== undefined ? { budgetYear } : {}), summary };
}
