/**
 * The plan line a row's amount belongs to, in one of four ways, chosen by the columns the file has:
 *
 * - `number`: a line number ("01", "01 - Steuern und ähnliche Abgaben"), in the line schema of the Land whose
 *   labels (where printed) fit;
 * - `label`: a line label ("Abschreibungen", or Karlsruhe's "Steuern und ähnliche Abgaben: 30110000 Grundsteuer
 *   A", label and account), matched against the schemas of the budget's Land: the schema with most of the
 *   file's labels wins if it fits at least three quarters of them (that also tells the Land when nothing else
 *   does); a label of no line of it goes outside the plans with its reason;
 * - `account`: an account number, mapped through the Kontenrahmen of the budget's Land (`KONTENRAHMEN`); a Land
 *   without one, or unknown, leaves the amounts outside the plans with that reason — never on the lines of
 *   another Land, whose numbers mean something else;
 * - `sums`: no line at all, only the direction: Erträge and Aufwendungen on the lines of the sums schemas
 *   (`summen-teilergebnis`, `summen-gesamtergebnis`), nothing invented.
 */
import type { ImportNote, PlanType } from '../../core/model.js';
import {
  ROLLUPS,
  SCHEMAS,
  landName,
  lineByLabel,
  matchLabel,
  schemaById,
  schemaLine,
  schemaValidFor,
  type LineSchema,
} from '../../core/schema.js';
import { KONTENRAHMEN, mappingSchema, resolveAccount, type AccountMapping } from '../accounts/mapping.js';
import { SUMS_ONLY_SCHEMAS } from '../../core/check/rules/sums-only.js';
import type { LineMode } from './roles.js';
import type { Direction } from './vocabulary.js';

/** A plan line in a schema. */
export interface LineTarget {
  readonly schema: LineSchema;
  readonly plan: PlanType;
  readonly line: string;
  readonly flow?: 'in' | 'out' | 'net';
}

export type LineResolution = { readonly target: LineTarget } | { readonly outside: string };

/** The sums schemas: Erträge (91), Aufwendungen (92), Ergebnis (93) per node and for the whole budget. */
export const SUMS_SCHEMA = { teil: 'summen-teilergebnis', gesamt: 'summen-gesamtergebnis' } as const;
export const SUMS_LINE: Readonly<Record<Direction, string>> = { in: '91', out: '92' };

/** True for the sums schemas: plans that have only Erträge, Aufwendungen and their Ergebnis. */
export function isSumsSchema(id: string): boolean {
  return SUMS_ONLY_SCHEMAS.has(id);
}

/** The Land of a Kontenrahmen: that of the schema its Teilergebnisplan lines belong to. */
export function mappingLand(mapping: AccountMapping): string | undefined {
  return schemaById(mappingSchema(mapping, 'teilergebnisplan'))?.land;
}

const GESAMT_OF: Readonly<Partial<Record<PlanType, PlanType>>> = {
  teilergebnisplan: 'gesamtergebnisplan',
  teilfinanzplan: 'gesamtfinanzplan',
};

export interface LineContext {
  readonly mode: LineMode | 'sums';
  /** Amounts of the whole budget (no node columns): Gesamtpläne instead of Teilpläne. */
  readonly gesamt: boolean;
  /** The budget's Land if known, and how it is known (German, for notes). */
  readonly land?: string;
  readonly landSource?: string;
  /** A city's own account mapping (`--mapping`): used whatever the Land. */
  readonly mapping?: AccountMapping;
  /** The budget year, for the schemas in force. */
  readonly year?: number;
  /** The distinct values of the line column with their first line and row count. */
  readonly values: ReadonlyMap<string, { readonly line: number; readonly rows: number }>;
  readonly header: string;
  readonly file: string;
  /** The header's line: where notes of the whole file stand. */
  readonly headerLine: number;
}

export interface LineResolver {
  readonly resolve: (value: string, direction: Direction | undefined) => LineResolution;
  /** The Land the lines were read for, if any. */
  readonly land?: string;
  readonly notes: readonly ImportNote[];
}

const detailSchemas = (): LineSchema[] => SCHEMAS.filter((s) => !isSumsSchema(s.id));

/** The label part of a line label cell: "Steuern und ähnliche Abgaben: 30110000 Grundsteuer A" → the first. */
function labelCandidates(value: string): string[] {
  const out = [value.trim()];
  const m = /^(.+?)\s*(?::|\s[-–]\s)\s*\d/u.exec(value);
  if (m) out.push(m[1]!.trim());
  return out;
}

