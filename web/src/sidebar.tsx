/**
 * The left column: the field that filters the tree by code and name, **Volltext** (full-text search on the
 * server: line labels, Erläuterungen, Produktbeschreibungen, Kennzahlen) with its hits, and the tree.
 */
import { useMemo, useState } from 'preact/hooks';
import { api, type SearchHit, type TreeNode } from './api.js';
import type { Route } from './route.js';
import { Tree } from './tree.js';

interface Props {
  readonly tree: TreeNode[];
  readonly route: Route;
  readonly version: number | undefined;
  readonly hrefOf: (code: string) => string;
  readonly onOpenHit: (hit: SearchHit) => void;
  readonly onError: (message: string) => void;
  /** The version's start page, the whole budget (`start-page.tsx`). */
  readonly start?: { readonly href: string; readonly current: boolean } | undefined;
  /** The Haushaltsplan's parts: Satzung, Übersichten, Stellenplan, Rücklagen, Anlagen (`parts-view.tsx`). */
  readonly parts?: { readonly href: string; readonly current: boolean } | undefined;
}

export function Sidebar({ tree, route, version, hrefOf, onOpenHit, onError, start, parts }: Props) {
  const [filter, setFilter] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[] | null>(null);

  // The tree (hundreds of nodes) is rendered again only when what it shows changes, not with every status
  // line, dialog or impact list (Preact skips an element that is the same object).
  const treeElement = useMemo(
    () => (
      <Tree
        nodes={tree}
        current={route.node}
        expand={route.node ?? tree[0]?.code}
        filter={hits ? '' : filter}
        href={hrefOf}
      />
    ),
    [tree, route.version, route.node, route.tab, hits === null, filter],
  );

  return (
    <nav class="side" aria-label="Produkte">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (version === undefined || filter.trim() === '') return;
          api
            .search(version, filter.trim())
            .then((r) => setHits(r.hits))
            .catch((err: unknown) => onError(err instanceof Error ? err.message : String(err)));
        }}
      >
        <label>
          Suche{' '}
          <input
            type="search"
            name="suche"
            value={filter}
            onInput={(e) => {
              setFilter(e.currentTarget.value);
              setHits(null);
            }}
            placeholder="Produkt, Zeile, Erläuterung …"
          />
        </label>{' '}
        <button type="submit">Volltext</button>
      </form>
      {hits ? (
        <section aria-labelledby="treffer-h" class="hits">
          <h2 id="treffer-h">Treffer ({hits.length})</h2>
          <ul>
            {hits.map((h, i) => (
              <li key={i}>
                <button type="button" class="link" onClick={() => onOpenHit(h)}>
                  <span class="code">{h.node}</span>
                  {h.line ? ` Zeile ${h.line}` : ''}
                  {h.letter ? ` Posten ${h.letter})` : ''}
                  {h.kind === 'beschreibung' ? ` Produktbeschreibung (${h.field ?? ''})` : ''}
                  {h.kind === 'kennzahl' ? ' Kennzahl' : ''}: {h.text}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {start ? (
        <a class="start-link" href={start.href} aria-current={start.current ? 'page' : undefined}>
          Überblick: ganzer Haushalt
        </a>
      ) : null}
      {parts ? (
        <a class="start-link" href={parts.href} aria-current={parts.current ? 'page' : undefined}>
          Haushaltsplan: Satzung, Übersichten, Stellenplan, Rücklagen, Anlagen
        </a>
      ) : null}
      {treeElement}
    </nav>
  );
}
