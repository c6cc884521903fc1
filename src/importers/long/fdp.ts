/**
 * Haushalt's own Fiscal Data Package read back (`haushalt export --format fdp`, src/exporters/fdp.ts): its
 * resource `haushalt` is the tidy CSV (read by the tidy-CSV importer), its resource `einheiten` the nodes with
 * their names, levels and parents, which the tidy CSV does not carry; the descriptor's title and fiscal period
 * give the budget's title and year, its `land` the Land whose line schemas the plans follow (line numbers alone
 * fit several Länder: BW's Gesamtergebnisplan 01–24 also fits Köln's older numbering). Every node of `einheiten`
 * is a node of the budget, also one without amounts, in the order the package lists them.
 */
import { readFile } from 'node:fs/promises';
import type { Budget, BudgetNode, Level, Plan } from '../../core/model.js';
import { LEVELS } from '../../core/model.js';
import {
  SCHEMAS,
  schemaById,
  schemaLine,
  schemaValidFor,
  selectSchema,
  selectedSchema,
} from '../../core/schema.js';
import { detectSigns } from '../../core/signs.js';
import { restoreFormulaText } from '../../formats/formula-guard.js';
import { readCsvRecords } from '../tidy-csv/index.js';
import type { ImportResult } from '../types.js';
import type { PackageInfo } from './datapackage.js';

interface Einheit {
  readonly code: string;
  readonly level: Level;
  readonly name: string;
  readonly parent?: string;
  readonly line: number;
}

function parseEinheiten(text: string): Einheit[] | string {
  const out: Einheit[] = [];
  let header: string[] | undefined;
  const broken = readCsvRecords(text.replace(/^\uFEFF/u, ''), (fields, line) => {
    if (!header) {
      header = fields;
      return;
    }
    if (fields.length === 1 && fields[0] === '') return;
    const at = (name: string): string => restoreFormulaText(fields[header!.indexOf(name)] ?? '');
    const level = at('level');
    if (!(LEVELS as readonly string[]).includes(level)) return;
    const parent = at('parent');
    out.push({
      code: at('node'),
      level: level as Level,
      name: at('name'),
      ...(parent !== '' ? { parent } : {}),
      line,
    });
  });
  if (broken) return `Zeile ${broken.line}: ${broken.message}`;
  if (!header || !['node', 'level', 'name', 'parent'].every((h) => header!.includes(h)))
    return 'Kopfzeile nicht die der Einheiten (erwartet: node,level,name,parent,…)';
  return out;
}

/** A plan read with the schema of the package's Land that fits its lines (the Land's or a sums schema). */
function inLand(plan: Plan, land: string, year: number | undefined): Plan {
  const current = schemaById(plan.schemaId);
  if (!current || current.land === land || current.land === '*') return plan;
  const candidates = SCHEMAS.filter((s) => (s.land === land || s.land === '*') && s.plan === plan.type);
  const printed = plan.lines.map((l) => ({ line: l.line, label: '' }));
  const schema =
    selectedSchema(
      selectSchema(
        plan.type,
        printed,
        year,
        candidates.filter((s) => schemaValidFor(s, year)),
      ),
    ) ?? selectedSchema(selectSchema(plan.type, printed, undefined, candidates));
  if (!schema || printed.some((p) => !schemaLine(schema, p.line))) return plan;
  const lines = plan.lines.map((l) => ({ ...l, label: schemaLine(schema, l.line)?.label ?? l.label }));
  const signs = detectSigns(schema, lines);
  const out: Plan = { ...plan, schemaId: schema.id, lines };
  if (signs === 'positive') return { ...out, signs };
  delete (out as { signs?: string }).signs;
  return out;
}

/** The budget of the package's `haushalt` resource with the nodes of its `einheiten` resource. */
export async function withNodesOfPackage(result: ImportResult, pkg: PackageInfo): Promise<ImportResult> {
  if (!result.ok) return result;
  const resource = pkg.resources.find((r) => r.name === 'einheiten');
  if (!resource) return result;
  let text: string;
  try {
    text = await readFile(resource.file, 'utf8');
  } catch {
    return {
      ok: false,
      errors: [
        {
          file: resource.file,
          message: 'Die Einheiten des Pakets (einheiten.csv) fehlen oder sind nicht lesbar',
        },
      ],
    };
  }
  const einheiten = parseEinheiten(text);
  if (typeof einheiten === 'string')
    return { ok: false, errors: [{ file: resource.file, message: einheiten }] };
  const budget = result.budget;
  const byCode = new Map(budget.nodes.map((n) => [n.code, n]));
  const year = pkg.fiscalYears?.[0] ?? budget.year;
  const nodes: BudgetNode[] = einheiten.map((e): BudgetNode => {
    const n = byCode.get(e.code);
    const plans = n?.plans ?? [];
    return {
      code: e.code,
      level: e.level,
      name: e.name,
      ...(e.parent !== undefined ? { parent: e.parent } : {}),
      plans: pkg.land ? plans.map((p) => inLand(p, pkg.land!, year)) : plans,
      ...(n?.investitionen ? { investitionen: n.investitionen } : {}),
      erlaeuterungen: n?.erlaeuterungen ?? [],
      ...(n?.beschreibung ? { beschreibung: n.beschreibung } : {}),
      kennzahlen: n?.kennzahlen ?? [],
      source: n?.source ?? { file: resource.file, line: e.line },
    };
  });
  const listed = new Set(einheiten.map((e) => e.code));
  for (const n of budget.nodes) if (!listed.has(n.code)) nodes.push(n);
  const title = pkg.title?.replace(year !== undefined ? new RegExp(`\\s*${year}$`, 'u') : /$^/u, '').trim();
  const out: Budget = {
    ...budget,
    ...(title && title !== 'Haushalt' ? { title } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(pkg.land ? { land: pkg.land } : {}),
    nodes,
  };
  return { ok: true, budget: out, ledger: result.ledger };
}
