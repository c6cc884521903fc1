/**
 * The store contract's records of budgets, versions, nodes, cells, texts, findings, the audit and documents
 * (what `Store` in `api.ts` takes and gives). Types only.
 */
import type { PlacedCell } from '../core/apply-cells.js';
import type { BudgetDiff } from '../core/diff.js';
import type { Finding, FindingKey, Severity } from '../core/findings.js';
import type { Budget, BudgetNode, Column, ImportNote, PlanType, PreviousAmount } from '../core/model.js';
import type { Cents } from '../core/money.js';
import type { ImportStage, Stage, VersionKind } from '../core/workflow.js';

export interface BudgetInfo {
  readonly id: number;
  readonly name: string;
  /** The running header of the document ("Kreishaushalt"), if any. */
  readonly title: string | null;
  readonly year: number | null;
  readonly createdAt: string;
  /** Who made it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

export interface VersionInfo {
  readonly id: number;
  readonly budgetId: number;
  readonly kind: VersionKind;
  readonly stage: Stage;
  readonly label: string;
  /** The version this one was made from (the stage before, or the Beschluss of a Nachtrag). */
  readonly basedOn: number | null;
  readonly closed: boolean;
  readonly frozen: boolean;
  readonly fachbereichEdit: boolean;
  readonly publicRead: boolean;
  /** Grows with every change of the version's content; caches key on it. */
  readonly revision: number;
  /** Grows with every finding accepted in the budget (acceptances hold for all its versions); views key on it. */
  readonly findingsRevision: number;
  readonly createdAt: string;
  /** Who made it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

export interface NodeSummary {
  readonly code: string;
  readonly level: BudgetNode['level'];
  readonly name: string;
  readonly parent: string | null;
}

/** A plan cell as stored, with its revision (an edit names it; a stale one gets a conflict). */
export interface StoredCell extends PlacedCell {
  readonly rev: number;
}

/** A cell's new amount, naming the revision of the cell the change was made on. */
export interface CellChange {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
  /** The revision of the cell the edit was made on; omitted only for a cell not printed yet (then 0). */
  readonly rev: number;
}

export interface CellEdit extends CellChange {
  readonly reason: string;
}

/** Several cells changed at once (a projection applied): all or nothing, one revision, one audit group. */
export interface CellsEdit {
  readonly changes: readonly CellChange[];
  readonly reason: string;
}

export interface EditResult {
  /** The edited cell and every total it changed, as now stored. */
  readonly changed: readonly StoredCell[];
  /** Change of the Jahresergebnis (signed, Aufwendungen negative) in the edited column, if the line counts. */
  readonly jahresergebnisEffect: Cents;
  readonly revision: number;
}

export interface CellsResult extends EditResult {
  /** The audit entries of the change (one per cell) share this group (`AuditEntry.group`). */
  readonly group: string;
}

/** An Erläuterung item edit: `index` of the Erläuterung in the node, `item` index in it (or append). */
export interface ErlaeuterungEdit {
  readonly node: string;
  readonly erlaeuterung: number;
  /** Index of the item to change; `undefined` appends a new item. */
  readonly item?: number;
  readonly text: string;
  readonly amount?: Cents | null;
  /** The further fields of the item (`ErlaeuterungItem`): undefined keeps the field, null removes it. */
  readonly letter?: string | null;
  readonly previous?: PreviousAmount | null;
  /** The reason printed after the previous amount (not the edit's `reason`). */
  readonly itemReason?: string | null;
  readonly remark?: string | null;
  /** The node's content revision the edit was made on. */
  readonly rev: number;
  readonly reason: string;
}

export interface NodeDetail {
  readonly node: BudgetNode;
  /** The content revision of the node (Erläuterungen, description); cells carry their own. */
  readonly rev: number;
  /** Revisions of the node's cells: `${plan}|${line}|${kind}:${year}` → rev. */
  readonly cellRevs: Readonly<Record<string, number>>;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly budgetId: number | null;
  readonly versionId: number | null;
  /** `import`, `cell`, `erlaeuterung`, `stage`, `version`, `finding-accept`, `einwendung`, `user`, … */
  readonly action: string;
  /** What was changed, e.g. `43.01|teilergebnisplan|13|ansatz:2026`. */
  readonly target: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly reason: string;
  /** Effect on the Jahresergebnis in cents (cell edits of the Ergebnisplan), else null. */
  readonly effect: Cents | null;
  /** Entries written by one change of several cells share a group (`editCells`); null otherwise. */
  readonly group: string | null;
}

/** Which entries of the audit trail to read (all given conditions hold); oldest first. */
export interface AuditFilter {
  readonly budgetId?: number;
  readonly versionId?: number;
  /** Content changes (amounts, Erläuterungen) of this unit and the units below it. */
  readonly unit?: string;
  /** Entries of this user (their name as the trail records it). */
  readonly actor?: string;
  /** From this time on (ISO 8601, inclusive) … */
  readonly from?: string;
  /** … and before this time (exclusive). */
  readonly to?: string;
  readonly limit?: number;
  /** Entries after this id (paging). */
  readonly after?: number;
}

export type { CellDiff } from '../core/diff.js';

/** Two versions compared (`diffBudgets` in the core). */
export interface VersionDiff extends BudgetDiff {
  readonly from: number;
  readonly to: number;
}

export type { FindingKey };

export interface AcceptedFinding {
  readonly id: number;
  readonly budgetId: number;
  readonly key: FindingKey;
  readonly reason: string;
  /** Who accepted it; `null` for anonymous readers (staff names are not public). */
  readonly acceptedBy: string | null;
  readonly acceptedAt: string;
}

export interface VersionFindings {
  /** Findings not accepted. */
  readonly open: readonly (Finding & { readonly key: FindingKey })[];
  /** Findings accepted, with who, when and why. */
  readonly accepted: readonly (Finding & {
    readonly key: FindingKey;
    readonly acceptance: AcceptedFinding;
  })[];
  /** Acceptances whose finding no longer occurs. */
  readonly stale: readonly AcceptedFinding[];
  /** Open findings per severity (of the node with `filter.node`), whatever `filter.severities` lets through. */
  readonly counts: Readonly<Record<Severity, number>>;
}

/** Which findings to return: of one node only, of some severities only. */
export interface FindingsFilter {
  readonly node?: string;
  /** The findings of these nodes only (those of a change of several cells). */
  readonly nodes?: readonly string[];
  readonly severities?: readonly Severity[];
}

/** A source document handed in with an import: the file as its values' sources name it. */
export interface ImportDocument {
  /** As in `Source.file` of the imported values. */
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** A stored source document of a version (brought by its import, or by the import its line goes back to). */
export interface DocumentInfo {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** The imported version that brought the document. */
  readonly versionId: number;
  readonly createdAt: string;
  /** Who imported it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

/** Bytes `start` (inclusive) to `end` (exclusive) of a document. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface DocumentContent {
  readonly document: DocumentInfo;
  /** The range read (the whole document without a range asked for). */
  readonly range: ByteRange;
  /** The bytes of the range, chunk by chunk (read lazily, at most 4 MiB at a time). */
  readonly body: AsyncIterable<Uint8Array>;
}

export interface ImportRequest {
  readonly budget: Budget;
  /** For a new budget: its name. */
  readonly name?: string;
  /** Import as a new version of this budget (else a new budget). */
  readonly budgetId?: number;
  /** `entwurf` by default; later stages are reached only by `advance` (refused here, also at run time). */
  readonly stage?: ImportStage;
  readonly label?: string;
  readonly reason?: string;
  readonly notes?: readonly ImportNote[];
  /** The source documents, stored with the import in the same transaction. */
  readonly documents?: readonly ImportDocument[];
}

/** What of a version `loadBudget` returns. */
export interface BudgetOptions {
  /**
   * Only what the view of this node needs (node views): every node in its place (code, level, name, parent),
   * but with content (plans with cells, texts, tables) only the node itself, its children and, for the
   * Gesamtplan, the top nodes — loaded by themselves while the whole version is not. Its findings of one node
   * (`checkNodes`) equal those of the whole version.
   */
  readonly around?: string;
}
