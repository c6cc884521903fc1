/**
 * The audit trail in German, for the people who read it (Kämmerei, Fachbereiche, the Rechnungsprüfung): what
 * an entry changed, named by unit, plan, line and column with their labels as the budget prints them, instead
 * of the store's keys (`43.01|teilergebnisplan|13|ansatz:2026`), and the values of settings in words. Pure.
 */
import { nodeByCode } from './hierarchy.js';
import {
  COLUMN_KINDS,
  LEVEL_LABEL,
  PLAN_LABEL,
  columnLabel,
  planOf,
  type Budget,
  type ColumnKind,
  type PlanType,
} from './model.js';
import { schemaById, schemaLine } from './schema.js';

const KINDS: ReadonlySet<string> = new Set(COLUMN_KINDS);

/** What one entry of the trail holds (the store's `AuditEntry` without its ids and time). */
export interface AuditFacts {
  readonly action: string;
  readonly target: string;
  readonly old: unknown;
  readonly new: unknown;
}

function unitText(budget: Budget | undefined, code: string): string {
  const node = budget ? nodeByCode(budget, code) : undefined;
  return node ? `${LEVEL_LABEL[node.level]} ${node.code} ${node.name}`.trim() : `Einheit ${code}`;
}

function planText(plan: string): string {
  return (PLAN_LABEL as Readonly<Record<string, string>>)[plan] ?? plan;
}

/** The label of a plan line: as the budget prints it, else its schema's. */
function lineLabel(budget: Budget | undefined, code: string, plan: string, line: string): string | undefined {
  const node = budget ? nodeByCode(budget, code) : undefined;
  const printed = node ? planOf(node, plan as PlanType) : undefined;
  const label = printed?.lines.find((l) => l.line === line)?.label;
  if (label) return label;
  const schema = printed ? schemaById(printed.schemaId) : undefined;
  return schema ? schemaLine(schema, line)?.label : undefined;
}

function columnText(key: string): string {
  const [kind, year] = key.split(':');
  if (kind === undefined || !KINDS.has(kind) || !/^\d{4}$/u.test(year ?? '')) return key;
  return columnLabel({ kind: kind as ColumnKind, year: Number(year) });
}

/** "Teilergebnisplan, Zeile 13 „Aufwendungen für Sach- und Dienstleistungen“". */
function planLine(budget: Budget | undefined, code: string, plan: string, line: string): string {
  if (line === '') return planText(plan);
  const label = lineLabel(budget, code, plan, line);
  return `${planText(plan)}, Zeile ${line}${label ? ` „${label}“` : ''}`;
}

/**
 * What an entry changed, in German. `budget`: the version the entry is about, for the names of units and lines
 * (without it the codes are named as they are).
 */
export function auditWhat(entry: AuditFacts, budget?: Budget): string {
  const parts = entry.target.split('|');
  switch (entry.action) {
    case 'cell': {
      // node|plan|line|kind:year
      const [code = '', plan = '', line = '', column = ''] = parts;
      return `${unitText(budget, code)} · ${planLine(budget, code, plan, line)} · ${columnText(column)}`;
    }
    case 'anmeldung':
    case 'anmeldung-entscheidung': {
      // node|plan|line|kind:year, or "Anmeldung Produktbereich 43" for a whole Produktbereich's decision
      if (parts.length < 4) return entry.target;
      const [code = '', plan = '', line = '', column = ''] = parts;
      const what = entry.action === 'anmeldung' ? 'Anmeldung' : 'Entscheidung über die Anmeldung';
      return `${what} · ${unitText(budget, code)} · ${planLine(budget, code, plan, line)} · ${columnText(column)}`;
    }
    case 'anmeldung-abgabe':
    case 'anmeldung-eckwert':
      return entry.target;
    case 'anmeldung-rueckgabe':
      // "Anmeldung Produktbereich 43"
      return `${entry.target} zur Überarbeitung zurückgegeben`;
    case 'erlaeuterung': {
      // node|plan|line|item
      const [code = '', plan = '', line = '', item = ''] = parts;
      const place = planLine(budget, code, plan, line);
      const n = /^\d+$/u.test(item) ? `, Posten ${Number(item) + 1}` : '';
      return `${unitText(budget, code)} · Erläuterung zu ${place}${n}`;
    }
    case 'finding-accept': {
      // rule|node|plan|line|kind:year
      const [rule = '', code = '', plan = '', line = '', column = ''] = parts;
      const where = [
        code === '' ? '' : unitText(budget, code),
        plan === '' ? '' : planLine(budget, code, plan, line),
        column === '' || column === ':' ? '' : columnText(column),
      ].filter((p) => p !== '');
      return `Befund „${rule}“${where.length > 0 ? ` · ${where.join(' · ')}` : ''}`;
    }
    case 'import':
      // the files by their names (where they lay on the server is nobody's business here)
      return `Import aus ${entry.target
        .split(', ')
        .map((f) => f.split(/[\\/]/u).pop())
        .join(', ')}`;
    case 'stage':
    case 'version':
    case 'version-options':
    case 'einwendung':
      return entry.target;
    case 'user':
      return `Benutzer ${entry.target}`;
    case 'api-token':
      return `API-Schlüssel ${entry.target}`;
    default:
      return entry.target.split('|').join(' · ');
  }
}

const OPTION_TEXT: Readonly<Record<string, string>> = {
  fachbereichEdit: 'Fachbereiche dürfen ändern',
  publicRead: 'öffentlich lesbar',
};

/** A setting's value in words ("öffentlich lesbar: ja"); undefined for values that are no settings. */
export function settingsText(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([k, v]) => k in OPTION_TEXT && typeof v === 'boolean'))
    return undefined;
  return entries.map(([k, v]) => `${OPTION_TEXT[k]}: ${v ? 'ja' : 'nein'}`).join('; ');
}
