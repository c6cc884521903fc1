/**
 * Where each role's work is after login (issue 17): a Fachbereich on the open Anmeldung of its Produktbereiche
 * (not on a Beschluss); the Kämmerei on the Anmeldung while a Produktbereich waits for its decisions; everyone
 * else where the page starts anyway (the newest open version). Also the header's link to the Anmeldung.
 */
import { anmeldungApi, api, type Session } from './api.js';
import type { Route } from './route.js';

interface Listed {
  readonly id: number;
  readonly budgetId: number;
  readonly stage: string;
  readonly closed: boolean;
  readonly basedOn: number | null;
}

/** The newest open version of stage `anmeldung`, or undefined. */
function openAnmeldung(versions: readonly Listed[]): Listed | undefined {
  return versions
    .filter((v) => v.stage === 'anmeldung' && !v.closed)
    .reduce<Listed | undefined>((a, v) => (a === undefined || v.id > a.id ? v : a), undefined);
}

/** The route a user lands on after login, or undefined to stay where the page is. */
export async function landing(session: Session): Promise<Partial<Route> | undefined> {
  const role = session.user.role;
  if (role === 'leser') return undefined;
  const { budgets } = await api.budgets();
  const versions = (await Promise.all(budgets.map((b) => api.versions(b.id)))).flatMap((l) => l.versions);
  const target = openAnmeldung(versions);
  if (!target) return undefined;
  if (role === 'kaemmerei') {
    const a = await anmeldungApi.get(target.id).catch(() => undefined);
    if (!a?.areas.some((x) => x.status === 'abgegeben')) return undefined;
  }
  return { version: target.id, node: undefined, line: undefined, tab: 'plaene', page: 'anmeldung' };
}

/**
 * The version whose Anmeldung the header links to: the current one when it is an Anmeldung or an Entwurf
 * (the Kämmerei decides there), else the budget's Anmeldung it came from; undefined for readers and where
 * the budget has none.
 */
export function anmeldungVersionFor(
  session: Session | null | undefined,
  versions: readonly Listed[],
  current: Listed | undefined,
): number | undefined {
  if (!session || session.user.role === 'leser' || !current) return undefined;
  const ofBudget = versions.filter((v) => v.budgetId === current.budgetId);
  if (!ofBudget.some((v) => v.stage === 'anmeldung')) return undefined;
  if (current.stage === 'anmeldung' || (current.stage === 'entwurf' && session.user.role === 'kaemmerei'))
    return current.id;
  return openAnmeldung(ofBudget)?.id ?? ofBudget.find((v) => v.stage === 'anmeldung')?.id;
}
