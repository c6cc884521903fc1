import { describe, expect, it } from 'vitest';
import {
  LoginLimiter,
  LoginRefused,
  addressKey,
  type LoginAttempt,
  type LoginLimits,
} from './login-limit.js';

const LIMITS: LoginLimits = {
  perAddress: { max: 10, timeWindow: 60_000 },
  perAccount: { max: 5, timeWindow: 600_000 },
  unknownNames: { max: 20, timeWindow: 60_000 },
  verifying: 3,
};

function limiter() {
  let t = 1_000_000;
  const l = new LoginLimiter(LIMITS, () => t);
  return {
    l,
    later: (ms: number) => {
      t += ms;
    },
  };
}

function refused(run: () => unknown): LoginRefused {
  try {
    run();
  } catch (e) {
    if (e instanceof LoginRefused) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** A failed guess at a known name (or an unknown one) from `address`. */
function fail(l: LoginLimiter, address: string, name: string, known = true): LoginRefused | undefined {
  const a = l.begin(address, name);
  a.admit(known);
  return a.failed();
}

describe('login limits', () => {
  it('count failures per address whatever the name, until the window ends', () => {
    const { l, later } = limiter();
    for (let i = 0; i < 10; i++) expect(fail(l, '203.0.113.7', `name${i}`, false)).toBeUndefined();
    const r = refused(() => l.begin('203.0.113.7', 'anna'));
    expect(r.retryAfter).toBe(60);
    expect(r.message).toMatch(/^Zu viele Anmeldeversuche; bitte in 60 Sekunden erneut versuchen\.$/);
    expect(() => l.begin('203.0.113.8', 'anna')).not.toThrow();
    later(45_000);
    expect(refused(() => l.begin('203.0.113.7', 'anna')).retryAfter).toBe(15);
    later(15_000);
    expect(() => l.begin('203.0.113.7', 'anna')).not.toThrow();
  });

  it('key an address: IPv4 as it is, IPv4-mapped as IPv4, IPv6 by its /64', () => {
    expect(addressKey('198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey('2001:db8:1:2:ffff::9')).toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('2001:DB8:1:2::1')).toBe('2001:db8:1:2::');
  });

  it('count an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    const { l } = limiter();
    for (let i = 0; i < 10; i++) fail(l, `2001:db8:1:2::${i + 1}`, `n${i}`, false);
    expect(() => l.begin('2001:db8:1:2:ffff::9', 'x')).toThrow(LoginRefused);
    expect(() => l.begin('2001:db8:1:3::1', 'x')).not.toThrow();
    for (let i = 0; i < 10; i++) fail(l, '198.51.100.4', `m${i}`, false);
    expect(() => l.begin('::ffff:198.51.100.4', 'x')).toThrow(LoginRefused);
  });

  it('count failures per account name from every address; names in any case are one', () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) fail(l, `192.0.2.${i}`, i % 2 ? 'Anna' : 'anna');
    expect(refused(() => l.begin('192.0.2.200', 'ANNA')).retryAfter).toBe(600);
    // an unknown name is counted alike: the limit does not tell which names exist
    for (let i = 0; i < 5; i++) fail(l, `192.0.2.${i}`, 'niemand', false);
    expect(() => l.begin('192.0.2.201', 'niemand')).toThrow(LoginRefused);
  });

  it('do not count a success, and count attempts under way (parallel guesses do not all pass)', () => {
    const { l } = limiter();
    for (let i = 0; i < 20; i++) {
      const a = l.begin('192.0.2.1', 'anna');
      a.admit(true);
      a.succeeded();
    }
    const pending: LoginAttempt[] = [];
    for (let i = 0; i < 5; i++) pending.push(l.begin(`192.0.2.${i + 10}`, 'bert'));
    expect(() => l.begin('192.0.2.99', 'bert')).toThrow(LoginRefused);
    for (const a of pending) a.abandoned();
    expect(() => l.begin('192.0.2.99', 'bert')).not.toThrow();
  });

  it('answer every failure 429 while the budget of unknown names is spent; a right password still gets in', () => {
    const { l } = limiter();
    for (let i = 0; i < 20; i++) expect(fail(l, `198.51.100.${i}`, `unbekannt${i}`, false)).toBeUndefined();
    expect(fail(l, '198.51.100.50', 'noch-einer', false)).toBeInstanceOf(LoginRefused);
    // a wrong password of a real account looks the same
    expect(fail(l, '198.51.100.51', 'anna', true)).toBeInstanceOf(LoginRefused);
    const ok = l.begin('198.51.100.52', 'bert');
    ok.admit(true);
    expect(() => {
      ok.succeeded();
    }).not.toThrow();
  });

  it('admit only so many verifications at once, then refuse known and unknown names alike', () => {
    const { l } = limiter();
    const running = [1, 2, 3].map((i) => {
      const a = l.begin(`192.0.2.${i}`, `user${i}`);
      a.admit(true);
      return a;
    });
    const admit = (address: string, name: string, known: boolean) => () => {
      l.begin(address, name).admit(known);
    };
    expect(refused(admit('192.0.2.10', 'anna', true)).retryAfter).toBeGreaterThan(0);
    expect(admit('192.0.2.11', 'niemand', false)).toThrow(LoginRefused);
    running[0]!.failed();
    expect(admit('192.0.2.12', 'anna', true)).not.toThrow();
  });
});
