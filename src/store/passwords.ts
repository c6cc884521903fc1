/**
 * Password hashes with scrypt (memory-hard, in Node's crypto: no native add-on to build) and random tokens
 * stored only as their SHA-256. Format: `scrypt$N$r$p$salt$hash` (base64), so that the cost can be raised
 * without invalidating old hashes: an old hash still verifies, and `needsRehash` tells the caller to store a
 * new one at today's cost (done on the next successful login, `accounts.ts`).
 *
 * `PasswordWork` bounds how many hashes run at once (each takes 128 MiB and a thread of libuv's pool for about
 * a third of a second) and knows how long one takes, so that a login with an unknown name can wait as long
 * without spending any CPU on it.
 */
import { availableParallelism } from 'node:os';
import {
  createHash,
  randomBytes,
  randomInt,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/**
 * scrypt at the OWASP Password Storage Cheat Sheet's minimum: "use scrypt with a minimum CPU/memory cost
 * parameter of (2^17), a minimum block size of 8 (1024 bytes), and a parallelization parameter of 1"
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt).
 * 128 · N · r = 128 MiB of memory and about 0.3 s of one core per hash.
 */
export const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Parameters a stored hash may name: anything else is refused unverified (a hash of N = 2^30 is an attack). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 4;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/** Node refuses scrypt when (about) 128 · N · r > maxmem (default 32 MiB): room for the block and its extras. */
function maxmem(N: number, r: number): number {
  return 128 * N * r * 2;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { ...COST, maxmem: maxmem(COST.N, COST.r) });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || rest.length > 0) return undefined;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(R) || R < 1 || R > MAX_R) return undefined;
  if (!Number.isInteger(P) || P < 1 || P > MAX_P) return undefined;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, {
    N: parsed.N,
    r: parsed.r,
    p: parsed.p,
    maxmem: maxmem(parsed.N, parsed.r),
  });
  return parsed.hash.length === key.length && timingSafeEqual(parsed.hash, key);
}

/** A stored hash made at a lower cost than today's (or not readable): store a new one when next possible. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < COST.N || parsed.r < COST.r || parsed.p < COST.p;
}

/** A new random token (URL-safe) for a session, CSRF or API access. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A hash of today's cost that no password matches in practice: the first measure of how long one takes. */
const CALIBRATION_HASH = [
  'scrypt',
  COST.N,
  COST.r,
  COST.p,
  'AAAAAAAAAAAAAAAAAAAAAA==',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
].join('$');

/** How many recent hashes `PasswordWork` takes the typical time from. */
const SAMPLES = 15;

/** Hashes running at once by default: half the cores, at least one, at most four (each takes 128 MiB). */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
}

/**
 * Password work of one store: at most `concurrency` hashes at once (the others wait their turn, first come
 * first served), and the time one takes (the median of the last ones, the work alone), so that `pause` can
 * spend as long as a verification would take now — its turn in the queue included — doing nothing.
 */
export class PasswordWork {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Milliseconds the last hashes took (without waiting), newest last. */
  private readonly took: number[] = [];
  private calibrating: Promise<void> | undefined;

  constructor(readonly concurrency = defaultConcurrency()) {}

  /** Runs `work` (a hash or a verification) when a place is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
      });
    } else {
      this.running++;
    }
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.took.push(performance.now() - start);
      if (this.took.length > SAMPLES) this.took.shift();
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** The median of the last hashes' times (the first, slower one of a process soon no longer counts). */
  private typical(): number | undefined {
    if (this.took.length === 0) return undefined;
    const sorted = [...this.took].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  /** Hashes waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /** How long a verification asked for now would take: its wait for a place (about) and the work. */
  private expected(work: number): number {
    const ahead = this.running + this.waiting.length;
    const rounds = ahead < this.concurrency ? 0 : (ahead - this.concurrency) / this.concurrency + 0.5;
    return work * (1 + rounds);
  }

  /**
   * Waits about as long as a verification would take now, without any work (a login with an unknown name).
   * Until a hash has been measured, the first caller verifies against a dummy hash once; the others wait for
   * it.
   */
  async pause(): Promise<void> {
    const typical = this.typical();
    if (typical === undefined) {
      this.calibrating ??= this.run(() => verifyPassword('', CALIBRATION_HASH)).then(() => undefined);
      await this.calibrating;
      return;
    }
    // ±10 %: a real verification's time varies too
    const ms = this.expected(typical) * (0.9 + randomInt(0, 201) / 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 30_000)));
  }
}
