/**
 * Reads the tidy CSV back (see docs/tidy-csv.md): every row one printed cell. Plans get the schema their lines
 * and years fit, cells count as printed in whole euros when every amount of the plan is whole, investment rows
 * become measures and line rows again. Writing the result gives the same file.
 */
import type {
  Budget,
  BudgetNode,
  Cell,
  Column,
  ColumnKind,
  InvestmentRow,
  Level,
  Plan,
  PlanLine,
  PlanType,
} from '../../core/model.js';
import { COLUMN_KINDS, LEVELS, PLAN_TYPES } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { parsePlainAmount } from '../../core/money.js';
import { schemaLine, selectSchema } from '../../core/schema.js';
import { TIDY_HEADER } from '../../exporters/tidy-csv.js';
import type { ImportError, ImportResult } from '../types.js';
import { parseCsv } from '../table/csv.js';

export function looksLikeTidyCsv(text: string): boolean {
  return text
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .startsWith(TIDY_HEADER);
}

interface RawCell {
  readonly column: Column;
  readonly cents: number;
  readonly decimals: 0 | 2;
  readonly no: number;
}

interface NodeAcc {
  code: string;
  level: Level;
  plans: Map<PlanType, Map<string, RawCell[]>>;
  investments: Map<string, RawCell[]>;
  no: number;
}

