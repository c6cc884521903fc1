/**
 * The rows of the Haushaltsplan's parts in the tidy CSV read back into `Budget.parts` (docs/tidy-csv.md,
 * "Parts"; keys and units in `src/formats/part-keys.ts`). `readPartRow` checks one row (German message of what
 * was expected), `buildParts` makes the parts and puts every amount in euros into the ledger, outside the plans
 * with the part it is in. Names, printed labels and texts are not in the file: rows come back with the form's
 * labels (`data/parts/*.json`) or none.
 */
import type { Ledger } from '../../core/ledger.js';
import type { Column, ColumnKind } from '../../core/model.js';
import { parsePlainAmount } from '../../core/money.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import { FRAKTIONEN_SPEC, type FraktionenColumn } from '../../core/parts/fraktionen.js';
import type { BudgetParts } from '../../core/parts/index.js';
import { PROGRAMM_KINDS, type ProgrammRow } from '../../core/parts/investitionsprogramm.js';
import { PART_LABEL } from '../../core/parts/merge.js';
import type { QuerschnittRow } from '../../core/parts/querschnitt.js';
import { rowSpec, RUECKLAGEN_SPEC, type RuecklagenRowId } from '../../core/parts/ruecklagen.js';
import type { StellenCategory, StellenRole, StellenRow, StellenValue } from '../../core/parts/stellenplan.js';
import type { VeRow } from '../../core/parts/ve.js';
import { STAENDE, VERBINDLICHKEITEN_SPEC, type StandId } from '../../core/parts/verbindlichkeiten.js';
import { restoreFormulaText } from '../../formats/formula-guard.js';
import {
  decodeKey,
  parseFigureUnit,
  parsePosts,
  parseRate,
  partKeyOf,
  PART_LEVEL,
  PART_NODE,
  splitKey,
  SUM_KEY,
  type PartKey,
  type PartPlan,
} from '../../formats/part-keys.js';

export interface PartCell {
  readonly plan: PartPlan;
  readonly line: string;
  readonly kind: string;
  readonly year: number;
  /** Cents (money, a figure's percent in hundredths), thousandths of a post, or a rate as printed. */
  readonly value: number | string;
  readonly unit?: { readonly unit: 'EUR' | 'TEUR' | 'MioEUR' | 'percent'; readonly decimals: number };
  readonly no: number;
}

const ROLES: readonly StellenRole[] = [
  'einheit',
  'produktbereich',
  'gesamt',
  'besoldungsgruppe',
  'entgeltgruppe',
  'summe-beamte',
  'summe-tarif',
];
const CATEGORIES: readonly StellenCategory[] = ['beamte', 'tarif', 'gesamt'];

const isRate = (plan: PartPlan, line: string) =>
  plan === 'satzung' && (line === 'kreisumlage' || line.startsWith('hebesatz/'));

