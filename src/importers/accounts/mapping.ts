/**
 * Account mappings (Kontenrahmen → plan lines) as data: the common NRW mapping shipped in
 * `data/kontenrahmen/nrw-common.json`, Baden-Württemberg's in `bw-vwv-2016.json` and Brandenburg's in
 * `bb-kontenrahmen.json` (their lines those of the schema the file names in `schemas`), or a city's own mapping
 * file (CSV with "Konto beginnend mit", "Bezeichnung", "Erg/Fin"), whose position labels are matched to the
 * schema's lines. A prefix mapped to two different lines, or a label that fits no line, is reported, never
 * guessed; the longest prefix wins.
 */
import type { PlanType } from '../../core/model.js';
import { lineByLabel, schemaById } from '../../core/schema.js';
import common from '../../../data/kontenrahmen/nrw-common.json' with { type: 'json' };
import bwKontenrahmen from '../../../data/kontenrahmen/bw-vwv-2016.json' with { type: 'json' };
import bbKontenrahmen from '../../../data/kontenrahmen/bb-kontenrahmen.json' with { type: 'json' };
import { parseCsv } from '../table/csv.js';

export interface MappingEntry {
  readonly prefix: string;
  readonly plan: PlanType;
  readonly line: string;
  /** Where the entry comes from, for messages ("kontenrahmen.csv, Zeile 9: E6 Kostenerstattungen"). */
  readonly origin?: string;
}

export interface AccountMapping {
  readonly id: string;
  readonly title: string;
  /**
   * The line schema the entries' line numbers belong to, per plan type; absent for a plan type: the NRW 2019
   * schema (`nrw-2019-teilergebnisplan`, `nrw-2019-teilfinanzplan`), as the mappings of NRW cities assume.
   */
  readonly schemas?: Partial<Readonly<Record<PlanType, string>>>;
  readonly entries: readonly MappingEntry[];
  /** Prefixes outside the plans, with the reason (balance sheet, cost accounting, financing). */
  readonly outside: readonly { readonly prefix: string; readonly reason: string }[];
  /** Problems of the mapping itself: double entries, labels that fit no line. */
  readonly problems: readonly string[];
}

interface MappingFile {
  readonly id: string;
  readonly title: string;
  readonly schemas?: Partial<Record<PlanType, string>>;
  readonly entries: readonly { readonly prefix: string; readonly plan: string; readonly line: string }[];
  readonly outside: readonly { readonly prefix: string; readonly reason: string }[];
}

/** A shipped mapping file as a mapping; its entries must name lines of its schemas (checked by a test). */
function shipped(file: MappingFile): AccountMapping {
  return {
    id: file.id,
    title: file.title,
    ...(file.schemas ? { schemas: file.schemas } : {}),
    entries: file.entries.map((e) => ({ prefix: e.prefix, plan: e.plan as PlanType, line: e.line })),
    outside: file.outside,
    problems: [],
  };
}

export const NRW_COMMON: AccountMapping = shipped(common);

/** Baden-Württemberg's Kontenrahmen (VwV Produkt- und Kontenrahmen) onto the lines of bw-2009-teilergebnisplan. */
export const BW_KONTENRAHMEN: AccountMapping = shipped(bwKontenrahmen);

/** Brandenburg's Kommunaler Kontenrahmen (VV Produkt- und Kontenrahmen) onto the lines of bb-2008-teilergebnisplan. */
export const BB_KONTENRAHMEN: AccountMapping = shipped(bbKontenrahmen);

/** Every mapping shipped in data/kontenrahmen/. */
export const KONTENRAHMEN: readonly AccountMapping[] = [NRW_COMMON, BW_KONTENRAHMEN, BB_KONTENRAHMEN];

/** The schema id an entry's line belongs to (NRW 2019 unless the mapping says otherwise). */
export function mappingSchema(mapping: AccountMapping, plan: PlanType): string {
  return (
    mapping.schemas?.[plan] ??
    (plan === 'teilfinanzplan' || plan === 'gesamtfinanzplan'
      ? 'nrw-2019-teilfinanzplan'
      : 'nrw-2019-teilergebnisplan')
  );
}

export type Resolution =
  | { readonly kind: 'line'; readonly plan: PlanType; readonly line: string; readonly prefix: string }
  | { readonly kind: 'outside'; readonly reason: string; readonly prefix: string };

