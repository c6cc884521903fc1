/**
 * The second pass over a long table: every amount. Each is read into the file's ledger in the sign the plan
 * prints it (the direction or SAP's signs decide it), then placed on a plan line of its node's sums, or left
 * outside the plans with its reason: a kind or year the plans do not take, an unknown direction, a row without
 * a node, a line no schema knows. An amount on a node that has children is kept apart (`OwnRow`): it is a
 * total of them or booked on the node itself, which `own-rows.ts` decides. A year or amount that cannot be
 * read is an error note at its row (the first 200 one by one), never a guess.
 */
import { Ledger } from '../../core/ledger.js';
import { formatGerman, type Cents } from '../../core/money.js';
import { kindYearKey, type ColumnPlan } from './columns.js';
import type { LineResolver, LineTarget } from './lines.js';
import type { TupleTarget } from './nodes.js';
import type { Note } from './notes.js';
import { parseLongAmount, type DecimalMark } from './numbers.js';
import { addCell, type PlanSums } from './plans.js';
import type { LongProfile } from './profile.js';
import type { ColumnRoles } from './roles.js';
import type { RowReaders } from './survey.js';
import { directionOf, isMissing, type Direction } from './vocabulary.js';

const MAX_NOTED_ERRORS = 200;
const PROGRESS_STEP = 16_384;

/** A row's amount kept for a node that also has children: total of them, or booked on the node itself. */
export interface OwnRow {
  readonly key: string;
  readonly col: number;
  readonly cents: Cents;
  readonly line: number;
  readonly target: LineTarget;
}

