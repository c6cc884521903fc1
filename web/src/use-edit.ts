/**
 * The edit flow. A plan cell's edit is shown at once with every total the page holds (`previewCellEdit`), then
 * sent once the preview is painted; the server's answer replaces the preview and lists what changed (the
 * impacts). When the server refuses, the node is loaded again and the dialog opens again with what was entered
 * and why. Erläuterung items are saved the same way, shown with the answer; a projection is applied as one
 * change of all its cells (`PATCH …/cells`: all or nothing), its totals and impacts shown with the answer.
 * Findings are asked for again only once the changed cells are shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { previousFigure } from '../../src/core/entry-rules.js';
import type { StoredCell } from '../../src/store/api.js';
import {
  ApiFailure,
  api,
  type CellsResult,
  type EditResult,
  type LineView,
  type NodeView,
  type PlanView,
} from './api.js';
import type { EditRequest } from './edit-dialog.js';
import type { ItemRequest, ItemValues } from './item-dialog.js';
import { euro } from './format.js';
import type { Impact } from './impacts.js';
import { afterNextPaint, mark, measure } from './perf.js';
import { cellId, cellKey } from './plan-table.js';
import type { ProjectionEdit } from './projection.js';
import { previewCellEdit, withAmounts, type PreviewCell } from './preview.js';
import type { Data } from './use-data.js';

const keyOf = (c: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column'>): string =>
  cellKey(c.node, c.plan, c.line, c.column.kind, c.column.year);

/** The views in `views` with amounts put in (the ancestors of the node shown, after an edit). */
function mapWithAmounts(
  views: ReadonlyMap<string, NodeView>,
  cells: Parameters<typeof withAmounts>[1],
): ReadonlyMap<string, NodeView> {
  return new Map([...views].map(([code, v]) => [code, withAmounts(v, cells)]));
}

/** The amount a cell shows in the views the page holds (undefined: no view holds it). */
function shownAmount(views: ReadonlyMap<string, NodeView>, c: Impact['cell']): number | null | undefined {
  const plan = views.get(c.node)?.plans.find((p) => p.type === c.plan);
  const i = plan?.columns.findIndex((k) => k.kind === c.column.kind && k.year === c.column.year) ?? -1;
  return i < 0 ? undefined : plan?.lines.find((l) => l.line === c.line)?.cells[i]?.amount;
}

/** The dialog open: what it asks, and what saving does. */
export interface OpenEdit {
  readonly request: EditRequest;
  readonly submit: (v: { amount: number | null; text: string; reason: string }) => Promise<void>;
}

/** The Erläuterung item dialog open: the item, and what saving does. */
export interface OpenItemEdit {
  readonly request: ItemRequest;
  readonly submit: (v: ItemValues) => Promise<void>;
}

export interface EditFlow {
  readonly edit: OpenEdit | null;
  readonly closeEdit: () => void;
  readonly itemEdit: OpenItemEdit | null;
  readonly closeItemEdit: () => void;
  /** Cells the last edit changed (marked in the plans). */
  readonly changed: ReadonlySet<string>;
  /** Cells whose edit is shown but not yet confirmed by the server. */
  readonly pending: ReadonlySet<string>;
  readonly impacts: readonly Impact[];
  readonly closeImpacts: () => void;
  /** The impacts list unfolded (the user's choice stays for later edits). */
  readonly impactsOpen: boolean;
  readonly toggleImpacts: () => void;
  /** `typed`: what was typed to start the edit from the keyboard; `retry`: the server refused the last try. */
  readonly onEditCell: (
    plan: PlanView,
    line: LineView,
    i: number,
    typed?: string,
    retry?: EditRequest['retry'],
  ) => void;
  readonly onEditItem: (index: number, item: number | undefined) => void;
  /** The projection's cell edits as one change with one reason (all or nothing; a refusal is thrown). */
  readonly applyProjection: (edits: readonly ProjectionEdit[], reason: string) => Promise<void>;
}

