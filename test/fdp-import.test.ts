/**
 * Haushalt's own Fiscal Data Package imports back exactly: export → import (the package's folder, or its
 * datapackage.json) → export gives the same three files, byte for byte, and the same budget (nodes with names,
 * levels and parents, every cell). Tried with the reference document (plan text), a set of sums with names only
 * (Arnsberg: stable codes, explicit parents) and a Gesamtplan read by labels (Karlsruhe, BW).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../src/core/model.js';
import { exportBudget } from '../src/exporters/index.js';
import { importFiles } from '../src/importers/index.js';
import { budgetJsonProblems, fdpProblems } from './export-validators.js';
import { DATA, REFERENCE } from './paths.js';

async function fdp(budget: Budget): Promise<ReadonlyMap<string, string>> {
  const out = await exportBudget(budget, 'fdp');
  if (out.type !== 'directory') throw new Error('not a package');
  return out.files;
}

async function load(args: readonly string[]): Promise<Budget> {
  const r = await importFiles(args);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
  return r.budget;
}

/** What must survive the round trip: nodes, their plans' cells (without where they were read). */
function essence(b: Budget): unknown {
  return {
    title: b.title,
    year: b.year,
    nodes: b.nodes.map((n) => ({
      code: n.code,
      level: n.level,
      name: n.name,
      parent: n.parent,
      plans: n.plans.map((p) => ({
        type: p.type,
        schemaId: p.schemaId,
        lines: p.lines.map((l) => ({ line: l.line, cells: l.cells.map((c) => [c.column, c.amount]) })),
      })),
    })),
  };
}

const CASES: readonly [string, readonly string[]][] = [
  ['the reference document', [REFERENCE]],
  [
    'Arnsberg (names only)',
    [path.join(DATA, 'offenerhaushalt/arnsberg-2018/data/arnsberg-haushalt-2018.csv')],
  ],
  ['Karlsruhe (Gesamtplan by labels)', [path.join(DATA, 'offenerhaushalt/karlsruhe-2017')]],
  ['Köln (sums, files repeating each other)', [path.join(DATA, 'offenerhaushalt/koeln-2012-2018')]],
];

describe.each(CASES)('our Fiscal Data Package of %s', (_name, args) => {
  it('imports back exactly, from the folder and from its datapackage.json', async () => {
    const original = await load(args);
    const files = await fdp(original);
    // valid against the Fiscal Data Package schema, and the budget's JSON against its schema
    expect(fdpProblems(files)).toEqual([]);
    const json = await exportBudget(original, 'json');
    if (json.type === 'text') expect(budgetJsonProblems(JSON.parse(json.text))).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-fdp-'));
    for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
    for (const arg of [dir, path.join(dir, 'datapackage.json')]) {
      const back = await load([arg]);
      const again = await fdp(back);
      for (const [name, text] of files) expect(again.get(name), name).toBe(text);
      expect(essence(back)).toEqual(
        essence({
          ...original,
          nodes: original.nodes.filter((n) => n.plans.length > 0 || n.level !== 'haushalt'),
        }),
      );
    }
  });
});
