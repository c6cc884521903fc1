import { describe, expect, it } from 'vitest';
import { StoreError } from './api.js';
import { checkPassword, commonPasswords } from './password-policy.js';

function reason(password: string, name = 'anna'): string | undefined {
  try {
    checkPassword(password, name);
    return undefined;
  } catch (e) {
    if (e instanceof StoreError && e.code === 'invalid') return e.message;
    throw e;
  }
}

describe('password policy', () => {
  it('accepts passphrases and long passwords of some variety', () => {
    for (const ok of [
      'ein langes Passwort 1',
      'Haushalt-2026-Kreis',
      'Kämmerei & Rat 7',
      'anna und ihr Garten',
    ])
      expect(reason(ok), ok).toBeUndefined();
  });

  it('wants 10 characters after trimming, counted as a reader counts them', () => {
    expect(reason('kurz 12')).toMatch(/mindestens 10 Zeichen/);
    expect(reason(' '.repeat(10))).toMatch(/mindestens 10 Zeichen/);
    expect(reason('   Abc-123!   ')).toMatch(/mindestens 10 Zeichen/);
    expect(reason('x'.repeat(1025))).toMatch(/zu lang/);
  });

  it('refuses passwords of one or few characters', () => {
    for (const weak of ['aaaaaaaaaa', '1212121212', 'abcdabcdabcd', '..........'])
      expect(reason(weak), weak).toMatch(/zu wenigen verschiedenen Zeichen/);
  });

  it('refuses the user name, also with a little around it', () => {
    expect(reason('karl.meier', 'karl.meier')).toMatch(/Benutzernamen/);
    expect(reason('Karl.Meier2026!', 'karl.meier')).toMatch(/Benutzernamen/);
    expect(reason('karl.meier und sein Fahrrad', 'karl.meier')).toBeUndefined();
  });

  it('refuses the common passwords of the list, whatever the case and spaces', () => {
    expect(commonPasswords().size).toBeGreaterThan(200);
    for (const common of ['1234567890', 'qwertzuiop', 'Passwort123', 'ICH LIEBE DICH', 'sonnenschein'])
      expect(reason(common), common).toMatch(/häufigsten/);
    for (const entry of commonPasswords()) expect(entry.length, entry).toBeGreaterThanOrEqual(10);
  });
});