/** One part row (its fields with `printed_in`, if the file has it, last); a string is the German error. */
export function readPartRow(
  fields: readonly string[],
  width: number,
  plan: PartPlan,
  no: number,
): PartCell | string {
  if (fields.length !== width) return `${fields.length} Felder gefunden, erwartet ${width}`;
  const [node, level, , guardedLine, kind, yearText, amountText, , printedIn] = fields as string[];
  if (node !== PART_NODE || level !== PART_LEVEL)
    return `Teil ${plan}: node „${node!.slice(0, 40)}“, level „${level!}“ (erwartet: ${PART_NODE}, ${PART_LEVEL})`;
  const line = restoreFormulaText(guardedLine!);
  if (line === '') return `Teil ${plan}: Feld „line“ ist leer (erwartet: die Zeile des Teils)`;
  if (!/^[a-z][a-zA-Z-]*(?:#\d+)?$/u.test(kind!))
    return `Teil ${plan}: Spalte „${kind!.slice(0, 40)}“ ist kein Spaltenschlüssel (erwartet z. B. ansatz, ertraege, beamte)`;
  if (!/^\d{4}$/u.test(yearText!)) return `Jahr „${yearText!}“ ist keine Jahreszahl (erwartet z. B. 2026)`;
  const year = Number(yearText);
  const base = { plan, line, kind: kind!, year, no };
  const bad = (what: string) =>
    `Teil ${plan}, ${line} ${kind!} ${yearText!}: Betrag „${amountText!.slice(0, 30)}“ ist ${what}`;
  if (plan === 'stellenplan') {
    const value = parsePosts(amountText!);
    return value === undefined ? bad('keine Stellenzahl (erwartet z. B. 6.750)') : { ...base, value };
  }
  if (isRate(plan, line)) {
    const value = parseRate(amountText!);
    return value === undefined ? bad('kein Hebesatz (erwartet z. B. 495 oder 34.5)') : { ...base, value };
  }
  const amount = parsePlainAmount(amountText!);
  if (!amount) return bad('keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)');
  if (plan === 'ruecklagen') {
    const unit = parseFigureUnit(printedIn ?? '');
    if (!unit)
      return `Teil ruecklagen, ${line} ${yearText!}: printed_in „${(printedIn ?? '').slice(0, 20)}“ nennt keine Einheit (erwartet z. B. MioEUR:1)`;
    return { ...base, value: amount.cents, unit };
  }
  if (printedIn !== undefined && printedIn !== '' && printedIn !== 'EUR' && printedIn !== 'TEUR')
    return `Einheit „${printedIn.slice(0, 20)}“ in Spalte printed_in unbekannt (erwartet: EUR oder TEUR)`;
  return {
    ...base,
    value: amount.cents,
    ...(printedIn === 'TEUR' ? { unit: { unit: 'TEUR' as const, decimals: 0 } } : {}),
  };
}

type Mutable = { -readonly [K in keyof BudgetParts]: BudgetParts[K] };

/** Distinct values in order of first appearance. */
const distinct = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The parts of the rows read, every amount in euros into the ledger; a string is the German error. */
export function buildParts(cells: readonly PartCell[], file: string, ledger: Ledger): BudgetParts | string {
  const byPlan = new Map<PartKey, PartCell[]>();
  for (const c of cells) {
    const k = partKeyOf(c.plan);
    byPlan.set(k, [...(byPlan.get(k) ?? []), c]);
  }
  const parts: Mutable = {};
  for (const [key, rows] of byPlan) {
    const whole = rows.every((c) => typeof c.value !== 'number' || c.value % 100 === 0);
    const money = (c: PartCell, column: Column): PartAmount => {
      const cents = c.value as number;
      ledger.read(column, cents);
      ledger.outside(column, cents, `${PART_LABEL[key] ?? key} (Teil des Haushaltsplans)`, {
        file,
        line: c.no,
      });
      return c.unit?.unit === 'TEUR'
        ? { amount: cents, decimals: 0, scale: 1000, source: { file, line: c.no } }
        : { amount: cents, decimals: whole ? 0 : 2, source: { file, line: c.no } };
    };
    const at = (c: PartCell): Column => ({ kind: 'ansatz', year: c.year });
    const built = buildPart(key, rows, money, at);
    if (typeof built === 'string') return built;
    Object.assign(parts, { [key]: built });
  }
  return parts;
}

type Money = (c: PartCell, column: Column) => PartAmount;

function buildPart(
  key: PartKey,
  rows: readonly PartCell[],
  money: Money,
  at: (c: PartCell) => Column,
): BudgetParts[PartKey] | string {
  const year = rows[0]!.year;
  const lines = distinct(rows.map((c) => c.line));
  const of = (line: string) => rows.filter((c) => c.line === line);
  switch (key) {
    case 'satzung': {
      const figures: Record<string, PartAmount> = {};
      const hebesaetze: { name: string; satz: string }[] = [];
      let kreisumlage: string | undefined;
      for (const c of rows) {
        if (c.line === 'kreisumlage') kreisumlage = c.value as string;
        else if (c.line.startsWith('hebesatz/'))
          hebesaetze.push({ name: splitKey(c.line).slice(1).join('/'), satz: c.value as string });
        else figures[decodeKey(c.line)] = money(c, { kind: c.kind === 've' ? 've' : 'ansatz', year: c.year });
      }
      const kind = kreisumlage !== undefined ? 'kreis' : 'gemeinde';
      return {
        year,
        kind,
        figures,
        ...(hebesaetze.length > 0 ? { hebesaetze } : {}),
        ...(kreisumlage !== undefined ? { kreisumlage } : {}),
      };
    }
    case 'querschnitt': {
      const row = (line: string): QuerschnittRow => {
        const amounts: Record<string, PartAmount> = {};
        for (const c of of(line))
          amounts[c.kind] = money(c, c.kind === 've' ? { kind: 've', year: c.year } : at(c));
        return line === SUM_KEY
          ? { code: '', name: 'Summe', amounts }
          : { code: decodeKey(line), name: '', amounts };
      };
      return {
        year,
        columns: distinct(rows.map((c) => c.kind)),
        rows: lines.filter((l) => l !== SUM_KEY).map(row),
        ...(lines.includes(SUM_KEY) ? { sum: row(SUM_KEY) } : {}),
      };
    }
    case 'veUebersicht': {
      const veYear = rows.find((c) => c.kind === 've')?.year ?? year;
      const row = (line: string): VeRow => {
        const faellig: Record<string, PartAmount> = {};
        let ve: PartAmount | undefined;
        for (const c of of(line))
          if (c.kind === 've') ve = money(c, { kind: 've', year: c.year });
          else faellig[String(c.year)] = money(c, { kind: 'planung', year: c.year });
        const code = line === SUM_KEY ? '' : decodeKey(line);
        return { code, name: line === SUM_KEY ? 'Summe' : '', ...(ve ? { ve } : {}), faellig };
      };
      const years = distinct(rows.filter((c) => c.kind !== 've').map((c) => c.year)).sort((a, b) => a - b);
      return {
        year: veYear,
        years,
        rows: lines.filter((l) => l !== SUM_KEY).map(row),
        ...(lines.includes(SUM_KEY) ? { sum: row(SUM_KEY) } : {}),
      };
    }
    case 'ruecklagen': {
      const known = new Set<string>(RUECKLAGEN_SPEC.rows.map((r) => r.id));
      const unknown = lines.find((l) => !known.has(l));
      if (unknown !== undefined)
        return `Teil ruecklagen: Zeile „${unknown.slice(0, 40)}“ unbekannt (erwartet: ${[...known].join(', ')})`;
      const years = distinct(rows.map((c) => c.year)).sort((a, b) => a - b);
      const units = rows.filter((c) => c.unit && c.unit.unit !== 'percent').map((c) => c.unit!.unit);
      return {
        rows: lines.map((id) => ({ id: id as RuecklagenRowId, label: rowSpec(id as RuecklagenRowId).label })),
        years: years.map((y) => ({
          year: y,
          figures: Object.fromEntries(
            rows
              .filter((c) => c.year === y)
              .map((c) => [
                c.line,
                { amount: c.value as number, unit: c.unit!.unit, decimals: c.unit!.decimals },
              ]),
          ),
        })),
        unit: units[0] ?? 'EUR',
      };
    }
    case 'stellenplan': {
      const out: StellenRow[] = [];
      for (const line of lines) {
        const [role, code = '', name = ''] = splitKey(line);
        if (!ROLES.includes(role as StellenRole))
          return `Teil stellenplan: Zeile „${line.slice(0, 40)}“ nennt keine Art (erwartet: ${ROLES.join(', ')})`;
        const values: StellenValue[] = [];
        const besetzt: StellenValue[] = [];
        for (const c of of(line)) {
          const category = c.kind.replace(/^besetzt-/u, '') as StellenCategory;
          if (!CATEGORIES.includes(category))
            return `Teil stellenplan: Spalte „${c.kind}“ unbekannt (erwartet: beamte, tarif, gesamt, besetzt-…)`;
          const v = { category, year: c.year, value: c.value as number };
          (c.kind.startsWith('besetzt-') ? besetzt : values).push(v);
        }
        out.push({
          role: role as StellenRole,
          ...(code !== '' ? { code } : {}),
          name,
          values,
          ...(besetzt.length > 0 ? { besetzt } : {}),
        });
      }
      const years = distinct(rows.filter((c) => !c.kind.startsWith('besetzt-')).map((c) => c.year)).sort(
        (a, b) => a - b,
      );
      return { years, rows: out };
    }
    case 'verbindlichkeiten': {
      const offset = (id: string) => VERBINDLICHKEITEN_SPEC.columns.find((c) => c.id === id)?.offset;
      const bad = rows.find((c) => !(STAENDE as readonly string[]).includes(c.kind));
      if (bad)
        return `Teil verbindlichkeiten: Spalte „${bad.kind}“ unbekannt (erwartet: ${STAENDE.join(', ')})`;
      const budgetYear = rows[0]!.year - offset(rows[0]!.kind)!;
      const row = (line: string) => {
        const amounts: Partial<Record<StandId, PartAmount>> = {};
        for (const c of of(line)) amounts[c.kind as StandId] = money(c, at(c));
        if (line === SUM_KEY) return { label: 'Summe', amounts };
        if (line.startsWith('/')) return { label: splitKey(line).slice(1).join('/'), amounts };
        const spec = VERBINDLICHKEITEN_SPEC.rows.find((r) => r.id === line);
        return { ...(spec ? { id: line } : {}), label: spec?.label ?? line, amounts };
      };
      return {
        year: budgetYear,
        columns: STAENDE.filter((s) => rows.some((c) => c.kind === s)),
        rows: lines.filter((l) => l !== SUM_KEY).map(row),
        ...(lines.includes(SUM_KEY) ? { sum: row(SUM_KEY) } : {}),
      };
    }
    case 'fraktionen': {
      const keys = distinct(rows.map((c) => `${c.kind}:${c.year}`));
      const columns: FraktionenColumn[] = keys.map((k, i) => {
        const [kind = '', y] = k.split(':');
        const base = kind.replace(/#\d+$/u, '');
        const label =
          base === SUM_KEY ? 'Summe' : (FRAKTIONEN_SPEC.kinds.find((x) => x.id === base)?.label ?? 'Betrag');
        return {
          id: `c${i + 1}`,
          label: `${label} ${y!}`,
          year: Number(y),
          ...(base === SUM_KEY ? { total: true as const } : {}),
        };
      });
      const row = (line: string) => {
        const amounts: Record<string, PartAmount> = {};
        for (const c of of(line)) amounts[columns[keys.indexOf(`${c.kind}:${c.year}`)]!.id] = money(c, at(c));
        return { name: line === SUM_KEY ? 'Summe' : decodeKey(line.replace(/\/#\d+$/u, '')), amounts };
      };
      return {
        year: Math.max(...columns.map((c) => c.year!)),
        columns,
        rows: lines.filter((l) => l !== SUM_KEY).map(row),
        ...(lines.includes(SUM_KEY) ? { sum: row(SUM_KEY) } : {}),
      };
    }
    case 'investitionsprogramm': {
      const bad = rows.find((c) => !PROGRAMM_KINDS.has(c.kind as ColumnKind));
      if (bad)
        return `Teil investitionsprogramm: Spalte „${bad.kind}“ unbekannt (erwartet: bisher, ansatz, planung, gesamt)`;
      const columns = distinct(rows.map((c) => `${c.kind}:${c.year}`)).map((k) => {
        const [kind, y] = k.split(':');
        return { kind: kind as ColumnKind, year: Number(y) };
      });
      const row = (line: string): ProgrammRow => {
        const amounts: Record<string, PartAmount> = {};
        for (const c of of(line)) {
          const column = { kind: c.kind as ColumnKind, year: c.year };
          amounts[`${c.kind}:${c.year}`] = money(c, column);
        }
        if (line === SUM_KEY) return { number: '', name: 'Summe', amounts };
        const [unit = '', number = ''] = splitKey(line);
        return { number, name: '', ...(unit !== '' ? { unit } : {}), amounts };
      };
      return {
        year: columns.find((c) => c.kind === 'ansatz')?.year ?? year,
        columns,
        rows: lines.filter((l) => l !== SUM_KEY).map(row),
        ...(lines.includes(SUM_KEY) ? { sum: row(SUM_KEY) } : {}),
      };
    }
    default:
      return `Teil ${String(key)} unbekannt`;
  }
}
