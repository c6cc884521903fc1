/**
 * What a password must be to be set: at least 10 characters after trimming, at most 1,024, at least five
 * different characters (not `aaaaaaaaaa`, not `1212121212`), not the user's name (nor the name with a little
 * around it), and not one of the common passwords in `data/security/common-passwords.txt` (compared without
 * case and white space). Refusals are `StoreError('invalid')` with a German sentence saying what to change.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from './api.js';

export const MIN_LENGTH = 10;
export const MAX_LENGTH = 1024;
const MIN_DISTINCT = 5;

// src/store (tsx, vitest) or dist/src/store (built)
const UP = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROJECT = UP.endsWith('dist') ? dirname(UP) : UP;
export const COMMON_PASSWORDS_FILE = resolve(PROJECT, 'data/security/common-passwords.txt');

/** How a password is compared with the list and the name: NFC, lower case, no white space. */
function folded(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, '');
}

const graphemes = new Intl.Segmenter('de', { granularity: 'grapheme' });

/** Characters as a reader counts them (an emoji or a letter with its accent is one). */
function length(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

let common: ReadonlySet<string> | undefined;

/** The list, read once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split(/\r?\n/u)
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map(folded),
  );
  return common;
}

/** Throws `invalid` with the reason when `password` may not be set for the user `name`. */
export function checkPassword(password: string, name: string): void {
  const text = password.trim();
  if (password.length > MAX_LENGTH)
    throw new StoreError('invalid', 'Das Passwort ist zu lang (höchstens 1.024 Zeichen).');
  if (length(text) < MIN_LENGTH)
    throw new StoreError(
      'invalid',
      `Das Passwort muss mindestens ${MIN_LENGTH} Zeichen lang sein (ohne Leerzeichen am Anfang und Ende).`,
    );
  if (new Set(folded(text)).size < MIN_DISTINCT)
    throw new StoreError(
      'invalid',
      `Das Passwort besteht aus zu wenigen verschiedenen Zeichen (mindestens ${MIN_DISTINCT}).`,
    );
  const f = folded(text);
  const n = folded(name);
  // the name is public: what is left besides it must be a password of its own
  if (n.length >= 3 && f.includes(n) && length(f.split(n).join('')) < MIN_LENGTH)
    throw new StoreError(
      'invalid',
      `Das Passwort darf den Benutzernamen nur enthalten, wenn der Rest selbst mindestens ${MIN_LENGTH} Zeichen hat.`,
    );
  if (commonPasswords().has(f))
    throw new StoreError(
      'invalid',
      'Dieses Passwort gehört zu den häufigsten und wird zuerst ausprobiert; bitte ein anderes wählen.',
    );
}
