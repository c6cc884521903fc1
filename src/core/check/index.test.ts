import { describe, expect, it } from 'vitest';
import { budget, fullErgebnisplan, node, plan } from '../../../test/fixtures.js';
import type { Finding, Rule } from '../findings.js';
import type { Budget, Column } from '../model.js';
import { RULES, check } from './index.js';

const ONE: readonly Column[] = [{ kind: 'ansatz', year: 2026 }];

describe('check', () => {
  it('keeps its rules in a frozen list with unique ids', () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(RULES.map((r) => r.id)).toEqual([
      'schema-formula',
      'parent-sum',
      'gesamt-rollup',
      'erlaeuterung-items',
      'investment-lines',
      'investment-total',
      'import-notes',
      'sums-only',
      'satzung',
      'querschnitt',
      've-uebersicht',
      'ruecklagen-summen',
      'ruecklagen-ergebnisplan',
      'hsk-76',
      'haushaltsausgleich-75',
      'stellenplan-summen',
      'verbindlichkeiten',
      'fraktionen',
      'investitionsprogramm',
    ]);
    expect(() => {
      (RULES as Rule[]).push(RULES[0]!);
    }).toThrow(TypeError);
  });

  it('finds nothing in an empty budget and in a consistent plan', () => {
    expect(check(budget([]))).toEqual([]);
    const rows = fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 });
    expect(check(budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows)])]))).toEqual([]);
  });

  it('turns import notes into findings with the note’s rule and severity', () => {
    const b = budget([], {
      notes: [
        {
          severity: 'info',
          rule: 'label-misprint',
          message: 'Zeile 29: gedruckt „Tellergebnis“, gemeint ist „Teilergebnis“',
          node: '43',
          plan: 'teilergebnisplan',
          line: '29',
          source: { file: 'ref.txt', line: 36 },
        },
        { severity: 'warning', rule: 'skipped-text', message: 'Text übersprungen' },
      ],
    });
    expect(check(b)).toEqual([
      { severity: 'warning', rule: 'skipped-text', message: 'Text übersprungen' },
      {
        severity: 'info',
        rule: 'label-misprint',
        message: 'Zeile 29: gedruckt „Tellergebnis“, gemeint ist „Teilergebnis“',
        node: '43',
        plan: 'teilergebnisplan',
        line: '29',
        source: { file: 'ref.txt', line: 36 },
      },
    ]);
  });

  it('sorts by node in document order, then plan, line and column', () => {
    const f = (
      node: string,
      plan: Finding['plan'],
      line: string,
      kind: Column['kind'],
      year: number,
    ): Finding => ({
      severity: 'rounding',
      rule: 'test',
      message: '',
      node,
      plan,
      line,
      kind,
      year,
    });
    const shuffled: Finding[] = [
      f('43.01', 'teilergebnisplan', '02', 'ansatz', 2026),
      f('43', 'investitionen', '430125MINT', 'gesamt', 2029),
      f('43', 'investitionen', '26', 'ansatz', 2025),
      f('43', 'teilfinanzplan', '02', 'ergebnis', 2024),
      f('43', 'teilergebnisplan', '10', 'ansatz', 2025),
      f('43', 'teilergebnisplan', '02', 'planung', 2027),
      f('43', 'teilergebnisplan', '02', 'ansatz', 2026),
      f('43', 'teilergebnisplan', '02', 'ansatz', 2025),
    ];
    const rule: Rule = { id: 'test', title: 'Test', run: () => shuffled };
    const b: Budget = budget([node('43', 'produktbereich', []), node('43.01', 'produktgruppe', [])]);
    expect(check(b, [rule]).map((x) => `${x.node} ${x.plan} ${x.line} ${x.kind} ${x.year}`)).toEqual([
      '43 teilergebnisplan 02 ansatz 2025',
      '43 teilergebnisplan 02 ansatz 2026',
      '43 teilergebnisplan 02 planung 2027',
      '43 teilergebnisplan 10 ansatz 2025',
      '43 teilfinanzplan 02 ergebnis 2024',
      '43 investitionen 26 ansatz 2025',
      '43 investitionen 430125MINT gesamt 2029',
      '43.01 teilergebnisplan 02 ansatz 2026',
    ]);
  });

  it('runs the rules it is given and leaves the budget as it was', () => {
    const rows = fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 });
    rows['17'] = [-460];
    const b = budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE })])]);
    const before = JSON.stringify(b);
    expect(check(b, []).length).toBe(0);
    expect(check(b).map((f) => `${f.severity} ${f.rule} ${f.line} ${f.kind} ${f.year}`)).toEqual([
      'error schema-formula 17 ansatz 2026',
      'error schema-formula 18 ansatz 2026',
    ]);
    expect(JSON.stringify(b)).toBe(before);
  });

  it('reports a whole plan with its rules together, in document order', () => {
    const child = (v: number) => plan('teilergebnisplan', { '02': [v], '10': [v] }, { columns: ONE });
    const b = budget([
      node('1', 'produktbereich', [plan('teilergebnisplan', { '02': [301], '10': [300] }, { columns: ONE })]),
      node('1.1', 'produktgruppe', [child(100)], { parent: '1' }),
      node('1.2', 'produktgruppe', [child(201)], { parent: '1' }),
    ]);
    expect(check(b).map((f) => `${f.severity} ${f.rule} ${f.node} ${f.line} ${f.difference}`)).toEqual([
      'rounding schema-formula 1 10 -100',
      'rounding parent-sum 1 10 -100',
    ]);
  });
});