export function importTidyCsv(text: string, file: string): ImportResult {
  const errors: ImportError[] = [];
  const err = (line: number, message: string): void => {
    if (errors.length < 50) errors.push({ file, line, message });
  };
  const body = text.replace(/^\uFEFF/u, '');
  const firstLine = body.split(/\r?\n/u, 1)[0]!.trim();
  if (firstLine !== TIDY_HEADER) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: `Kopfzeile „${firstLine.slice(0, 80)}“ ist nicht die des Tidy-CSV (erwartet: ${TIDY_HEADER})`,
        },
      ],
    };
  }
  const parsed = parseCsv(body);
  if (!parsed.ok || parsed.delimiter !== ',') {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: parsed.ok ? 'Tidy-CSV muss Kommas als Trennzeichen haben' : parsed.message,
        },
      ],
    };
  }
  const nodes = new Map<string, NodeAcc>();
  parsed.rows.slice(1).forEach((row, i) => {
    const no = i + 2;
    if (row.length === 1 && row[0] === '') return;
    if (row.length !== 7) {
      err(no, `${row.length} Felder gefunden, erwartet 7 (${TIDY_HEADER})`);
      return;
    }
    const [code, level, plan, line, kind, yearText, amountText] = row as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (code === '') {
      err(no, 'Feld „node“ ist leer (erwartet z. B. 43.01 oder gesamt)');
      return;
    }
    if (!LEVELS.includes(level as Level)) {
      err(no, `Ebene „${level}“ unbekannt (erwartet: ${LEVELS.join(', ')})`);
      return;
    }
    if (plan !== 'investitionen' && !PLAN_TYPES.includes(plan as PlanType)) {
      err(no, `Plan „${plan}“ unbekannt (erwartet: ${[...PLAN_TYPES, 'investitionen'].join(', ')})`);
      return;
    }
    if (plan !== 'investitionen' && !/^\d{2}$/u.test(line)) {
      err(no, `Zeile „${line}“ ist keine zweistellige Zeilennummer`);
      return;
    }
    if (line === '') {
      err(no, 'Feld „line“ ist leer');
      return;
    }
    if (!COLUMN_KINDS.includes(kind as ColumnKind)) {
      err(no, `Spaltenart „${kind}“ unbekannt (erwartet: ${COLUMN_KINDS.join(', ')})`);
      return;
    }
    if (!/^\d{4}$/u.test(yearText)) {
      err(no, `Jahr „${yearText}“ ist keine Jahreszahl`);
      return;
    }
    const amount = parsePlainAmount(amountText);
    if (!amount) {
      err(
        no,
        `Betrag „${amountText}“ ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)`,
      );
      return;
    }
    let acc = nodes.get(code);
    if (!acc) {
      acc = { code, level: level as Level, plans: new Map(), investments: new Map(), no };
      nodes.set(code, acc);
    } else if (acc.level !== level) {
      err(no, `Einheit ${code} steht mit Ebene ${level}, vorher mit ${acc.level}`);
      return;
    }
    const cell: RawCell = {
      column: { kind: kind as ColumnKind, year: Number(yearText) },
      cents: amount.cents,
      decimals: amount.decimals,
      no,
    };
    const target =
      plan === 'investitionen'
        ? acc.investments
        : (acc.plans.get(plan as PlanType) ??
          acc.plans.set(plan as PlanType, new Map()).get(plan as PlanType)!);
    const cells = target.get(line) ?? target.set(line, []).get(line)!;
    if (cells.some((c) => c.column.kind === cell.column.kind && c.column.year === cell.column.year)) {
      err(no, `Zelle ${code} ${plan} ${line} ${kind} ${yearText} steht doppelt`);
      return;
    }
    cells.push(cell);
  });
  if (errors.length > 0) return { ok: false, errors };

  const built: BudgetNode[] = [];
  for (const acc of nodes.values()) {
    const plans: Plan[] = [];
    for (const [type, lines] of acc.plans) {
      const raw = [...lines.values()].flat();
      const whole = raw.every((c) => c.cents % 100 === 0);
      const columns = uniqueColumns(raw);
      const ansatz = columns.filter((c) => c.kind === 'ansatz').map((c) => c.year);
      const schema = selectSchema(
        type,
        [...lines.keys()].map((line) => ({ line, label: '' })),
        ansatz.length > 0 ? Math.max(...ansatz) : undefined,
      );
      if (!schema) {
        errors.push({ file, line: acc.no, message: `Kein Zeilenschema für ${type} gefunden` });
        continue;
      }
      const planLines: PlanLine[] = [...lines].map(([line, cells]) => ({
        line,
        label: schemaLine(schema, line)?.label ?? '',
        cells: cells.map((c) => toCell(c, whole, file)),
        source: { file, line: cells[0]!.no },
      }));
      plans.push({
        type,
        schemaId: schema.id,
        columns,
        lines: planLines,
        source: { file, line: planLines[0]!.source!.line },
      });
    }
    let investitionen: BudgetNode['investitionen'];
    if (acc.investments.size > 0) {
      const raw = [...acc.investments.values()].flat();
      const whole = raw.every((c) => c.cents % 100 === 0);
      const rows: InvestmentRow[] = [...acc.investments].map(([key, cells]) => {
        const lineKey = /^(?:.*\/)?(\d{2})$/u.exec(key);
        const mapped = cells.map((c) => toCell(c, whole, file));
        const source = { file, line: cells[0]!.no };
        return lineKey
          ? { type: 'line', line: lineKey[1]!, label: '', cells: mapped, source }
          : { type: 'measure', number: key, name: '', cells: mapped, source };
      });
      investitionen = { columns: uniqueColumns(raw), rows };
    }
    built.push({
      code: acc.code,
      level: acc.level,
      name: '',
      plans,
      ...(investitionen ? { investitionen } : {}),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: acc.no },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const veYears = built.flatMap((n) => n.plans.flatMap((p) => p.columns)).filter((c) => c.kind === 've');
  const ansatzYears = built
    .flatMap((n) => n.plans.flatMap((p) => p.columns))
    .filter((c) => c.kind === 'ansatz');
  const year =
    veYears.length > 0
      ? Math.min(...veYears.map((c) => c.year))
      : ansatzYears.length > 0
        ? Math.max(...ansatzYears.map((c) => c.year))
        : undefined;
  const budget: Budget = {
    ...(year !== undefined ? { year } : {}),
    nodes: resolveParents(built),
    notes: [],
    files: [file],
  };
  return { ok: true, budget };
}

function uniqueColumns(cells: readonly RawCell[]): Column[] {
  const seen = new Map<string, Column>();
  for (const c of cells) {
    const key = `${c.column.kind}:${c.column.year}`;
    if (!seen.has(key)) seen.set(key, c.column);
  }
  return [...seen.values()];
}

function toCell(c: RawCell, whole: boolean, file: string): Cell {
  return { column: c.column, amount: c.cents, decimals: whole ? 0 : 2, source: { file, line: c.no } };
}
