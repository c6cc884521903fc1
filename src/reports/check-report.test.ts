import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/findings.js';
import type { Budget } from '../core/model.js';
import { exitCodeFor, findingsToJson, renderCheckReport, summarize } from './check-report.js';

const BUDGET: Budget = {
  title: 'Kreishaushalt',
  year: 2026,
  nodes: [
    {
      code: '43',
      level: 'produktbereich',
      name: 'Bildungsbüro',
      plans: [],
      erlaeuterungen: [],
      kennzahlen: [],
    },
    {
      code: '43.01',
      level: 'produktgruppe',
      name: 'KI',
      parent: '43',
      plans: [],
      erlaeuterungen: [],
      kennzahlen: [],
    },
  ],
  notes: [],
  files: ['ref.txt'],
};

const ROUNDING: Finding = {
  severity: 'rounding',
  rule: 'parent-sum',
  message: 'Teilergebnisplan 43, Zeile 02: gedruckt 2.147.993 €, Summe ergibt 2.147.994 €',
  node: '43',
  plan: 'teilergebnisplan',
  line: '02',
  kind: 'ergebnis',
  year: 2024,
  expected: 214_799_400,
  actual: 214_799_300,
  difference: -100,
  source: { file: 'ref.txt', line: 9, page: 3, box: [1, 2, 3, 4] },
};
const ERROR: Finding = {
  severity: 'error',
  rule: 'schema-formula',
  message: 'Teilergebnisplan 43, Zeile 17: gedruckt -3.051.585 €',
  node: '43',
  plan: 'teilergebnisplan',
  line: '17',
  kind: 'ansatz',
  year: 2026,
  expected: -305_157_550,
  actual: -305_158_500,
  difference: -950,
  source: { file: 'ref.txt', line: 24 },
};
const INFO: Finding = {
  severity: 'info',
  rule: 'label-misprint',
  message: 'Zeile 29: „Tellergebnis“',
  node: '43',
};
const WARNING: Finding = {
  severity: 'warning',
  rule: 'erlaeuterung-items',
  message: 'Erläuterung zu Zeile 13: 509.000 € statt 504.000 €',
  node: '43.01',
};
const GENERAL: Finding = { severity: 'warning', rule: 'skipped-text', message: 'Text übersprungen' };

describe('findingsToJson', () => {
  it('gives exactly the agreed fields, euros as numbers, null where absent, source as file and line', () => {
    expect(findingsToJson([ERROR, GENERAL])).toEqual({
      findings: [
        {
          severity: 'error',
          rule: 'schema-formula',
          message: 'Teilergebnisplan 43, Zeile 17: gedruckt -3.051.585 €',
          node: '43',
          plan: 'teilergebnisplan',
          line: '17',
          kind: 'ansatz',
          year: 2026,
          expected: -3_051_575.5,
          actual: -3_051_585,
          difference: -9.5,
          source: { file: 'ref.txt', line: 24 },
        },
        {
          severity: 'warning',
          rule: 'skipped-text',
          message: 'Text übersprungen',
          node: null,
          plan: null,
          line: null,
          kind: null,
          year: null,
          expected: null,
          actual: null,
          difference: null,
          source: null,
        },
      ],
    });
    expect(findingsToJson([ROUNDING]).findings[0]!.source).toEqual({ file: 'ref.txt', line: 9 });
    expect(Object.keys(findingsToJson([ROUNDING]).findings[0]!)).toEqual([
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
  });
});

describe('renderCheckReport', () => {
  it('groups by node, orders by severity and ends with the counts', () => {
    expect(renderCheckReport(BUDGET, [GENERAL, ROUNDING, INFO, ERROR, WARNING])).toBe(
      [
        'Prüfbericht: Kreishaushalt 2026',
        '',
        'Allgemein',
        '  Warnung: Text übersprungen',
        '',
        'Produktbereich 43 Bildungsbüro',
        '  Fehler: Teilergebnisplan 43, Zeile 17: gedruckt -3.051.585 € [ref.txt:24]',
        '  Rundung: Teilergebnisplan 43, Zeile 02: gedruckt 2.147.993 €, Summe ergibt 2.147.994 € [ref.txt:9, Seite 3]',
        '  Hinweis: Zeile 29: „Tellergebnis“',
        '',
        'Produktgruppe 43.01 KI',
        '  Warnung: Erläuterung zu Zeile 13: 509.000 € statt 504.000 €',
        '',
        'Ergebnis: 1 Fehler, 2 Warnungen, 1 Rundungsdifferenz, 1 Hinweis.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    expect(renderCheckReport({ ...BUDGET, title: undefined }, [])).toBe(
      'Prüfbericht: Haushalt\n\nKeine Befunde.\n\nErgebnis: 0 Fehler, 0 Warnungen, 0 Rundungsdifferenzen, 0 Hinweise.\n',
    );
  });

  it('counts with German thousands separators', () => {
    expect(summarize(Array<Finding>(1234).fill(ROUNDING))).toBe(
      '0 Fehler, 0 Warnungen, 1.234 Rundungsdifferenzen, 0 Hinweise',
    );
  });
});

describe('exitCodeFor', () => {
  it('is 1 when any finding is an error, else 0', () => {
    expect(exitCodeFor([])).toBe(0);
    expect(exitCodeFor([ROUNDING, WARNING, INFO])).toBe(0);
    expect(exitCodeFor([ROUNDING, ERROR])).toBe(1);
  });
});
