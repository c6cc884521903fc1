/**
 * `haushalt render` as a user runs it: a real process, real Chromium. `--html` writes index.html and book.css,
 * `--pdf` a PDF; bad input and wrong usage give a German message and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE } from './paths.js';
import { run } from './run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-render-'));

describe('haushalt render', () => {
  it('--html writes index.html with its style sheet', () => {
    const dir = path.join(tmp, 'buch');
    const r = run('render', REFERENCE, '--html', dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Buch geschrieben: ${dir}/index.html\n`);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/u);
    expect(html).toContain('<link rel="stylesheet" href="book.css">');
    expect(html).toContain('<title>Kreishaushalt 2026</title>');
    expect(html).toContain('Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum');
    expect(readFileSync(path.join(dir, 'book.css'), 'utf8')).toContain(
      'thead { display: table-header-group; }',
    );
  });

  it('--pdf writes a PDF and says how many pages it has', () => {
    const pdf = path.join(tmp, 'buch.pdf');
    const r = run('render', REFERENCE, '--pdf', pdf);
    expect(r.code).toBe(0);
    const pages = Number(/\((\d+) Seiten\)/u.exec(r.out)?.[1]);
    expect(pages).toBeGreaterThan(10);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(new RegExp(`Pages:\\s+${pages}\\n`, 'u'));
  });

  it('rejects unreadable input with a German message naming the file, exit 2', () => {
    const bad = path.join(tmp, 'kaputt.txt');
    writeFileSync(bad, 'Das ist kein Haushaltsplan.\n');
    const out = path.join(tmp, 'nie.pdf');
    const r = run('render', bad, '--pdf', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^haushalt: .*kaputt\.txt, Zeile 1: Format nicht erkannt/u);
    expect(r.err).not.toMatch(/\n\s+at /u);
    expect(existsSync(out)).toBe(false);
  });

  it('asks for exactly one of --html and --pdf, and names an output it cannot write', () => {
    const none = run('render', REFERENCE);
    expect(none.code).toBe(2);
    expect(none.err).toBe('haushalt: Bitte genau eines angeben: --html <verzeichnis> oder --pdf <datei>\n');
    const both = run('render', REFERENCE, '--html', tmp, '--pdf', path.join(tmp, 'x.pdf'));
    expect(both.code).toBe(2);
    const missing = path.join(tmp, 'fehlt', 'buch.pdf');
    const unwritable = run('render', REFERENCE, '--pdf', missing);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toBe(
      `haushalt: ${missing}: Datei kann nicht geschrieben werden (das Verzeichnis gibt es nicht)\n`,
    );
  });
});
