import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnKey, PLAN_LABEL } from '../core/model.js';
import { parseGermanAmount } from '../core/money.js';
import { importText } from '../importers/text/index.js';
import { REFERENCE } from '../../test/paths.js';
import { budget, node, plan } from '../../test/fixtures.js';
import { columnHeader } from './rows.js';
import { PLAN_CSV_LEAD, toPlanCsv } from './plan-csv.js';

describe('toPlanCsv', () => {
  it('holds every plan cell of the sample once, in its line and year column, and nothing else', () => {
    const result = importText(readFileSync(REFERENCE, 'utf8'), REFERENCE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const b = result.budget;
    const text = toPlanCsv(b);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = text
      .slice(1, -2)
      .split('\r\n')
      .map((r) => r.split(';'));
    expect(header!.slice(0, PLAN_CSV_LEAD.length)).toEqual(PLAN_CSV_LEAD);
    const years = header!.slice(PLAN_CSV_LEAD.length);
    expect(years).toContain('Ansatz 2026 in EUR');
    expect(years).toContain('VE 2026 in EUR');
    // the rows: every plan line of every node, in document order
    const lines = b.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.map((l) => ({ n, p, l }))));
    expect(rows).toHaveLength(lines.length);
    let amounts = 0;
    lines.forEach(({ n, p, l }, i) => {
      const row = rows[i]!;
      expect(row[2]).toBe(PLAN_LABEL[p.type]);
      expect(row[3]).toBe(`"=""${l.line}"""`);
      expect(row[0]).toBe(n.level === 'haushalt' ? 'gesamt' : `"=""${n.code}"""`);
      const byHeader = new Map(l.cells.map((c) => [`${columnHeader(c.column)} in EUR`, c]));
      years.forEach((h, k) => {
        const field = row[PLAN_CSV_LEAD.length + k]!;
        const cell = byHeader.get(h);
        if (!cell) {
          expect(field, `${n.code} ${p.type} ${l.line} ${h}`).toBe('');
          return;
        }
        amounts++;
        // whole euros without a comma, read back as German Excel reads them
        expect(field).toMatch(/^-?\d+(,\d\d)?$/u);
        expect(parseGermanAmount(field)?.cents).toBe(cell.amount);
      });
    });
    expect(amounts).toBe(
      lines.reduce((s, x) => s + new Set(x.l.cells.map((c) => columnKey(c.column))).size, 0),
    );
  });

  it('marks totals, keeps cents where printed with cents, guards names', () => {
    const b = budget([
      node(
        '01',
        'produktbereich',
        [plan('teilergebnisplan', { '02': [1234567.5, -6780, 0], '10': [1, 2, 3] })],
        {
          name: '=Innere; Verwaltung',
        },
      ),
    ]);
    const rows = toPlanCsv(b).split('\r\n');
    expect(rows[1]).toMatch(
      /^"=""01""";"'=Innere; Verwaltung";Teilergebnisplan;"=""02""";[^;]+;;1234567,50;-6780/u,
    );
    expect(rows[2]).toContain(';Summe;');
  });
});