export interface PlacementContext {
  readonly file: string;
  readonly header: readonly string[];
  readonly roles: ColumnRoles;
  readonly readers: RowReaders;
  readonly rowLine: (i: number) => number;
  readonly mark: DecimalMark;
  readonly factor: number;
  readonly profile: LongProfile | undefined;
  /** Amounts without a direction column are signed as SAP prints them (a profile's `"signs": "sap"`). */
  readonly sap: boolean;
  readonly decisions: ColumnPlan['decisions'];
  /** A placed column's index, by `${kind}:${year}`, and how many there are. */
  readonly columnIndex: ReadonlyMap<string, number>;
  readonly width: number;
  /** The node of each combination of node values; undefined for a file of the whole budget (no node columns). */
  readonly nodeTargets: ReadonlyMap<string, TupleTarget> | undefined;
  /** Keys of the nodes that have children. */
  readonly hasChildren: ReadonlySet<string>;
  readonly resolver: LineResolver;
  readonly note: Note;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

export interface Placement {
  readonly ledger: Ledger;
  /** The sums of each node (by key; `gesamt` for a file of the whole budget). */
  readonly acc: Map<string, PlanSums>;
  readonly own: readonly OwnRow[];
  /** 2 if any amount was printed with cents. */
  readonly decimals: 0 | 2;
}

/** Pass 2: reads and places every amount of `rows`. */
export function placeAmounts(rows: readonly (readonly string[])[], ctx: PlacementContext): Placement {
  const { file, header, roles, readers, profile, decisions, resolver, note, width } = ctx;
  const amountCol = roles.amount;
  const ledger = new Ledger(file);
  const acc = new Map<string, PlanSums>();
  const own: OwnRow[] = [];
  let missing = 0;
  let unreadable = 0;
  let decimals: 0 | 2 = 0;
  const contradictions = new Map<string, { count: number; line: number; amount: Cents }>();
  const tupleTarget = new Map<string, TupleTarget>();
  const unknownDirections = new Map<string, number>();
  const error = (rule: string, message: string, line: number): void => {
    if (unreadable++ < MAX_NOTED_ERRORS) note('error', rule, message, line);
  };
  const directions = new Map<string, Direction | undefined>();
  for (let i = 0; i < rows.length; i++) {
    if (ctx.onProgress && i % PROGRESS_STEP === 0) ctx.onProgress(i, rows.length);
    const row = rows[i]!;
    const text = (row[amountCol] ?? '').trim();
    if (isMissing(text)) {
      missing++;
      continue;
    }
    const line = ctx.rowLine(i);
    const year = readers.yearOf(row);
    if (year === undefined) {
      error(
        'unreadable-year',
        `Jahr „${roles.year !== undefined ? (row[roles.year] ?? '') : ''}“ in Spalte „${roles.year !== undefined ? header[roles.year]! : ''}“ ist keine Jahreszahl; der Betrag „${text}“ dieser Zeile ist ausgelassen`,
        line,
      );
      continue;
    }
    const parsed = parseLongAmount(text, ctx.mark);
    if (!parsed.ok) {
      error(
        'unreadable-amount',
        `Betrag „${text}“ in Spalte „${header[amountCol]!}“ ist nicht lesbar: ${parsed.why}; die Zeile ist ausgelassen, alles andere übernommen`,
        line,
      );
      continue;
    }
    if (parsed.decimals === 2) decimals = 2;
    const raw = parsed.cents * ctx.factor;
    // the direction decides the sign: Aufwendungen are printed negative
    let direction: Direction | undefined;
    let directionText = '';
    if (roles.direction !== undefined) {
      directionText = (row[roles.direction] ?? '').trim();
      if (directions.has(directionText)) direction = directions.get(directionText);
      else {
        direction = profile?.directions?.[directionText] ?? directionOf(directionText);
        directions.set(directionText, direction);
      }
    }
    const cents = direction === 'out' || ctx.sap ? (raw === 0 ? 0 : -raw) : raw;
    const kindText = roles.kind !== undefined ? (row[roles.kind] ?? '').trim() : '';
    const decision = decisions.get(kindYearKey(kindText, year))!;
    ledger.read(decision.column, cents);
    const source = { file, line };
    if (!decision.placed) {
      ledger.outside(decision.column, cents, decision.reason, source);
      continue;
    }
    if (roles.direction !== undefined && direction === undefined) {
      unknownDirections.set(directionText, (unknownDirections.get(directionText) ?? 0) + 1);
      ledger.outside(
        decision.column,
        cents,
        `Richtung „${directionText}“ unbekannt (erwartet z. B. Ertrag/Aufwand, revenue/expenditure); ein Profil kann sie zuordnen („directions“)`,
        source,
      );
      continue;
    }
    // the node
    let nodeKey = 'gesamt';
    if (ctx.nodeTargets) {
      const tk = readers.tupleKey(row);
      let t = tupleTarget.get(tk);
      if (!t) {
        t = ctx.nodeTargets.get(tk) ?? { outside: 'ohne Einheit' };
        tupleTarget.set(tk, t);
      }
      if ('outside' in t) {
        ledger.outside(decision.column, cents, t.outside, source);
        continue;
      }
      nodeKey = t.node;
    }
    // the line
    const lineValue = roles.line ? (row[roles.line.column] ?? '') : '';
    const r = resolver.resolve(lineValue, direction);
    if ('outside' in r) {
      ledger.outside(decision.column, cents, r.outside, source);
      continue;
    }
    if (
      direction !== undefined &&
      (r.target.flow === 'in' || r.target.flow === 'out') &&
      r.target.flow !== direction
    ) {
      const k = `${r.target.schema.id}|${r.target.line}|${directionText}`;
      const c = contradictions.get(k);
      if (c) c.count++;
      else contradictions.set(k, { count: 1, line, amount: cents });
    }
    const col = ctx.columnIndex.get(`${decision.column.kind}:${decision.column.year}`)!;
    if (ctx.hasChildren.has(nodeKey)) own.push({ key: nodeKey, col, cents, line, target: r.target });
    else {
      const sums = acc.get(nodeKey) ?? acc.set(nodeKey, new Map()).get(nodeKey)!;
      addCell(sums, r.target.schema.id, r.target.line, col, cents, width, source);
    }
  }
  ctx.onProgress?.(rows.length, rows.length);

  if (missing > 0)
    note(
      'info',
      'missing-amounts',
      `${missing === 1 ? 'Eine Zeile' : `${missing.toLocaleString('de-DE')} Zeilen`} ohne Betrag (leer oder „nan“): kein Betrag, übersprungen`,
    );
  if (unreadable > MAX_NOTED_ERRORS)
    note(
      'error',
      'unreadable-amount',
      `… und ${unreadable - MAX_NOTED_ERRORS} weitere nicht lesbare Zeilen (nicht einzeln aufgeführt)`,
    );
  for (const [k, c] of contradictions) {
    const [schemaId, lineNo, dirText] = k.split('|') as [string, string, string];
    note(
      'warning',
      'direction-contradicts-line',
      `${c.count === 1 ? 'Ein Betrag' : `${c.count} Beträge`} mit Richtung „${dirText}“ ${c.count === 1 ? 'steht' : 'stehen'} auf Zeile ${lineNo} (${schemaId}), die ${dirText && directionOf(dirText) === 'in' ? 'Aufwendungen' : 'Erträge'} führt; übernommen mit dem Vorzeichen der Richtung (zuerst ${formatGerman(c.amount, 2)} €)`,
      c.line,
    );
  }
  for (const [text, count] of unknownDirections)
    note(
      'warning',
      'direction-unknown',
      `${count === 1 ? 'Ein Betrag' : `${count} Beträge`} mit unbekannter Richtung „${text}“ außerhalb der Pläne`,
    );
  return { ledger, acc, own, decimals };
}
