/**
 * The page asks in its own dialogs (`confirm-dialog.tsx`, `modal.tsx`), never with the browser's `confirm()`,
 * `alert()` or `prompt()`: they block the page, cannot be styled, and name no consequence. Read from the
 * sources, so that a call cannot come back unnoticed in a view no browser test opens.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';

const WEB = path.join(REPO_ROOT, 'web', 'src');
/** A call of a native dialog: `confirm(`, `window.alert (`, … — not a word ending in it (`onConfirm(`). */
const NATIVE = /(?<![\w.$])(?:window\.)?(?:confirm|alert|prompt)\s*\(/u;

describe('native dialogs', () => {
  it('are called nowhere in the web app', () => {
    const files = readdirSync(WEB).filter((f) => /\.tsx?$/u.test(f));
    expect(files.length).toBeGreaterThan(20);
    const calls = files.flatMap((f) =>
      readFileSync(path.join(WEB, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => NATIVE.test(line) && !/^\s*(\*|\/\/)/u.test(line)),
    );
    expect(calls).toEqual([]);
    // the pattern finds what it is for
    expect(
      ['confirm("Sicher?")', 'window.alert(x)', 'if (!confirm(q)) return;'].every((t) => NATIVE.test(t)),
    ).toBe(true);
    expect(['onConfirm(reason)', 'role="alert"', 'setAlert(x)'].some((t) => NATIVE.test(t))).toBe(false);
  });
});