function findByLabel(schema: LineSchema, value: string): string | undefined {
  for (const label of labelCandidates(value)) {
    const l = lineByLabel(schema, label);
    if (l) return l.line;
  }
  return undefined;
}

const NUMBERED = /^([1-9]\.[1-9]\d?|\d{1,2})(?:\s*(?:[-–=:.]|\+\/-|\+)?\s+(\D.*))?$/u;

/** The schema's id of a printed line number: whole numbers in two digits ("01"), decimal ones as printed ("1.5"). */
const lineId = (printed: string): string => (printed.includes('.') ? printed : printed.padStart(2, '0'));

export function lineResolver(ctx: LineContext): LineResolver {
  const notes: ImportNote[] = [];
  const note = (severity: ImportNote['severity'], rule: string, message: string): void => {
    notes.push({ severity, rule, message, source: { file: ctx.file, line: ctx.headerLine } });
  };
  const teil: readonly PlanType[] = ctx.gesamt ? ['gesamtergebnisplan'] : ['teilergebnisplan'];
  const inForce = (s: LineSchema): boolean =>
    teil.includes(s.plan) && schemaValidFor(s, ctx.year) && (ctx.land === undefined || s.land === ctx.land);
  const cache = new Map<string, LineResolution>();
  const cached =
    (fn: (value: string, direction: Direction | undefined) => LineResolution) =>
    (value: string, direction: Direction | undefined): LineResolution => {
      const key = `${direction ?? ''}\u0000${value}`;
      let r = cache.get(key);
      if (!r) {
        r = fn(value, direction);
        cache.set(key, r);
      }
      return r;
    };
  const landText = ctx.land ? `${landName(ctx.land)} (${ctx.landSource ?? 'angegeben'})` : 'unbekannt';

  if (ctx.mode === 'sums') {
    const schema = schemaById(ctx.gesamt ? SUMS_SCHEMA.gesamt : SUMS_SCHEMA.teil);
    return {
      ...(ctx.land ? { land: ctx.land } : {}),
      notes,
      resolve: (_value, direction) => {
        if (!schema) return { outside: 'Zeilenschema für Summen fehlt' };
        if (!direction) return { outside: 'ohne Richtung (Ertrag/Aufwand): keiner Summe zuzuordnen' };
        const line = SUMS_LINE[direction];
        return { target: { schema, plan: schema.plan, line, flow: direction } };
      },
    };
  }

  if (ctx.mode === 'label' || ctx.mode === 'number') {
    // the schema whose labels fit the file's labels best
    const labelled = [...ctx.values.keys()].flatMap((v) => {
      if (ctx.mode === 'label') return [{ value: v, number: undefined as string | undefined, label: v }];
      const m = NUMBERED.exec(v.trim());
      return m ? [{ value: v, number: lineId(m[1]!), label: m[2] ?? '' }] : [];
    });
    const withLabels = labelled.filter((l) => l.label !== '');
    const fitOf = (s: LineSchema): number =>
      ctx.mode === 'label'
        ? withLabels.filter((l) => findByLabel(s, l.label) !== undefined).length
        : withLabels.filter((l) => {
            const sl = schemaLine(s, l.number!);
            return sl !== undefined && matchLabel(l.label, sl).kind !== 'different';
          }).length;
    const candidates = detailSchemas().filter(inForce);
    let best: LineSchema | undefined;
    let bestFit = -1;
    for (const s of candidates) {
      const f = fitOf(s);
      if (f > bestFit) {
        best = s;
        bestFit = f;
      }
    }
    // three quarters of the labels must be lines of the schema; one odd label is always tolerated
    const needed = withLabels.length - Math.max(1, Math.floor(0.25 * withLabels.length));
    if (!best || (withLabels.length > 0 && bestFit < needed)) {
      const why =
        candidates.length === 0
          ? `kein Zeilenschema für ${teil.map((t) => (t === 'gesamtergebnisplan' ? 'den Gesamtergebnisplan' : 'Teilergebnispläne')).join('')} des Landes ${landText}`
          : `die Zeilenbezeichnungen der Spalte „${ctx.header}“ passen zu keinem Zeilenschema (Land ${landText}; am nächsten ${best ? `${best.title}: ${bestFit} von ${withLabels.length}` : '–'})`;
      note(
        'warning',
        'no-line-schema',
        `Keine Planzeilen: ${why}; alle Beträge stehen außerhalb der Pläne (ein Profil kann das Land angeben: "land")`,
      );
      return { notes, resolve: () => ({ outside: `Zeile nicht zuzuordnen: ${why}` }) };
    }
    const schema = best;
    if (!ctx.land)
      note(
        'info',
        'land',
        `Land aus den Zeilenbezeichnungen erkannt: ${landName(schema.land)} (${schema.title}: ${bestFit} von ${withLabels.length} Bezeichnungen)`,
      );
    const unmatched = new Map<string, number>();
    const resolve = cached((value) => {
      let line: string | undefined;
      if (ctx.mode === 'label') line = findByLabel(schema, value);
      else {
        const m = NUMBERED.exec(value.trim());
        line = m && schemaLine(schema, lineId(m[1]!)) ? lineId(m[1]!) : undefined;
      }
      if (line === undefined) {
        unmatched.set(value, (unmatched.get(value) ?? 0) + 1);
        return {
          outside:
            ctx.mode === 'label'
              ? `„${value}“ ist keine Zeile von ${schema.title}`
              : `Zeile „${value}“ gibt es in ${schema.title} nicht`,
        };
      }
      const sl = schemaLine(schema, line)!;
      return { target: { schema, plan: schema.plan, line, ...(sl.flow ? { flow: sl.flow } : {}) } };
    });
    return { land: schema.land, notes, resolve };
  }

  // accounts: the Kontenrahmen of the Land (or the city's own mapping)
  const mapping =
    ctx.mapping ?? KONTENRAHMEN.find((m) => ctx.land !== undefined && mappingLand(m) === ctx.land);
  if (!mapping) {
    const why = ctx.land
      ? `für ${landName(ctx.land)} ist kein Kontenrahmen hinterlegt (data/kontenrahmen); die Konten werden nicht auf die Zeilen eines anderen Landes gelesen`
      : 'das Land der Kommune ist unbekannt, also auch ihr Kontenrahmen (ein Profil kann es angeben: "land": "NW")';
    // what the rows do say: Ertrag or Aufwand. Placed as such on the sums lines (nothing invented), the
    // amounts are shown, charted and compared; only their split onto the Land's lines is missing
    const sums = schemaById(ctx.gesamt ? SUMS_SCHEMA.gesamt : SUMS_SCHEMA.teil);
    note(
      'warning',
      'no-kontenrahmen',
      `Keine Planzeilen aus den Konten: ${why}; die Beträge stehen nach ihrer Richtung als Summen der Erträge ` +
        'und Aufwendungen in den Plänen (Zeilen 91/92), ohne Aufteilung auf die Zeilen des Landes',
    );
    return {
      ...(ctx.land ? { land: ctx.land } : {}),
      notes,
      resolve: (_value, direction) => {
        if (!sums || !direction)
          return {
            outside: `Konto nicht zuzuordnen: ${why}, und die Zeile nennt keine Richtung (Ertrag/Aufwand)`,
          };
        const line = SUMS_LINE[direction];
        return { target: { schema: sums, plan: sums.plan, line, flow: direction } };
      },
    };
  }
  const kr = { mapping, land: mappingLand(mapping) };
  for (const p of kr.mapping.problems) note('warning', 'mapping-problem', p);
  const resolve = cached((value) => {
    const r = resolveAccount(kr.mapping, value.trim());
    if (r.kind === 'outside') return { outside: r.reason };
    const teilSchema = schemaById(mappingSchema(kr.mapping, r.plan));
    if (!teilSchema) return { outside: `Zeilenschema für ${r.plan} fehlt` };
    if (!ctx.gesamt) {
      const sl = schemaLine(teilSchema, r.line);
      return {
        target: { schema: teilSchema, plan: r.plan, line: r.line, ...(sl?.flow ? { flow: sl.flow } : {}) },
      };
    }
    // the whole budget: the Teilplan line rolled onto its Gesamtplan line
    const gesamtType = GESAMT_OF[r.plan];
    const rollup = ROLLUPS.find((x) => x.from === teilSchema.id && schemaById(x.to)?.plan === gesamtType);
    const to = rollup?.lines[r.line];
    const gesamtSchema = rollup ? schemaById(rollup.to) : undefined;
    if (!to || !gesamtSchema)
      return {
        outside: `Konto ${value}: Zeile ${r.line} hat im Gesamtplan keine Zeile${rollup?.notRolled[r.line] ? ` (${rollup.notRolled[r.line]!})` : ''}`,
      };
    const sl = schemaLine(gesamtSchema, to);
    return {
      target: {
        schema: gesamtSchema,
        plan: gesamtSchema.plan,
        line: to,
        ...(sl?.flow ? { flow: sl.flow } : {}),
      },
    };
  });
  return { ...(kr.land ? { land: kr.land } : {}), notes, resolve };
}
