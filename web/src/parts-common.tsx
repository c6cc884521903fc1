/**
 * What the views of the Haushaltsplan's parts share (`parts-view.tsx`): where a value was printed (file, page,
 * line) in German, the origin of a part (importiert from a file, or abgeleitet from the plans), a finding's mark
 * in a cell that links to the finding below the table, and that list of findings; a checked cell with the figure
 * it was checked against beside it where they differ, and its column's heading marked.
 */
import type { ComponentChildren } from 'preact';
import type { PartsView } from './api.js';
import { euro } from './format.js';

export type PartFinding = PartsView['findings'][number];
/** A printed cell checked against the plans or the part's other cells (Querschnitt, Anlagen). */
export type Cell = NonNullable<PartsView['fraktionen']>['rows'][number]['cells'][number];
export interface Source {
  readonly file: string;
  readonly line: number;
  readonly page?: number;
}

/** `teile.txt, Zeile 12` or `plan.pdf, Seite 3, Zeile 12`; empty without a place. */
export function fundstelle(s: Source | null | undefined): string {
  if (!s) return '';
  return [s.file, s.page !== undefined ? `Seite ${s.page}` : '', `Zeile ${s.line}`]
    .filter(Boolean)
    .join(', ');
}

/** The findings of a view by key, and each one's anchor on the page. */
export class FindingIndex {
  private readonly byKey: Map<string, { f: PartFinding; i: number }>;
  constructor(findings: readonly PartFinding[]) {
    this.byKey = new Map(findings.map((f, i) => [f.key, { f, i }]));
  }
  /** The findings of these keys that are differences (errors and warnings; rounding is only noted). */
  serious(keys: readonly string[]): { f: PartFinding; id: string }[] {
    return keys.flatMap((k) => {
      const hit = this.byKey.get(k);
      return hit && (hit.f.severity === 'error' || hit.f.severity === 'warning')
        ? [{ f: hit.f, id: `teil-befund-${hit.i}` }]
        : [];
    });
  }
  anchor(key: string): string {
    return `teil-befund-${this.byKey.get(key)?.i ?? 0}`;
  }
}

/** The origin of a part: imported from a file (named), or derived from the plans. */
export function Origin({ origin, source }: { origin: 'importiert' | 'abgeleitet'; source: Source | null }) {
  return origin === 'importiert' ? (
    <p class="origin importiert">
      <span class="badge">importiert</span>{' '}
      {source ? <span title={source.file}>aus {source.file.split(/[\\/]/u).at(-1)}</span> : 'wie gedruckt'}
    </p>
  ) : (
    <p class="origin abgeleitet">
      <span class="badge">abgeleitet</span> aus den Teil- und Gesamtplänen (nicht gedruckt eingelesen)
    </p>
  );
}

/** A cell's mark: links to its findings below the table, the first one's message as the tooltip. */
export function Mark({ found }: { found: readonly { f: PartFinding; id: string }[] }) {
  if (found.length === 0) return null;
  return (
    <a class="mark diff-mark" href={`#${found[0]!.id}`} title={found.map((x) => x.f.message).join('\n')}>
      !<span class="sr-only">Abweichung: {found[0]!.f.message}</span>
    </a>
  );
}

/** The findings of a part, each with its anchor (the marks in the table link here). */
export function FindingList({
  findings,
  index,
  title,
}: {
  findings: readonly PartFinding[];
  index: FindingIndex;
  title: string;
}) {
  const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const rounding = findings.length - serious.length;
  return (
    <section class="part-findings" aria-label={title}>
      <h4>{title}</h4>
      {serious.length === 0 ? (
        <p class="ok">Keine Abweichungen.</p>
      ) : (
        <ul>
          {serious.map((f) => (
            <li key={f.key} id={index.anchor(f.key)} class={`finding ${f.severity}`}>
              <span class="severity">{f.severity === 'error' ? 'Fehler' : 'Warnung'}</span> {f.message}
              {f.source ? <span class="where"> ({fundstelle(f.source)})</span> : null}
            </li>
          ))}
        </ul>
      )}
      {rounding > 0 ? (
        <p class="note">{rounding} Rundungsdifferenzen (durch die Rundung auf volle Euro erklärbar).</p>
      ) : null}
    </section>
  );
}

/** A part's table in a region of its own that scrolls sideways (the page never does); `plan`: the plans' look. */
export function PartTable({
  label,
  class: cls,
  plan,
  children,
}: {
  label: string;
  class: string;
  plan?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table class={`${plan ? 'plan ' : ''}part-table ${cls}`}>{children}</table>
    </div>
  );
}

/** A checked cell: the printed amount, its mark, and where it differs the figure it was checked against. */
export function CheckedCell({ c, index, against }: { c: Cell; index: FindingIndex; against: string }) {
  const found = index.serious(c.findings);
  const title = [
    c.value?.source ? `Fundstelle: ${fundstelle(c.value.source)}` : '',
    c.derived !== null ? `${against}: ${euro(c.derived)}${c.basis ? ` (${c.basis})` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <td class={`num${found.length > 0 ? ' diff' : ''}`} data-column={c.column} title={title || undefined}>
      <span class="amount">{c.value ? euro(c.value.amount) : ''}</span>
      <Mark found={found} />
      {found.length > 0 && c.derived !== null ? (
        <span class="plan-value">
          {against}: {euro(c.derived)}
        </span>
      ) : null}
    </td>
  );
}

/** The columns with a marked cell. */
export function badColumns(rows: readonly { cells: readonly Cell[] }[], index: FindingIndex): Set<string> {
  return new Set(
    rows.flatMap((r) => r.cells.filter((c) => index.serious(c.findings).length > 0).map((c) => c.column)),
  );
}

export function ColumnHead({
  id,
  label,
  title,
  bad,
}: {
  id: string;
  label: string;
  title?: string;
  bad: ReadonlySet<string>;
}) {
  return (
    <th scope="col" class={`num${bad.has(id) ? ' diff' : ''}`} data-column={id} title={title}>
      {label}
      {bad.has(id) ? (
        <span class="mark diff-mark" aria-label="Abweichung in der Spalte">
          !
        </span>
      ) : null}
    </th>
  );
}