/** Resolves an account: the longest prefix decides; two lines for that prefix is a conflict, not a choice. */
export function resolveAccount(mapping: AccountMapping, account: string): Resolution {
  let bestLength = 0;
  let candidates: MappingEntry[] = [];
  for (const e of mapping.entries) {
    if (!account.startsWith(e.prefix) || e.prefix.length < bestLength) continue;
    if (e.prefix.length > bestLength) {
      bestLength = e.prefix.length;
      candidates = [];
    }
    candidates.push(e);
  }
  const targets = new Set(candidates.map((c) => `${c.plan}:${c.line}`));
  if (targets.size === 1) {
    const c = candidates[0]!;
    return { kind: 'line', plan: c.plan, line: c.line, prefix: c.prefix };
  }
  if (targets.size > 1) {
    return {
      kind: 'outside',
      prefix: candidates[0]!.prefix,
      reason: `Kontenrahmen ordnet ${candidates[0]!.prefix} doppelt zu (${candidates.map((c) => c.origin ?? `Zeile ${c.line}`).join('; ')}); nicht zugeordnet`,
    };
  }
  const outside = mapping.outside
    .filter((o) => account.startsWith(o.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (outside) return { kind: 'outside', prefix: outside.prefix, reason: outside.reason };
  return {
    kind: 'outside',
    prefix: account.slice(0, 2),
    reason: `Kontenrahmen „${mapping.title}“ enthält keinen Eintrag für Konto ${account.slice(0, 2)}… (Lücke in der Zuordnung)`,
  };
}

/** Adds entries in front of a mapping (a profile's overrides win over the base). */
export function withOverrides(base: AccountMapping, overrides: readonly MappingEntry[]): AccountMapping {
  if (overrides.length === 0) return base;
  const prefixes = new Set(overrides.map((o) => o.prefix));
  return { ...base, entries: [...overrides, ...base.entries.filter((e) => !prefixes.has(e.prefix))] };
}

/**
 * Reads a city's mapping CSV. Columns are found by their headers: the account prefix ("Konto beginnend mit"),
 * the position's label ("Bezeichnung") and the plan ("Erg/Fin": Ergebnisplan / Finanzplan). Outside-the-plan
 * prefixes of the common mapping still apply.
 */
export function parseMappingCsv(
  text: string,
  file: string,
): { ok: true; mapping: AccountMapping } | { ok: false; message: string } {
  const parsed = parseCsv(text.replace(/^\uFEFF/u, ''));
  if (!parsed.ok) return { ok: false, message: `${file}: ${parsed.message}` };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, message: `${file}: leer` };
  const find = (re: RegExp): number => header.findIndex((h) => re.test(h));
  const prefixCol = find(/konto|präfix|prefix/iu);
  const labelCol = find(/bezeichnung|position/iu);
  const planCol = find(/erg.*fin|^plan$/iu);
  const idCol = find(/^id$/iu);
  if (prefixCol < 0 || labelCol < 0 || planCol < 0) {
    return {
      ok: false,
      message: `${file}: Spalten nicht erkannt (erwartet: „Konto beginnend mit“, „Bezeichnung“, „Erg/Fin“; gefunden: ${header.join(', ')})`,
    };
  }
  const te = schemaById('nrw-2019-teilergebnisplan')!;
  const tf = schemaById('nrw-2019-teilfinanzplan')!;
  const entries: MappingEntry[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const prefix = (row[prefixCol] ?? '').trim();
    if (prefix === '') return;
    const label = (row[labelCol] ?? '').trim();
    const planText = (row[planCol] ?? '').trim();
    const plan: PlanType | undefined = /finanz/iu.test(planText)
      ? 'teilfinanzplan'
      : /ergebnis/iu.test(planText)
        ? 'teilergebnisplan'
        : undefined;
    const origin = `${file.split('/').pop() ?? file}, Zeile ${i + 2}: ${idCol >= 0 ? `${row[idCol] ?? ''} ` : ''}${label}`;
    const line = plan ? lineByLabel(plan === 'teilfinanzplan' ? tf : te, label) : undefined;
    if (!plan || !line) {
      problems.push(
        `${origin}: Bezeichnung passt zu keiner Zeile des ${plan === 'teilfinanzplan' ? 'Teilfinanzplans' : 'Teilergebnisplans'}; Präfix ${prefix} bleibt ohne Zuordnung`,
      );
      return;
    }
    entries.push({ prefix, plan, line: line.line, origin });
  });
  const seen = new Map<string, MappingEntry>();
  for (const e of entries) {
    const other = seen.get(e.prefix);
    if (other && (other.line !== e.line || other.plan !== e.plan)) {
      problems.push(
        `Präfix ${e.prefix} ist doppelt zugeordnet: ${other.origin ?? ''} und ${e.origin ?? ''}; Buchungen darauf werden nicht zugeordnet`,
      );
    }
    seen.set(e.prefix, e);
  }
  return {
    ok: true,
    mapping: {
      id: file,
      title: file.split('/').pop() ?? file,
      entries,
      outside: NRW_COMMON.outside,
      problems,
    },
  };
}