export function useEdit(data: Data, setStatus: (status: string) => void): EditFlow {
  const { view, version, setView, setAncestors, refreshFindings } = data;
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [impacts, setImpacts] = useState<readonly Impact[]>([]);
  const [impactsOpen, setImpactsOpen] = useState(true);
  const [edit, setEdit] = useState<OpenEdit | null>(null);
  const [itemEdit, setItemEdit] = useState<OpenItemEdit | null>(null);

  useEffect(() => {
    // the preview's own mark is set in onEditCell, once its frame is on screen
    if (changed.size === 0 || pending.size > 0) return;
    mark('edit-saved', { cells: changed.size });
    measure('edit-saved', 'edit-start', 'edit-saved');
    // only now: the server checks the new revision, which takes CPU the edit's own display should have
    refreshFindings();
  }, [changed, pending]);

  const onEditCell: EditFlow['onEditCell'] = (plan, line, i, typed, retry) => {
    if (!view || !version) return;
    const code = view.code;
    const column = { kind: plan.columns[i]!.kind as 'ansatz', year: plan.columns[i]!.year };
    const below = plan.lines.slice(plan.lines.indexOf(line) + 1).find((l) => l.editable && !l.total);
    const previous = previousFigure(
      plan.columns,
      line.cells.map((c) => c.amount),
      i,
    );
    const request: EditRequest = {
      title: `${code} · ${plan.label} · Zeile ${line.line} ${line.label} · ${plan.columns[i]!.label}`,
      amount: line.cells[i]!.amount,
      ...(line.cells[i]!.scale === 1000 ? { thousands: true } : {}),
      ...(retry ? { retry } : {}),
      ...(typed !== undefined ? { typed } : {}),
      ...(below ? { next: cellId(plan.type, below.line, column.kind, column.year) } : {}),
      wholeEuros: plan.wholeEuros,
      ...(previous ? { previous } : {}),
    };
    setEdit({
      request,
      submit: async ({ amount, reason }) => {
        mark('edit-start');
        const shown = data.viewRef.current?.code === code ? data.viewRef.current : view;
        const rev = shown.plans.find((p) => p.type === plan.type)?.lines.find((l) => l.line === line.line)
          ?.cells[i]?.rev;
        const edit = { node: code, plan: plan.type, line: line.line, column, amount: amount ?? 0 };
        const preview = previewCellEdit(new Map([...data.ancestorsRef.current, [code, shown]]), edit);
        const keys = preview.map(keyOf);
        setView((v) => (v?.code === code ? withAmounts(v, preview) : v));
        setAncestors((m) => mapWithAmounts(m, preview));
        setImpacts(preview.map((c) => ({ cell: c, old: c.old })));
        setChanged(new Set(keys));
        setPending(new Set(keys));
        setEdit(null);
        setStatus('Wird gespeichert …');
        // sent once the preview is painted: the request's own work (and on one machine, the server's) would
        // otherwise come before the paint; a frame at most, and never more than 100 ms (no frames come while
        // the page is hidden)
        await new Promise<void>((resolve) => {
          afterNextPaint(() => {
            mark('edit-shown', { cells: keys.length });
            measure('edit', 'edit-start', 'edit-shown');
            resolve();
          });
          setTimeout(resolve, 100);
        });
        try {
          const result = await api.editCell(version.id, { ...edit, rev: rev ?? 0, reason });
          confirmEdit(code, preview, result);
        } catch (e) {
          refuseEdit(e, { plan, line, i, amount, reason });
        }
      },
    });
  };

  const confirmEdit = (code: string, preview: readonly PreviewCell[], result: EditResult): void => {
    const old = new Map(preview.map((c) => [keyOf(c), c.old]));
    setView((v) => (v?.code === code ? withAmounts(v, result.changed) : v));
    setAncestors((m) => mapWithAmounts(m, result.changed));
    setImpacts(result.changed.map((c) => ({ cell: c, old: old.get(keyOf(c)) })));
    setChanged(new Set(result.changed.map(keyOf)));
    setPending(new Set());
    setStatus(
      `Gespeichert. ${result.changed.length} Werte geändert` +
        (result.jahresergebnisEffect !== 0
          ? `, Wirkung auf das Jahresergebnis ${euro(result.jahresergebnisEffect)} €.`
          : '.'),
    );
  };

  const refuseEdit = (
    e: unknown,
    entered: { plan: PlanView; line: LineView; i: number; amount: number | null; reason: string },
  ): void => {
    const { plan, line, i, amount, reason } = entered;
    let error = e instanceof Error ? e.message : String(e);
    let now = line;
    if (e instanceof ApiFailure && e.code === 'conflict') {
      const current = e.body.current as StoredCell | undefined;
      error = `${e.message} Jetzt gespeichert: ${euro(current?.amount)} €.`;
      if (current) {
        now = {
          ...line,
          cells: line.cells.map((c, j) => (j === i ? { ...c, amount: current.amount, rev: current.rev } : c)),
        };
        setView((v) => (v ? withAmounts(v, [current]) : v));
      }
    }
    setPending(new Set());
    setChanged(new Set());
    setImpacts([]);
    setStatus('Nicht gespeichert.');
    data.reload();
    onEditCell(plan, now, i, undefined, { amount, reason, error });
  };

  const onEditItem = (index: number, item: number | undefined): void => {
    if (!view || !version) return;
    const e = view.erlaeuterungen[index]!;
    const it = item === undefined ? undefined : e.items[item];
    const years = view.plans.flatMap((p) => p.columns.filter((c) => c.kind === 'ansatz').map((c) => c.year));
    setItemEdit({
      request: {
        title: `${view.code} · Erläuterung zu Zeile ${e.line ?? ''}: ${it ? `Posten ${it.letter ?? item! + 1} ändern` : 'Posten anfügen'}`,
        item: it,
        previousYear: years.length > 0 ? Math.min(...years) : undefined,
      },
      submit: async (values) => {
        const next = await api.editErlaeuterung(version.id, view.code, index, {
          ...(item !== undefined ? { item } : {}),
          ...values,
          rev: view.rev,
        });
        setView(next);
        setItemEdit(null);
        setStatus('Erläuterung gespeichert.');
        refreshFindings();
      },
    });
  };

  const applyProjection: EditFlow['applyProjection'] = async (edits, reason) => {
    if (!view) return;
    const code = view.code;
    const shown = new Map([...data.ancestorsRef.current, [code, view]]);
    setStatus('Wird gespeichert …');
    let result: CellsResult;
    try {
      result = await api.editCells(view.versionId, {
        changes: edits.map((e) => ({ ...e, node: code })),
        reason,
      });
    } catch (e) {
      // nothing was saved; the node again with the revisions of now, for another try
      setStatus('Nicht gespeichert.');
      data.reload();
      throw e;
    }
    setView((v) => (v?.code === code ? withAmounts(v, result.changed) : v));
    setAncestors((m) => mapWithAmounts(m, result.changed));
    setImpacts(result.changed.map((c) => ({ cell: c, old: shownAmount(shown, c) })));
    setChanged(new Set(result.changed.map(keyOf)));
    setPending(new Set());
    const open = result.findings.open.length;
    setStatus(
      `Fortschreibung übernommen: ${edits.length} Beträge geändert in einem Schritt` +
        (result.jahresergebnisEffect !== 0
          ? `, Wirkung auf das Jahresergebnis ${euro(result.jahresergebnisEffect)} €`
          : '') +
        `; ${open === 1 ? 'ein offener Befund' : `${open} offene Befunde`} in ${code}.`,
    );
  };

  return {
    edit,
    closeEdit: () => {
      setEdit(null);
    },
    itemEdit,
    closeItemEdit: () => {
      setItemEdit(null);
    },
    changed,
    pending,
    impacts,
    closeImpacts: () => {
      setImpacts([]);
    },
    impactsOpen,
    toggleImpacts: () => {
      setImpactsOpen((o) => !o);
    },
    onEditCell,
    onEditItem,
    applyProjection,
  };
}
