/**
 * What the first pass decides for the whole file: how its amounts are read (the decimal mark from the data, a
 * profile or the descriptor; a descriptor's factor; its currency, noted) and which plan column each kind and
 * year goes to (kinds classed by the file's words, a profile or the descriptor's phase; then `columns.ts`), and
 * the columns placed, in plan order. Each decision that is not plain from the data is noted.
 */
import type { Column } from '../../core/model.js';
import { planColumns, type ColumnPlan, type KindYear } from './columns.js';
import type { PackageInfo, ResourceInfo } from './datapackage.js';
import type { Note } from './notes.js';
import { decideDecimal, type DecimalEvidence, type DecimalMark } from './numbers.js';
import type { LongProfile } from './profile.js';
import type { ColumnRoles } from './roles.js';
import { kindOf, type KindClass } from './vocabulary.js';

export type AmountReading =
  | { readonly ok: true; readonly mark: DecimalMark; readonly factor: number }
  | { readonly ok: false; readonly message: string; readonly line: number | undefined };

/** How the amounts are read: the decimal mark and the factor; notes a hint the data contradicts and a currency. */
export function decideAmounts(
  evidence: DecimalEvidence,
  amountHeader: string,
  profile: LongProfile | undefined,
  resource: ResourceInfo | undefined,
  note: Note,
): AmountReading {
  const fieldHint = resource?.fields.get(amountHeader);
  const hint: DecimalMark | undefined =
    profile?.decimal ??
    (fieldHint?.decimalChar === ',' || fieldHint?.decimalChar === '.' ? fieldHint.decimalChar : undefined);
  const decimal = decideDecimal(evidence, hint);
  if (!decimal.ok)
    return {
      ok: false,
      message: `Spalte „${amountHeader}“: ${decimal.message}`,
      line: evidence.lineOfDoubt(),
    };
  if (hint && decimal.how === 'data' && decimal.mark !== hint)
    note(
      'info',
      'decimal-mark',
      `${profile?.decimal ? 'Das Profil' : 'Die Beschreibung'} nennt „${hint}“ als Dezimalzeichen der Spalte „${amountHeader}“, die Beträge zeigen „${decimal.mark}“ (z. B. „${evidence.examples.point ?? evidence.examples.comma ?? ''}“); gelesen mit „${decimal.mark}“`,
    );
  const factor =
    resource?.factor !== undefined && Number.isInteger(resource.factor) && resource.factor > 0
      ? resource.factor
      : 1;
  if (factor !== 1)
    note(
      'info',
      'factor',
      `Die Beschreibung nennt den Faktor ${factor}: jeder Betrag der Datei wird mit ${factor} multipliziert`,
    );
  if (resource?.currency && resource.currency !== 'EUR')
    note(
      'info',
      'currency',
      `Die Beschreibung nennt die Währung ${resource.currency}; gelesen als Euro (Haushalte deutscher Kommunen)`,
    );
  return { ok: true, mark: decimal.mark, factor };
}

const PHASE_KIND: Readonly<Record<string, KindClass>> = {
  executed: 'ergebnis',
  approved: 'ansatz',
  adjusted: 'ansatz',
  proposed: 'plan',
};

const ORDER = ['ergebnis', 'ansatz', 've', 'planung'];

export interface FileColumns {
  readonly plan: ColumnPlan;
  /** The columns amounts are placed in, by year and then kind. */
  readonly columns: readonly Column[];
  /** A column's index in `columns`, by `${kind}:${year}`. */
  readonly index: ReadonlyMap<string, number>;
}

/** The plan column of every (kind, year) pair of the file, and the columns placed. */
export function decideColumns(
  pairCounts: Iterable<{ kind: string; year: number; rows: number }>,
  roles: ColumnRoles,
  profile: LongProfile | undefined,
  resource: ResourceInfo | undefined,
  pkg: PackageInfo | undefined,
  note: Note,
): FileColumns {
  const namedKind = roles.amountKind !== undefined ? kindOf(roles.amountKind) : undefined;
  const noKind: KindClass =
    profile?.defaultKind ??
    namedKind ??
    (resource?.phase ? PHASE_KIND[resource.phase.toLowerCase()] : undefined) ??
    'ansatz';
  if (roles.kind === undefined && !profile?.defaultKind && !namedKind && !resource?.phase)
    note(
      'warning',
      'kind-unknown',
      'Die Datei sagt nicht, ob die Beträge Plan oder Ist sind (keine Spalte wie „Plan_Ist“, „Art“, „Typ“): gelesen als Ansatz des jeweiligen Jahres; ein Profil kann es festlegen ("defaultKind": "ergebnis")',
    );
  const pairs: KindYear[] = [...pairCounts].map((p) => ({
    ...p,
    cls: roles.kind === undefined ? noKind : (profile?.kinds?.[p.kind] ?? kindOf(p.kind) ?? 'unknown'),
  }));
  if (pairs.some((p) => /^soll$/iu.test(p.kind) && p.cls === 'ansatz') && !profile?.kinds)
    note(
      'warning',
      'kind-soll',
      '„Soll“ gelesen als Ansatz (Haushaltssoll); meint die Datei das Rechnungsergebnis, kann ein Profil es festlegen ("kinds": {"Soll": "ergebnis"})',
    );
  const budgetYears = profile?.budgetYears ?? pkg?.fiscalYears;
  const plan = planColumns(pairs, budgetYears);
  note('info', 'columns', `Arten der Beträge: ${plan.summary.join('; ')}`);
  const placed: Column[] = [];
  const seen = new Set<string>();
  for (const d of plan.decisions.values()) {
    if (!d.placed) continue;
    const key = `${d.column.kind}:${d.column.year}`;
    if (!seen.has(key)) {
      seen.add(key);
      placed.push(d.column);
    }
  }
  const columns = placed.sort((a, b) => a.year - b.year || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const index = new Map(columns.map((c, k) => [`${c.kind}:${c.year}`, k]));
  return { plan, columns, index };
}
