/**
 * The `haushalt` command as a user runs it: a real process, real files. Golden files pin the output on the
 * reference document (tidy CSV, check report, check JSON, import report); bad input must give a German message
 * naming file and line, exit code 2 and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from './golden.js';
import { BIN, run } from './run-cli.js';
import { DATA, REFERENCE, REPO_ROOT } from './paths.js';

const REF = path.relative(REPO_ROOT, REFERENCE);

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-cli-'));
function file(name: string, content: string | Buffer): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

describe('haushalt on the reference document', () => {
  it('exports every printed cell as tidy CSV', () => {
    const r = run('export', REF, '--format', 'tidy-csv');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(1 + 1248);
    expectGolden('reference.tidy.csv', r.out);
  });

  it('reads its own tidy CSV back without loss', () => {
    const csv = file('ref.csv', run('export', REF, '--format', 'tidy-csv').out);
    const again = run('export', csv, '--format', 'tidy-csv');
    expect(again.code).toBe(0);
    expect(again.out).toBe(readFileSync(csv, 'utf8'));
    const check = run('check', csv, '--json');
    expect(check.code).toBe(0);
    const findings = (JSON.parse(check.out) as { findings: { severity: string }[] }).findings;
    expect(findings.filter((f) => f.severity === 'rounding')).toHaveLength(40);
  });

  it('checks it: a German report, exit 0', () => {
    const r = run('check', REF);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ergebnis: 0 Fehler, 1 Warnung, 40 Rundungsdifferenzen, 9 Hinweise.');
    expectGolden('reference.check.txt', r.out);
  });

  it('checks it as JSON with every field', () => {
    const r = run('check', REF, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { findings: Record<string, unknown>[] };
    expect(Object.keys(json.findings[0]!)).toEqual([
      'severity',
      'rule',
      'message',
      'node',
      'plan',
      'line',
      'kind',
      'year',
      'expected',
      'actual',
      'difference',
      'source',
    ]);
    expect(json.findings.find((f) => f.severity === 'warning')).toMatchObject({
      rule: 'erlaeuterung-items',
      expected: 504000,
      actual: 509000,
      difference: 5000,
      source: { file: REF, line: 141 },
    });
    expectGolden('reference.check.json', r.out);
  });

  it('reports what the import recognised', () => {
    const out = path.join(tmp, 'budget.json');
    const r = run('import', REF, '-o', out);
    expect(r.code).toBe(0);
    expectGolden('reference.import.txt', r.out);
    const budget = JSON.parse(readFileSync(out, 'utf8')) as { nodes: unknown[] };
    expect(budget.nodes).toHaveLength(6);
  });

  it('reports the import as JSON', () => {
    const r = run('import', REF, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { counts: { cells: number }; check: Record<string, number> };
    expect(json.counts.cells).toBe(1230);
    expect(json.check).toEqual({ error: 0, warning: 1, rounding: 40, info: 9 });
    expectGolden('reference.import.json', r.out);
  });

  it('imports the reference together with its tidy CSV, and names both files where an amount differs', () => {
    const csv = run('export', REF, '--format', 'tidy-csv').out;
    expect(run('check', REF, file('same.csv', csv)).code).toBe(0);
    const changed = file(
      'changed.csv',
      csv.replace(
        '43,produktbereich,teilergebnisplan,02,ergebnis,2024,2147993.00',
        '43,produktbereich,teilergebnisplan,02,ergebnis,2024,2147000.00',
      ),
    );
    const r = run('check', REF, changed);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `haushalt: ${changed}, Zeile 8: Teilergebnisplan 43, Zeile 02, Ergebnis 2024: ${REF}, Zeile 9 nennt 2.147.993 €, ${changed}, Zeile 8 nennt 2.147.000 €\n`,
    );
  });

  it('stops quietly when the reader of its output goes away', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" generate --products 3000 | head -n 1`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout).not.toBe('');
    expect(r.stderr).toBe('');
  });

  it('exits 1 when check finds an error', () => {
    const broken = readFileSync(REFERENCE, 'utf8').replace(
      '-1.859.766\t0\t-1.878.364',
      '-1.859.866\t0\t-1.878.364',
    );
    const r = run('check', file('broken.txt', broken));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /Fehler: Teilfinanzplan 43, Zeile 10 \(Personalauszahlungen\), Ansatz 2026: gedruckt -1\.859\.866 €/u,
    );
  });

  it('has German help for every command', () => {
    for (const command of ['import', 'check', 'export', 'generate']) {
      const r = run(command, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Aufruf: haushalt /u);
      expect(r.out).toContain('Optionen:');
    }
    expect(run('--help').out).toContain('Befehle:');
  });
});

describe('haushalt on bad input', () => {
  const lines = readFileSync(REFERENCE, 'utf8').split('\n');
  const NUMBER = lines.map((l, i) => (i === 8 ? l.replace('2.147.993', '1.23.4') : l)).join('\n');
  const TIDY =
    'node,level,plan,line,kind,year,amount\n43,produktbereich,teilergebnisplan,01,ansatz,2026,0.00\n43,produktbereich,teilergebnisplan,02,ansatz,2026,1.23.4\n';
  /** File name, content, the message expected, and options (an unreadable amount refuses only with --strict). */
  const cases: [string, string | Buffer, RegExp, ...string[]][] = [
    ['empty.txt', '', /empty\.txt: Die Datei ist leer/u],
    ['garbage.bin', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42]), /garbage\.bin: ist keine Textdatei/u],
    [
      'prose.txt',
      'Sehr geehrte Damen und Herren,\nanbei der Haushalt.\n',
      /prose\.txt, Zeile 1: (Kein Haushaltsplan erkannt|Format nicht erkannt)/u,
    ],
    [
      'number.txt',
      NUMBER,
      /number\.txt, Zeile 9: Zeile 02: Betrag „1\.23\.4“.*\(--strict: der Import wird abgelehnt\)/u,
      '--strict',
    ],
    [
      'column.txt',
      lines.map((l, i) => (i === 8 ? l.split('\t').slice(0, -1).join('\t') : l)).join('\n'),
      /column\.txt, Zeile 9: 5 Beträge gefunden, erwartet 6/u,
    ],
    ['truncated.txt', lines.slice(0, 60).join('\n'), /truncated\.txt, Zeile 60: Tabelle unvollständig/u],
    [
      'tidy.csv',
      TIDY,
      /tidy\.csv, Zeile 3: Zeile 02: Betrag „1\.23\.4“ in Spalte amount \(ansatz 2026\) ist keine Zahl \(erwartet: Euro mit Punkt als Dezimaltrennzeichen, z\. B\. -6780\.00\)/u,
      '--strict',
    ],
    [
      'header.csv',
      'node;level;plan;line;kind;year;amount\n',
      /header\.csv, Zeile 1: Kopfzeile „node;level;plan;line;kind;year;amount“ ist nicht die des Tidy-CSV \(erwartet: node,level,plan,line,kind,year,amount,schema\)/u,
    ],
  ];
  for (const [name, content, message, ...options] of cases) {
    it(`rejects ${name} with a German message and exit 2`, () => {
      const r = run('check', file(name, content), ...options);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\bat .*\.js:\d+/u);
      expect(r.out).toBe('');
    });
  }

  it('imports a file with an unreadable amount, reporting that cell as an error at its place', () => {
    const imported = run('import', file('number.txt', NUMBER));
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(
      /\nNicht lesbar \(ausgelassen, als Fehler gemeldet; --strict lehnt den Import ab\): 1 Betrag\n {2}.*number\.txt:9: Zeile 02: Betrag „1\.23\.4“ in Spalte Ergebnis 2024 ist keine Zahl/u,
    );
    expect(imported.out).toContain('Prüfung: 1 Fehler,');
    const checked = run('check', file('tidy.csv', TIDY), '--json');
    expect(checked.code).toBe(1);
    const findings = (JSON.parse(checked.out) as { findings: { severity: string; rule: string }[] }).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['unreadable-amount']);
  });

  it('shows the first ten errors of a file refused at many places, then how many more', () => {
    // Moers's account export with its product column renamed to something no reader knows: no account export
    // by its header, read as tables of plan lines, each refused
    const moers = readFileSync(path.join(DATA, 'moers-2016/Haushalt.csv'), 'latin1').replace(
      'Kontengruppe;Profitcenter;',
      'Kontengruppe;PC;',
    );
    const r = run('check', file('moers-umbenannt.csv', Buffer.from(moers, 'latin1')));
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(11);
    expect(r.err).toMatch(/\n… und \d+ weitere Fehler\n$/u);
  });

  it('rejects a missing file, a directory and unknown options', () => {
    expect(run('check', 'gibt-es-nicht.txt')).toMatchObject({
      code: 2,
      err: expect.stringContaining('gibt-es-nicht.txt: Datei nicht gefunden') as string,
    });
    expect(run('check', tmp).err).toContain('ist ein Verzeichnis');
    expect(run('check', REF, '--frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unbekannte Option --frobnicate') as string,
    });
    expect(run('export', REF, '--format', 'docx')).toMatchObject({
      code: 2,
      err: 'haushalt: Ungültiger Wert „docx“ für -f, --format <format> (erlaubt: tidy-csv, csv, plan-csv, xlsx, json, fdp)\nHilfe: haushalt export --help\n',
    });
    expect(run('export', REF, '--format', 'tidy-csv', '-o', path.join(tmp, 'nicht/da.csv'))).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        'Datei kann nicht geschrieben werden (das Verzeichnis gibt es nicht)',
      ) as string,
    });
    expect(run('check').err).toContain('Es fehlt das Argument <dateien>');
    expect(run('generate', '--products', 'viele').err).toContain(
      '--products muss eine positive ganze Zahl sein',
    );
  });
});

describe('haushalt generate', () => {
  it('writes a consistent budget that imports and checks without errors', () => {
    const out = path.join(tmp, 'gen.txt');
    expect(run('generate', '--products', '25', '--seed', '3', '-o', out).code).toBe(0);
    const r = run('check', out, '--json');
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.out) as { findings: { severity: string }[] }).findings;
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'rounding').length).toBeGreaterThan(0);
  });
});
