/**
 * What every request asks of the database — the version it reads (revision, stage, read rights) and who its
 * session or API token stands for — answered from memory on PostgreSQL as long as the database tells this
 * process of every change: triggers on `version`, `budget`, `app_user`, `session` and `api_token` (migration
 * 0006) send a notification on the channel `haushalt_changed` when a transaction that changed them commits,
 * whichever process or tool made the change; a connection of its own listens (`LISTEN`).
 *
 * Rules, so that nothing stale is served for longer than a notification takes:
 * - remembered only while the listening connection is up; when it drops, everything is forgotten, every read
 *   asks the database again, and the connection is made anew (after 0.1 s, doubling up to 5 s); once it listens
 *   again, everything is forgotten once more (notifications may have been missed meanwhile);
 * - every notification, and every write of this process (a commit, a statement outside a transaction),
 *   forgets everything: a process reads its own writes at once, another process's after their notification;
 * - an answer is kept only if nothing was forgotten while it was asked for (a change that committed meanwhile
 *   is not hidden behind an older answer);
 * - sessions and API tokens are kept at most `AUTH_TTL_MS` and never past their own expiry; only valid ones.
 *
 * SQLite keeps no such memory: its reads are in-process and cheap, and another process (the CLI beside a
 * running server) could not tell of its changes.
 */
import {
  TransactionBuilder,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type pg from 'pg';

/** The channel the triggers of migration 0006 notify. */
export const CHANNEL = 'haushalt_changed';
/** The trigger function of migration 0006 that sends them. */
export const NOTIFY_FUNCTION = 'haushalt_notify_change';
/** The `application_name` of the listening connection (visible in `pg_stat_activity`). */
export const LISTENER_NAME = 'haushalt-listen';
/** Longest time a session or API token is taken from memory without asking the database. */
export const AUTH_TTL_MS = 5_000;
/** Most sessions and tokens kept (the oldest go first). */
const MAX_ENTRIES = 10_000;
const RETRY_MS = { first: 100, max: 5_000 } as const;

interface Entry {
  readonly value: unknown;
  /** Epoch milliseconds after which the entry is asked for again. */
  readonly until: number;
}

/** The registry: a wrapped database handle (`watch`) → its memory, for `remembered`. */
const memories = new WeakMap<object, Freshness>();

/**
 * `load()`'s answer, from memory if `db` is a watched handle whose memory holds it. `until`: when the
 * answer itself stops being valid (epoch ms; default: whenever something changes).
 */
export function remembered<T>(
  db: object,
  key: string,
  load: () => Promise<T>,
  until?: (value: T) => number | undefined,
): Promise<T> {
  const memory = memories.get(db);
  return memory ? memory.get(key, load, until) : load();
}

export class Freshness {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private client: pg.Client | undefined;
  private retry: number = RETRY_MS.first;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private listened = false;
  /** True while the listening connection is up: only then are answers kept. */
  live = false;
  /** Times the listening connection was made anew after it dropped. */
  reconnects = 0;
  /** Settles once the first connection attempt has ended (in success or not). */
  readonly started: Promise<void>;

  /** `connect`: a new, unconnected client for listening (PostgreSQL); none: nothing is ever kept. */
  constructor(private readonly connect?: () => pg.Client) {
    this.started = connect ? this.listen() : Promise.resolve();
  }

  /** Forgets everything (a change committed here or elsewhere). */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  async get<T>(key: string, load: () => Promise<T>, until?: (value: T) => number | undefined): Promise<T> {
    const now = Date.now();
    const hit = this.live ? this.entries.get(key) : undefined;
    if (hit && hit.until > now) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    const end = until ? until(value) : Number.POSITIVE_INFINITY;
    if (this.live && generation === this.generation && end !== undefined && end > Date.now()) {
      this.entries.delete(key);
      this.entries.set(key, { value, until: end });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  /**
   * The database handle this process writes through, so that its own writes are forgotten at once: each
   * statement outside a transaction after it ran, each transaction after it ended. Without a listener, the
   * handle itself (nothing is kept).
   */
  watch<DB>(db: Kysely<DB>): Kysely<DB> {
    if (!this.connect) return db;
    const forget = (): void => {
      this.forget();
    };
    const writes = new WeakSet<object>();
    const plugin: KyselyPlugin = {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        if (args.node.kind !== 'SelectQueryNode') writes.add(args.queryId);
        return args.node;
      },
      transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        if (writes.has(args.queryId)) forget();
        return Promise.resolve(args.result);
      },
    };
    const builder = (b: TransactionBuilder<DB>): TransactionBuilder<DB> =>
      new Proxy(b, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown;
          if (typeof value !== 'function') return value;
          const method = value as (...a: unknown[]) => unknown;
          if (property === 'execute') {
            return async (...a: unknown[]) => {
              try {
                return await method.apply(target, a);
              } finally {
                forget();
              }
            };
          }
          return (...a: unknown[]) => {
            const r = method.apply(target, a);
            return r instanceof TransactionBuilder ? builder(r as TransactionBuilder<DB>) : r;
          };
        },
      });
    const withPlugin = db.withPlugin(plugin);
    const watched = new Proxy(withPlugin, {
      get(target, property) {
        if (property === 'transaction') return () => builder(target.transaction());
        const value = Reflect.get(target, property, target) as unknown;
        // Kysely's methods use private fields: called on the real instance
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    memories.set(watched, this);
    return watched;
  }

  /** The server process id of the listening connection, while there is one. */
  get pid(): number | undefined {
    return (this.client as { processID?: number } | undefined)?.processID;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.closed || !this.connect) return;
    const client = this.connect();
    let lost = false;
    const onLost = (): void => {
      if (lost) return;
      lost = true;
      this.dropped(client);
    };
    client.on('notification', () => {
      this.forget();
    });
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // a database not migrated to 0006 (opened with `migrate: false`) sends no notices: keep nothing
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT to_regproc('${NOTIFY_FUNCTION}') IS NOT NULL AS ok`,
      );
      if (rows[0]?.ok !== true) throw new Error(`${NOTIFY_FUNCTION} is missing`);
    } catch {
      onLost();
      return;
    }
    if (this.closed || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.listened) this.reconnects++;
    this.listened = true;
    this.client = client;
    this.retry = RETRY_MS.first;
    this.forget();
    this.live = true;
  }

  /** The listening connection is gone: nothing kept until it is back. */
  private dropped(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
    this.live = false;
    this.forget();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.listen(), this.retry);
    this.timer.unref();
    this.retry = Math.min(this.retry * 2, RETRY_MS.max);
  }
}
