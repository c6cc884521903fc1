/**
 * `check` on the reference document (Kreis Coesfeld 2026, Produktbereich 43): no error, every printed
 * difference reported as rounding, the one place where an Erläuterung and its table disagree as the one warning.
 * And a systematic mutation test: every printed amount of every table (each cell of every plan line and
 * investment row) is changed in the text by +10 € and by −1.000 €, the text is imported again and checked, and
 * there must be an error at that cell (same node, plan, line, column) or at a total containing it — a total of
 * its plan, the same line of a parent node, the Gesamtausgabe of its investment row, the line row and
 * Teilfinanzplan line of its measure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import type { Finding } from '../src/core/findings.js';
import { columnKey, type Budget, type BudgetNode, type Cell, type PlanType } from '../src/core/model.js';
import { formatGerman } from '../src/core/money.js';
import { schemaById, type LineSchema } from '../src/core/schema.js';
import { importText } from '../src/importers/text/index.js';
import { REFERENCE } from './paths.js';

const text = readFileSync(REFERENCE, 'utf8');

function load(t: string): Budget {
  const r = importText(t, 'ref.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return r.budget;
}

/** "node plan line kind:year" of a finding or a place. */
function place(node: string, plan: string, line: string, column: string): string {
  return `${node} ${plan} ${line} ${column}`;
}

function placeOf(f: Finding): string {
  return place(f.node ?? '', f.plan ?? '', f.line ?? '', `${f.kind ?? ''}:${f.year ?? ''}`);
}

/** The line and every total of the schema containing it, directly or through other totals. */
function containing(schema: LineSchema | undefined, line: string): Set<string> {
  const out = new Set([line]);
  if (!schema) return out;
  for (let grew = true; grew;) {
    grew = false;
    for (const l of schema.lines) {
      if (!out.has(l.line) && l.sum?.some((t) => out.has(t.replace(/^-/u, '')))) {
        out.add(l.line);
        grew = true;
      }
    }
  }
  return out;
}

function ancestors(b: Budget, node: BudgetNode): BudgetNode[] {
  const out: BudgetNode[] = [];
  for (let p = node.parent; p !== undefined;) {
    const parent = b.nodes.find((n) => n.code === p);
    if (!parent) break;
    out.push(parent);
    p = parent.parent;
  }
  return out;
}

interface Target {
  /** "node plan line kind:year" of the printed cell. */
  readonly name: string;
  readonly cell: Cell;
  /** Index of the cell among its row's cells, and how many cells the row has. */
  readonly index: number;
  readonly cells: number;
  /** Places where an error about this cell may be reported. */
  readonly accept: ReadonlySet<string>;
}

/** Places of a plan line and the totals containing it, in the node and its ancestors. */
function planPlaces(b: Budget, node: BudgetNode, type: PlanType, line: string, column: string): string[] {
  const plan = node.plans.find((p) => p.type === type);
  const lines = containing(plan ? schemaById(plan.schemaId) : undefined, line);
  return [node, ...ancestors(b, node)].flatMap((n) => [...lines].map((l) => place(n.code, type, l, column)));
}

function targets(b: Budget): Target[] {
  const out: Target[] = [];
  for (const node of b.nodes) {
    for (const p of node.plans) {
      for (const l of p.lines) {
        for (const [index, c] of l.cells.entries()) {
          const column = columnKey(c.column);
          out.push({
            name: place(node.code, p.type, l.line, column),
            cell: c,
            index,
            cells: l.cells.length,
            accept: new Set(planPlaces(b, node, p.type, l.line, column)),
          });
        }
      }
    }
    const table = node.investitionen;
    if (!table) continue;
    const gesamt = table.columns.find((c) => c.kind === 'gesamt');
    table.rows.forEach((row, i) => {
      if (row.type === 'group') return;
      const key = row.type === 'measure' ? row.number : row.line;
      // the line rows closing the measure's block (for a line row: itself)
      const lineRows: string[] = [];
      if (row.type === 'line') lineRows.push(row.line);
      else {
        let k = i + 1;
        while (table.rows[k]?.type === 'measure') k++;
        for (; table.rows[k]?.type === 'line'; k++) {
          const r = table.rows[k]!;
          if (r.type === 'line') lineRows.push(r.line);
        }
      }
      for (const [index, c] of row.cells.entries()) {
        const column = columnKey(c.column);
        const accept = new Set([place(node.code, 'investitionen', key, column)]);
        if (gesamt) accept.add(place(node.code, 'investitionen', key, columnKey(gesamt)));
        for (const line of lineRows) {
          accept.add(place(node.code, 'investitionen', line, column));
          if (gesamt) accept.add(place(node.code, 'investitionen', line, columnKey(gesamt)));
          for (const p of planPlaces(b, node, 'teilfinanzplan', line, column)) accept.add(p);
        }
        out.push({
          name: place(node.code, 'investitionen', key, column),
          cell: c,
          index,
          cells: row.cells.length,
          accept,
        });
      }
    });
  }
  return out;
}

