/**
 * Limits on password guessing, kept in the server process (a second server process counts on its own):
 *
 * - per client address (`request.ip`: the peer, or with `--trust-proxy` the address the trusted proxy names;
 *   IPv6 by its /64), so that one client cannot try on;
 * - per account name, whatever the address, so that guesses spread over many addresses at one account stop;
 *   unknown names are counted alike (else the limit would tell which names exist);
 * - one budget shared by all names that are no account's, so that guessing spread over names and addresses
 *   stops too, and the counters of unknown names stay few;
 * - at most `verifying` password verifications admitted at once (the store runs a few at a time, the rest
 *   wait): beyond that every attempt is refused at once, known name or not.
 *
 * What is counted is failures: an attempt takes its place when it starts (so that a hundred parallel guesses
 * do not all pass before the first fails) and gives it back when it succeeds. Counters are fixed windows per
 * key, forgotten when their window ends.
 *
 * What an attacker learns: the same 401 for an unknown name and a wrong password, after the same time (the
 * store waits as long as a verification for an unknown name); a 429 from the address or name limit comes at
 * once for known and unknown names alike; while the budget of unknown names is spent, every failed attempt
 * answers 429 after the usual time, a wrong password for a real account too, and a right one still gets in.
 */
import { isIPv6 } from 'node:net';
import { Address6 } from 'ip-address';

/**
 * The key of a client address: IPv4 as it is, an IPv4-mapped IPv6 address as its IPv4, other IPv6 by its /64
 * (one household or office gets a whole /64 and could otherwise try on from each of its addresses).
 */
export function addressKey(ip: string): string {
  if (!isIPv6(ip)) return ip.toLowerCase();
  const address = new Address6(ip);
  if (address.isMapped4()) return address.to4().correctForm();
  return new Address6(`${ip}/64`).startAddress().correctForm();
}

export interface Limit {
  /** Failed attempts admitted within the window; the next one is refused until the window ends. */
  readonly max: number;
  /** Milliseconds. */
  readonly timeWindow: number;
}

export interface LoginLimits {
  readonly perAddress: Limit;
  readonly perAccount: Limit;
  readonly unknownNames: Limit;
  /** Password verifications admitted at once (running and waiting for their turn). */
  readonly verifying: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: { max: 10, timeWindow: 60_000 },
  perAccount: { max: 10, timeWindow: 10 * 60_000 },
  unknownNames: { max: 100, timeWindow: 60_000 },
  verifying: 32,
};

/** A refused attempt: answered 429 with `Retry-After` (seconds). */
export class LoginRefused extends Error {
  constructor(readonly retryAfter: number) {
    super(`Zu viele Anmeldeversuche; bitte in ${retryAfter} Sekunden erneut versuchen.`);
    this.name = 'LoginRefused';
  }
}

interface Window {
  count: number;
  readonly resetAt: number;
}

/** A place taken in a window, to give back (only to that window: a new one starts from zero). */
interface Taken {
  readonly key: string;
  readonly window: Window;
}

/** Fixed-window counters per key; at most `cap` keys (the oldest window first out when full). */
class Counters {
  private readonly windows = new Map<string, Window>();
  private takes = 0;

  constructor(
    private readonly limit: Limit,
    private readonly clock: () => number,
    private readonly cap = 100_000,
  ) {}

  /** Milliseconds until the key's window ends if the key is at its limit. */
  blocked(key: string): number | undefined {
    const w = this.windows.get(key);
    const t = this.clock();
    if (!w || w.resetAt <= t || w.count < this.limit.max) return undefined;
    return w.resetAt - t;
  }

  take(key: string): Taken {
    const t = this.clock();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) {
      if (w) this.windows.delete(key);
      w = { count: 0, resetAt: t + this.limit.timeWindow };
      this.windows.set(key, w);
      if (++this.takes % 1000 === 0 || this.windows.size > this.cap) this.sweep(t);
    }
    w.count++;
    return { key, window: w };
  }

  give(taken: Taken): void {
    if (this.windows.get(taken.key) !== taken.window) return;
    taken.window.count--;
    if (taken.window.count <= 0) this.windows.delete(taken.key);
  }

  private sweep(t: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= t) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.cap) break;
      this.windows.delete(key);
    }
  }
}

