/**
 * A plan continued at the top of a later page with only its header repeated (no title) continues the plan
 * whose rows it continues, which need not be the plan printed last: with the planning years on the following
 * page, that page repeats the previous page's plans in their order, so that the rest of a plan cut at the foot
 * of one page comes before the title of the next plan. Told by the numbers: a header's rows continue the plan
 * whose rows under the same columns (kinds and years) end before its first row's number, or (none under these
 * columns yet) the plan whose rows all come after it, starting over in new columns. The plan printed last is
 * kept when it fits, or when no plan does (or the rows carry no numbers).
 */
import type { ColumnKind } from '../../core/model.js';
import type { TableHead } from '../recognise/header.js';
import { isDataLine, readTableHeader, rowLead } from '../recognise/table.js';
import type { TextLine } from './lines.js';

interface Run {
  readonly first: number;
  last: number;
}

interface PlanState {
  head?: { readonly columns: string; readonly head: TableHead };
  /** Per header's columns: the numbers of the rows read under it. */
  readonly runs: Map<string, Run>;
}

/** How many lines of text (a wrapped label printed above its amounts) may stand between a header and its first row. */
const LABEL_LINES = 4;

/** The kinds of a plan's columns. */
const PLAN_KINDS: ReadonlySet<ColumnKind> = new Set(['ergebnis', 'ansatz', 've', 'planung']);

function columnsOf(head: TableHead): string {
  return head.columns.map((c) => `${c.kind} ${c.year}`).join('|');
}

function numberOf(line: TextLine, head: TableHead): number | undefined {
  const n = rowLead(line, head, true).lead.line;
  return n === undefined ? undefined : Number(n);
}

/** Which plan section each header and row of plan tables belongs to (`S`: the document's sections). */
export class PlanContinuations<S> {
  private readonly states = new Map<S, PlanState>();
  /** Plan sections, the one printed (or continued) last at the end. */
  private readonly recent: S[] = [];

  private state(section: S): PlanState {
    let s = this.states.get(section);
    if (!s) {
      s = { runs: new Map() };
      this.states.set(section, s);
    }
    return s;
  }

  private touch(section: S): void {
    const k = this.recent.indexOf(section);
    if (k >= 0) this.recent.splice(k, 1);
    this.recent.push(section);
  }

  /** Sections of other tables (Investitionen) by their headers' columns, the one printed last at the end. */
  private readonly others: { readonly section: S; readonly columns: string }[] = [];

  /** The title of a plan section was printed (again). */
  title(section: S): void {
    this.touch(section);
  }

  /**
   * A header (`header`, the lines after it from `lines[end]`) in `current`, a plan section when `plan`; `afterTitle`:
   * printed right under the section's title. Returns the plan section its table continues, else `current`.
   * Under another section (Investitionen) a header continues a plan only when it repeats the plan's columns.
   */
  header(
    current: S,
    plan: boolean,
    header: readonly TextLine[],
    lines: readonly TextLine[],
    end: number,
    afterTitle: boolean,
  ): S {
    const read = readTableHeader(header);
    if (!read.ok) return current;
    const columns = columnsOf(read.head);
    if (!plan) this.others.push({ section: current, columns });
    else if (!afterTitle && read.head.columns.some((c) => !PLAN_KINDS.has(c.kind))) {
      // columns no plan prints (Investitionen: "Bisher bis 2025", "Gesamt bis 2029"): the table under them
      // continues the last other table with these columns
      const other = this.others.findLast((o) => o.columns === columns);
      return other?.section ?? current;
    }
    const first = this.firstNumber(lines, end, read.head);
    let target = current;
    const known = !plan || (this.states.get(current)?.runs.size ?? 0) > 0;
    if (
      !afterTitle &&
      known &&
      first !== undefined &&
      (!plan || this.fits(current, columns, first) === undefined)
    ) {
      let best: { section: S; last: number } | undefined;
      for (let k = this.recent.length - 1; k >= 0; k--) {
        const s = this.recent[k]!;
        const last = s === current ? undefined : this.fits(s, columns, first, plan);
        if (last !== undefined && (!best || last > best.last)) best = { section: s, last };
      }
      if (best) target = best.section;
    }
    if (!plan && target === current) return current;
    this.state(target).head = { columns, head: read.head };
    this.touch(target);
    return target;
  }

  /** A row of a plan table in `section`. */
  row(section: S, line: TextLine): void {
    const state = this.states.get(section);
    if (!state?.head || !isDataLine(line)) return;
    const n = numberOf(line, state.head.head);
    if (n === undefined) return;
    const run = state.runs.get(state.head.columns);
    if (run) run.last = Math.max(run.last, n);
    else state.runs.set(state.head.columns, { first: n, last: n });
  }

  /**
   * Whether rows from number `n` on under `columns` continue `section`: the number of its last row under these
   * columns (rows after it), -1 when it has none under them but all its rows come after `n` (starting over in
   * new columns, when `anew`); undefined when they do not continue it.
   */
  private fits(section: S, columns: string, n: number, anew = true): number | undefined {
    const runs = this.states.get(section)?.runs;
    if (!runs || runs.size === 0) return undefined;
    const run = runs.get(columns);
    if (run) return n > run.last ? run.last : undefined;
    return anew && [...runs.values()].every((r) => n <= r.first) ? -1 : undefined;
  }

  private firstNumber(lines: readonly TextLine[], from: number, head: TableHead): number | undefined {
    let text = 0;
    for (let i = from; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.title) return undefined;
      if (!l.cells) {
        if (l.text.trim() !== '' && ++text > LABEL_LINES) return undefined;
        continue;
      }
      return isDataLine(l) ? numberOf(l, head) : undefined;
    }
    return undefined;
  }
}