/**
 * The text with the printed amount of a cell changed by `delta` cents. The cell's row is printed on its source
 * line, tab-separated, with its amounts as the last tokens in column order.
 */
function mutate(lines: readonly string[], t: Target, delta: number): string {
  const no = t.cell.source!.line;
  const tokens = lines[no - 1]!.split('\t');
  const index = tokens.length - t.cells + t.index;
  if (tokens[index] !== formatGerman(t.cell.amount)) {
    throw new Error(`${t.name}: ${formatGerman(t.cell.amount)} is not token ${index} of line ${no}`);
  }
  const changed = tokens.map((tok, i) => (i === index ? formatGerman(t.cell.amount + delta) : tok));
  return [...lines.slice(0, no - 1), changed.join('\t'), ...lines.slice(no)].join('\n');
}

describe('check on the reference document', () => {
  const budget = load(text);
  const findings = check(budget);

  it('reports no error, every difference as rounding, and exactly the one Erläuterung warning', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const differences = findings.filter((f) => f.difference !== undefined && f.severity !== 'warning');
    expect(differences.length).toBe(40);
    expect(differences.every((f) => f.severity === 'rounding' && Math.abs(f.difference!) === 100)).toBe(true);
    expect(differences.every((f) => f.source?.file === 'ref.txt')).toBe(true);
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([
      {
        severity: 'warning',
        rule: 'erlaeuterung-items',
        message:
          'Erläuterung zu Teilergebnisplan 43.01, Zeile 13 (Aufwendungen für Sach- und Dienstleistungen), ' +
          'Ansatz 2025: die Vorjahresbeträge der 15 Einzelposten ergeben 509.000 €, die Zeile weist -504.000 € aus ' +
          '(5.000 € mehr, als die Zeile enthält; Erläuterung oder Zeile prüfen)',
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        kind: 'ansatz',
        year: 2025,
        expected: 50_400_000,
        actual: 50_900_000,
        difference: 500_000,
        source: { file: 'ref.txt', line: 141 },
      },
    ]);
    expect(findings.filter((f) => f.severity === 'info').map((f) => `${f.rule} ${f.node} ${f.line}`)).toEqual(
      [
        'label-misprint 43 08',
        'label-misprint 43 29',
        'label-misprint 43 31',
        'label-misprint 43.01 08',
        'label-misprint 43.01 29',
        'label-misprint 43.01 31',
        'label-misprint 43.03 08',
        'label-misprint 43.03 29',
        'label-misprint 43.03 31',
      ],
    );
    // PB 43 line 02, Ergebnis 2024: 2.147.993 printed, 2.031.756 + 116.238 = 2.147.994
    expect(
      findings.find(
        (f) => f.rule === 'parent-sum' && f.node === '43' && f.line === '02' && f.kind === 'ergebnis',
      ),
    ).toMatchObject({ severity: 'rounding', expected: 214_799_400, actual: 214_799_300, difference: -100 });
  });

  it('finds every changed amount (systematic mutation over all table cells, +10 € and −1.000 €)', () => {
    const lines = text.split('\n');
    const all = targets(budget);
    expect(all.length).toBeGreaterThan(1200);
    const missed: string[] = [];
    for (const t of all) {
      for (const delta of [1_000, -100_000]) {
        const errors = check(load(mutate(lines, t, delta))).filter((f) => f.severity === 'error');
        if (!errors.some((f) => t.accept.has(placeOf(f)))) missed.push(`${t.name} ${delta}`);
      }
    }
    expect(missed).toEqual([]);
    // some 2,400 imports and checks of the whole document: ~25 s on CI's two cores, more on a loaded machine
  }, 240_000);
});
