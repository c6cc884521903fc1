/**
 * The rows of an account export booked: every amount read into the file's ledger in the sign the plans print
 * it (SAP books Erträge negative; a direction column says it), then onto the plan line its account maps to in
 * the node of its product number, or outside the plans with its reason (an account the mapping does not know,
 * a product number the pattern does not fit, an unknown direction), summed per reason for a note. A total row
 * (the last row without a product, if the profile says so) is read, left outside and checked against the sum
 * of all rows, column by column. An amount that is no number is an error finding at its row, left out.
 */
import type { ImportNote, PlanType } from '../../core/model.js';
import { PLAN_LABEL, columnLabel } from '../../core/model.js';
import type { Ledger } from '../../core/ledger.js';
import { formatGerman, parseGermanAmount, type Cents } from '../../core/money.js';
import type { AccountColumns } from './header.js';
import { resolveAccount, type AccountMapping } from './mapping.js';
import { accountLine, nodeOf, type Acc } from './nodes.js';
import { directionOfText, type AccountProfile } from './profile.js';

export interface Bookings {
  readonly nodes: Map<string, Acc>;
  /** Rows outside the plans, by reason: how many, their accounts, their sums per column. */
  readonly outside: ReadonlyMap<
    string,
    { rows: number; accounts: Set<string>; sums: Cents[]; reason: string }
  >;
  /** Rows whose direction contradicts the line their account maps to: kept (signed by their direction). */
  readonly contradicting: ReadonlyMap<string, { rows: number; first: number; text: string }>;
  /** The file's total row, if any. */
  readonly total: { readonly no: number; readonly sums: readonly (Cents | undefined)[] } | undefined;
  /** The sum of all rows per column, as the file signs them. */
  readonly all: readonly Cents[];
}

export interface BookingContext {
  readonly file: string;
  readonly profile: AccountProfile;
  readonly mapping: AccountMapping;
  readonly cols: AccountColumns;
  readonly ledger: Ledger;
  readonly notes: ImportNote[];
  /** Reports a row that cannot be read (the import is refused). */
  readonly err: (line: number | undefined, message: string) => void;
}

