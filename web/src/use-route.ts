/**
 * The place in the address as state (`route.ts`): read on every `hashchange` (which starts a navigation's
 * timing, `haushalt:nav-start`), changed by setting the hash, so that back, bookmarks and links work.
 */
import { useEffect, useState } from 'preact/hooks';
import { mark } from './perf.js';
import { parseRoute, routeHash, type Route } from './route.js';

export interface Routing {
  readonly route: Route;
  /** Goes to the route with `r` changed (a new history entry). */
  readonly go: (r: Partial<Route>) => void;
  /** Puts `r` in place of the address without a history entry (a default filled in). */
  readonly replace: (r: Route) => void;
  /** The link to a node, its line closed. */
  readonly hrefOf: (code: string) => string;
}

export function useRoute(): Routing {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  useEffect(() => {
    const onHash = (): void => {
      mark('nav-start');
      setRoute(parseRoute(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
    };
  }, []);

  return {
    route,
    go: (r) => {
      const next = routeHash({ ...route, ...r });
      if (next !== location.hash) location.hash = next;
    },
    replace: (r) => {
      location.replace(routeHash(r));
      setRoute(parseRoute(location.hash));
    },
    hrefOf: (code) => routeHash({ ...route, node: code, line: undefined, page: undefined }),
  };
}