const UNKNOWN = '*';

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export class LoginLimiter {
  private readonly addresses: Counters;
  private readonly names: Counters;
  private readonly unknown: Counters;
  /** Verifications admitted and not yet settled. */
  verifying = 0;

  constructor(
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    readonly clock: () => number = Date.now,
  ) {
    this.addresses = new Counters(limits.perAddress, clock);
    this.names = new Counters(limits.perAccount, clock);
    this.unknown = new Counters(limits.unknownNames, clock, 1);
  }

  /** An attempt of `name` from `address` (`request.ip`); throws `LoginRefused` if a limit is reached. */
  begin(address: string, name: string): LoginAttempt {
    const byAddress = addressKey(address);
    const nameKey = name.normalize('NFC').toLowerCase();
    const wait = Math.max(this.addresses.blocked(byAddress) ?? 0, this.names.blocked(nameKey) ?? 0);
    if (wait > 0) throw new LoginRefused(seconds(wait));
    return new LoginAttempt(this, this.addresses.take(byAddress), this.names.take(nameKey));
  }

  /** @internal for `LoginAttempt` */
  unknownName(): { taken?: Taken; spent: boolean } {
    if (this.unknown.blocked(UNKNOWN) !== undefined) return { spent: true };
    return { taken: this.unknown.take(UNKNOWN), spent: false };
  }

  /** @internal for `LoginAttempt`: while the budget of unknown names is spent, failures answer 429. */
  unknownSpent(): LoginRefused | undefined {
    const wait = this.unknown.blocked(UNKNOWN);
    return wait === undefined ? undefined : new LoginRefused(seconds(wait));
  }

  /** @internal */
  give(taken: Taken | undefined, kind: 'address' | 'name' | 'unknown'): void {
    if (!taken) return;
    (kind === 'address' ? this.addresses : kind === 'name' ? this.names : this.unknown).give(taken);
  }
}

/**
 * One attempt: the store's `LoginGuard` (`admit`), then exactly one of `succeeded`, `failed` (a wrong password
 * or an unknown name) and `abandoned` (anything else: an error, a refusal).
 */
export class LoginAttempt {
  private unknownTaken: Taken | undefined;
  private verifying = false;
  private masked = false;
  private settled = false;

  constructor(
    private readonly limiter: LoginLimiter,
    private address: Taken | undefined,
    private name: Taken | undefined,
  ) {}

  /** The store knows now whether the name is an account's; before any password work. */
  admit(known: boolean): void {
    if (this.limiter.verifying >= this.limiter.limits.verifying) {
      this.abandoned();
      throw new LoginRefused(5);
    }
    if (known) {
      this.verifying = true;
      this.limiter.verifying++;
      return;
    }
    const { taken, spent } = this.limiter.unknownName();
    this.unknownTaken = taken;
    if (spent) {
      // refused after the usual time (see `failed`); its name needs no counter of its own
      this.masked = true;
      this.limiter.give(this.name, 'name');
      this.name = undefined;
    }
  }

  succeeded(): void {
    this.abandoned();
  }

  /** A wrong password or an unknown name: the places stay taken; the refusal to answer instead of 401, if any. */
  failed(): LoginRefused | undefined {
    this.settle();
    // an unknown name within the budget is a plain failure; beyond it, and a known name's while it is spent, 429
    if (this.unknownTaken) return undefined;
    return this.limiter.unknownSpent() ?? (this.masked ? new LoginRefused(1) : undefined);
  }

  /** Gives every place back (not a guess that failed). */
  abandoned(): void {
    if (this.settled) return;
    this.settle();
    this.limiter.give(this.address, 'address');
    this.limiter.give(this.name, 'name');
    this.limiter.give(this.unknownTaken, 'unknown');
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.verifying) this.limiter.verifying--;
    this.verifying = false;
  }
}