/** Books the data rows (after the header: row i is line i + 2). */
export function bookRows(rows: readonly (readonly string[])[], ctx: BookingContext): Bookings {
  const { file, profile, mapping, cols, ledger, notes, err } = ctx;
  const amountColumns = cols.amounts;
  const codePattern = new RegExp(profile.productCode.pattern, 'u');
  const sign = profile.signs === 'sap' ? -1 : 1;
  // rows whose direction contradicts the line their account maps to: kept (signed by their direction), reported
  const contradicting = new Map<string, { rows: number; first: number; text: string }>();
  const nodes = new Map<string, Acc>();
  const outside = new Map<string, { rows: number; accounts: Set<string>; sums: Cents[]; reason: string }>();
  const all: Cents[] = amountColumns.map(() => 0);
  let total: { no: number; sums: (Cents | undefined)[] } | undefined;

  rows.forEach((row, i) => {
    const no = i + 2;
    if (row.every((c) => c === '')) return;
    const product = (row[cols.product] ?? '').trim();
    const amounts: Cents[] = [];
    for (const { index, column } of amountColumns) {
      const t = (row[index] ?? '').trim();
      const a = t === '' ? undefined : parseGermanAmount(t);
      if (t !== '' && !a) {
        // a finding at its place, not a refusal of the file (`--strict` refuses): the cell is left out
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Betrag „${t}“ in Spalte ${index + 1} (${columnLabel(column)}${column.kind === 've' ? ` ${column.year}` : ''}) ist keine Zahl (erwartet z. B. 1.234,56 oder -1.234,56)`,
          source: { file, line: no },
        });
      }
      amounts.push(a?.cents ?? 0);
    }
    if (product === '') {
      if (profile.totalRow) {
        total = { no, sums: amounts };
        // the file's own total: read, and accounted for by its check against the rows (note `total-row`)
        amounts.forEach((a, k) => {
          if (a === 0) return;
          ledger.read(amountColumns[k]!.column, sign * a);
          ledger.outside(
            amountColumns[k]!.column,
            sign * a,
            'Summenzeile der Datei (mit allen Zeilen abgeglichen)',
            {
              file,
              line: no,
            },
          );
        });
      } else err(no, 'Zeile ohne Produkt (Profitcenter)');
      return;
    }
    amounts.forEach((a, k) => (all[k]! += a));
    // amounts in the sign the plans print them (SAP books Erträge negative; a direction column says it)
    const directionText = cols.direction >= 0 ? (row[cols.direction] ?? '').trim() : '';
    const direction = cols.direction >= 0 ? directionOfText(directionText) : undefined;
    const rowSign = direction === 'out' ? -1 : direction === 'in' ? 1 : sign;
    amounts.forEach((a, k) => {
      if (a !== 0) ledger.read(amountColumns[k]!.column, rowSign * a);
    });
    const account = (row[cols.account] ?? '').trim();
    const m = codePattern.exec(product);
    const resolution: ReturnType<typeof resolveAccount> =
      cols.direction >= 0 && direction === undefined
        ? {
            kind: 'outside',
            prefix: account.slice(0, 2),
            reason: `Richtung „${directionText}“ unbekannt (erwartet Ertrag/Einzahlung oder Aufwand/Auszahlung, z. B. Zeile ${no}); nicht zugeordnet`,
          }
        : m
          ? resolveAccount(mapping, account)
          : {
              kind: 'outside',
              prefix: account.slice(0, 2),
              reason: `Produktnummer passt nicht zum Muster ${profile.productCode.pattern} des Profils (z. B. Zeile ${no}: „${product}“); nicht zugeordnet`,
            };
    if (resolution.kind === 'outside') {
      const key = m || direction === undefined ? resolution.reason : 'invalid-product';
      const entry = outside.get(key) ?? {
        rows: 0,
        accounts: new Set<string>(),
        sums: amountColumns.map(() => 0),
        reason: resolution.reason,
      };
      entry.rows++;
      entry.accounts.add(account.slice(0, Math.max(2, resolution.prefix.length)));
      amounts.forEach((a, k) => (entry.sums[k]! += a));
      outside.set(key, entry);
      amounts.forEach((a, k) => {
        if (a !== 0)
          ledger.outside(amountColumns[k]!.column, rowSign * a, resolution.reason, {
            file,
            line: no,
          });
      });
      return;
    }
    if (!m) return;
    // hierarchy from the product number
    const parts = m.slice(1).filter((x): x is string => x !== undefined);
    const acc = nodeOf(nodes, parts, profile.productCode.levels);
    if (!acc) return;
    acc.firstRow ??= no;
    if (cols.productName >= 0 && acc.name === '') acc.name = (row[cols.productName] ?? '').trim();
    const plan =
      acc.lines.get(resolution.plan) ?? acc.lines.set(resolution.plan, new Map()).get(resolution.plan)!;
    const sums =
      plan.get(resolution.line) ??
      plan
        .set(
          resolution.line,
          amountColumns.map(() => 0),
        )
        .get(resolution.line)!;
    amounts.forEach((a, k) => (sums[k]! += rowSign * a));
    // a row whose direction contradicts its line (an Aufwand booked on an Ertrag line): kept, reported
    const flow = accountLine(resolution.plan, resolution.line)?.flow;
    if (direction !== undefined && (flow === 'in' || flow === 'out') && flow !== direction) {
      const key = `${resolution.plan}|${resolution.line}|${directionText}`;
      const c = contradicting.get(key) ?? { rows: 0, first: no, text: directionText };
      c.rows++;
      contradicting.set(key, c);
    }
  });
  return { nodes, outside, contradicting, total, all };
}

/** A warning per plan line that rows of the contrary direction were booked on. */
export function contradictionNotes(bookings: Bookings, file: string): ImportNote[] {
  return [...bookings.contradicting].map(([key, c]) => {
    const [plan, line] = key.split('|') as [PlanType, string];
    const label = accountLine(plan, line)?.label ?? '';
    return {
      severity: 'warning',
      rule: 'direction-contradicts-line',
      message: `${c.rows} Zeile${c.rows === 1 ? '' : 'n'} mit Richtung „${c.text}“ auf ${PLAN_LABEL[plan]}, Zeile ${line} (${label}), die ${c.text && directionOfText(c.text) === 'out' ? 'Erträge/Einzahlungen' : 'Aufwendungen/Auszahlungen'} zählt: übernommen mit dem Vorzeichen der Richtung, bitte prüfen (zuerst Zeile ${c.first})`,
      plan,
      line,
      source: { file, line: c.first },
    };
  });
}

/**
 * The mapping's problems, the rows outside the plans by reason (with their sum in the budget year's Ansatz),
 * and the total row's check.
 */
export function summaryNotes(bookings: Bookings, ctx: BookingContext): ImportNote[] {
  const { profile, file } = ctx;
  const columns = ctx.cols.amounts;
  const { outside, total, all } = bookings;
  const notes: ImportNote[] = ctx.mapping.problems.map((p) => ({
    severity: 'warning',
    rule: 'mapping-problem',
    message: p,
  }));
  const budgetColumn = columns.findIndex(
    (c) => c.column.kind === 'ansatz' && c.column.year === Math.max(...(profile.budgetYears ?? [0])),
  );
  for (const o of outside.values()) {
    const reason = o.reason;
    const k = budgetColumn >= 0 ? budgetColumn : 0;
    notes.push({
      severity: /doppelt|Lücke|Muster/u.test(reason) ? 'warning' : 'info',
      rule: 'outside-plans',
      message: `${o.rows} Zeilen außerhalb der Pläne (Konten ${[...o.accounts].sort().slice(0, 8).join(', ')}${o.accounts.size > 8 ? ', …' : ''}): ${reason}; Summe ${columns[k]!.column.kind} ${columns[k]!.column.year}: ${formatGerman(o.sums[k]!, 2)} €`,
    });
  }
  if (total) {
    const differing = columns.filter((c, k) => total.sums[k] !== all[k]);
    notes.push(
      differing.length === 0
        ? {
            severity: 'info',
            rule: 'total-row',
            message: `Summenzeile (Zeile ${total.no}) stimmt in allen ${columns.length} Spalten auf den Cent mit der Summe aller Zeilen überein (zugeordnet und außerhalb der Pläne)`,
            source: { file, line: total.no },
          }
        : {
            severity: 'warning',
            rule: 'total-row',
            message: `Summenzeile (Zeile ${total.no}) weicht in ${differing.length} Spalten von der Summe aller Zeilen ab: ${differing.map((c) => `${c.column.kind} ${c.column.year}`).join(', ')}`,
            source: { file, line: total.no },
          },
    );
  }
  return notes;
}
