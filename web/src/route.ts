/**
 * The app's place in the address (`#v=1&n=43.01&t=plaene&z=teilergebnisplan:13`): version, node, tab and the
 * selected line, so that the browser's back button, bookmarks and links work. Without a node: the version's
 * start page (`start-page.tsx`); `s=import`: the import wizard (`import-wizard.tsx`); `s=haushaltsplan`: the
 * Haushaltsplan's parts (`parts-view.tsx`); `s=einwendungen`: the Einwendungen of the version's Auslegung
 * (`einwendungen.tsx`); `s=anmeldung`: the Anmeldung of the Fachbereiche (`anmeldung.tsx`).
 */
export const TABS = ['plaene', 'diagramme', 'befunde', 'aenderungen', 'vergleich'] as const;
export type Tab = (typeof TABS)[number];

const PAGES = ['import', 'haushaltsplan', 'einwendungen', 'anmeldung'] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  readonly version?: number;
  readonly node?: string;
  readonly tab: Tab;
  /** `plan:line` of the line whose details are open. */
  readonly line?: string;
  /**
   * A page of its own instead of a node: the import wizard (`s=import`), the Haushaltsplan's parts
   * (`s=haushaltsplan`), the Einwendungen (`s=einwendungen`), the Anmeldung (`s=anmeldung`).
   */
  readonly page?: Page;
  /** The part shown on the Haushaltsplan's page (`p=querschnitt`; `parts-view.tsx`). */
  readonly part?: string;
}

export function parseRoute(hash: string): Route {
  const p = new URLSearchParams(hash.replace(/^#/u, ''));
  const v = Number(p.get('v'));
  const t = p.get('t');
  return {
    ...(Number.isInteger(v) && v > 0 ? { version: v } : {}),
    ...(p.get('n') ? { node: p.get('n')! } : {}),
    tab: (TABS as readonly string[]).includes(t ?? '') ? (t as Tab) : 'plaene',
    ...(p.get('z') ? { line: p.get('z')! } : {}),
    ...((PAGES as readonly string[]).includes(p.get('s') ?? '') ? { page: p.get('s') as Page } : {}),
    ...(p.get('p') ? { part: p.get('p')! } : {}),
  };
}

export function routeHash(r: Route): string {
  const p = new URLSearchParams();
  if (r.version !== undefined) p.set('v', String(r.version));
  if (r.node !== undefined) p.set('n', r.node);
  if (r.tab !== 'plaene') p.set('t', r.tab);
  if (r.line !== undefined) p.set('z', r.line);
  if (r.page !== undefined) p.set('s', r.page);
  if (r.part !== undefined && r.page === 'haushaltsplan') p.set('p', r.part);
  return `#${p.toString()}`;
}
