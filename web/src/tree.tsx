/**
 * The hierarchy Produktbereich → Produktgruppe → Produkt as nested lists of links, with a filter on code and
 * name; the branch of the node shown is open, others open on demand (`<details>`, keyboard-operable).
 */
import type { TreeNode } from './api.js';

function matches(n: TreeNode, q: string): boolean {
  return (
    `${n.code} ${n.name}`.toLocaleLowerCase('de-DE').includes(q) || n.children.some((c) => matches(c, q))
  );
}

function contains(n: TreeNode, code: string | undefined): boolean {
  return code !== undefined && (n.code === code || n.children.some((c) => contains(c, code)));
}

interface Props {
  readonly nodes: readonly TreeNode[];
  readonly current: string | undefined;
  /** The node whose branch is open (the current one; on the start page the first Produktbereich). */
  readonly expand?: string | undefined;
  readonly filter: string;
  readonly href: (code: string) => string;
}

export function Tree({ nodes, current, expand = current, filter, href }: Props) {
  const q = filter.trim().toLocaleLowerCase('de-DE');
  const shown = q ? nodes.filter((n) => matches(n, q)) : nodes;
  return (
    <ul class="tree">
      {shown.map((n) => (
        <li key={n.code}>
          {n.children.length > 0 ? (
            <details open={q !== '' || contains(n, expand)}>
              <summary>
                <a href={href(n.code)} aria-current={n.code === current ? 'page' : undefined}>
                  <span class="code">{n.code}</span> {n.name}
                </a>
              </summary>
              <Tree nodes={n.children} current={current} expand={expand} filter={filter} href={href} />
            </details>
          ) : (
            <a href={href(n.code)} aria-current={n.code === current ? 'page' : undefined} class="leaf">
              <span class="code">{n.code}</span> {n.name}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
