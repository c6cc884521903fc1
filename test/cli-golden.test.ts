/**
 * Golden CLI tests as files, in the manner of hledger's shelltests: each `test/golden/cli/<name>.txt` holds a
 * command on its first line (`$ haushalt import …`, paths relative to the repository root), then what the
 * built `haushalt` printed: `[exit N]`, its standard output, and `[stderr]` with its error output when there
 * was any. The test runs every command as a user does (test/run-cli.ts) and compares the whole file.
 * `npm run test:update` writes the output under a new command line (review the diff). Every real document in
 * `../shared/data` must be read by some case: a new file there without a case fails.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from './golden.js';
import { REPO_ROOT, SHARED } from './paths.js';
import { run } from './run-cli.js';

const DIR = path.join(GOLDEN_DIR, 'cli');
const DATA = path.join(SHARED, 'data');

interface Case {
  readonly name: string;
  readonly file: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** Splits a command line at spaces; arguments with spaces are written in double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/gu)].map((m) => m[1] ?? m[2]!);
}

function cases(): Case[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const file = path.join(DIR, f);
      const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
      const m = /^\$ haushalt (.+)$/u.exec(first.trim());
      if (!m) throw new Error(`${f}: first line must be "$ haushalt <args>", is "${first}"`);
      return { name: f.slice(0, -4), file, command: first.trim(), args: words(m[1]!) };
    });
}

/** What a case's file must hold after its command line. */
function transcript(c: Case): string {
  const r = run(...c.args);
  const err = r.err === '' ? '' : `[stderr]\n${r.err}${r.err.endsWith('\n') ? '' : '\n'}`;
  return `${c.command}\n[exit ${r.code}]\n${r.out}${r.out === '' || r.out.endsWith('\n') ? '' : '\n'}${err}`;
}

/** Every file of the shared real budgets, relative to the repository root (documentation files aside). */
function realDocuments(dir = DATA): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return realDocuments(full);
    if (/^(SOURCE\.txt|README\.md)$/u.test(name)) return [];
    return [path.relative(REPO_ROOT, full)];
  });
}

const ALL = cases();

describe('the haushalt command on every real document (golden files)', () => {
  it.each(ALL.map((c) => [c.name, c] as const))(
    '%s',
    (_, c) => {
      const actual = transcript(c);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(c.file, actual, 'utf8');
      expect(actual).toBe(readFileSync(c.file, 'utf8'));
    },
    120_000,
  );

  it('reads every real document in ../shared/data in some case', () => {
    const named = ALL.flatMap((c) => c.args.map((a) => path.normalize(a)));
    const missing = realDocuments().filter(
      // a document named itself, or through its folder (an open-data package read with its datapackage.json)
      (doc) => !named.some((a) => doc === a || doc.startsWith(`${a}${path.sep}`)),
    );
    expect(missing).toEqual([]);
    expect(ALL.length).toBeGreaterThanOrEqual(15);
  });
});
