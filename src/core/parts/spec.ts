/**
 * The parts' forms as data (`data/parts/*.json`, each naming its legal source): the columns of the
 * Haushaltsquerschnitt (§ 1 Abs. 2 Nr. 3 KomHVO NRW) and the figures of the Haushaltssatzung (§ 78 Abs. 2 GO
 * NRW, the Muster of the VV Muster zur GO NRW und KomHVO NRW) with the plan lines each is derived from, and the
 * wording for a Gemeinde and a Kreis. Loaded and checked once; a line that no schema knows is a defect of the
 * data. The Satzung's figures in the other Länder's Gesamtpläne (and NKF 2008's) are named line by line in
 * `data/parts/satzung-laender.json`: `satzungLines` gives a figure's lines for whichever Gesamtplan schema a
 * budget prints or rolls its Teilpläne onto. Pure.
 */
import querschnittData from '../../../data/parts/nrw-querschnitt.json' with { type: 'json' };
import satzungData from '../../../data/parts/nrw-satzung.json' with { type: 'json' };
import satzungLaenderData from '../../../data/parts/satzung-laender.json' with { type: 'json' };
import type { ColumnKind, PlanType } from '../model.js';
import { schemaById } from '../schema.js';

export type Flow = 'in' | 'out' | 'net';

/** A column of the Haushaltsquerschnitt: the Teilplan lines it sums per row and the Gesamtplan lines of its sum. */
export interface QuerschnittColumnSpec {
  readonly id: string;
  readonly label: string;
  /** The heading where space is narrow (the book); also an alias. */
  readonly short: string;
  readonly aliases: readonly string[];
  readonly plan: 'teilergebnisplan' | 'teilfinanzplan';
  readonly lines: readonly string[];
  readonly gesamt: readonly string[];
  readonly flow: Flow;
  /** The plan column its amounts come from: the Ansatz of the year, or the year's VE column. */
  readonly kind: Extract<ColumnKind, 'ansatz' | 've'>;
  /** The column equals the sum of these columns of its row. */
  readonly formula?: readonly string[];
}

export interface QuerschnittSpec {
  readonly id: string;
  readonly land: string;
  readonly title: string;
  readonly source: string;
  /** The line schemas whose line numbers the columns name: plans of other schemas give no amounts. */
  readonly schemas: readonly string[];
  readonly columns: readonly QuerschnittColumnSpec[];
}

/** A figure of the Haushaltssatzung: from the Gesamtplan (`plan`, `lines`), derived otherwise, or given. */
export interface SatzungFigureSpec {
  readonly id: string;
  /** The § of the Muster's Satzung the figure stands in. */
  readonly paragraph: number;
  readonly label: string;
  readonly aliases: readonly string[];
  readonly plan?: 'gesamtergebnisplan' | 'gesamtfinanzplan';
  readonly lines?: readonly string[];
  readonly column?: Extract<ColumnKind, 'ansatz' | 've'>;
  /** How a figure not in the plans is derived (German). */
  readonly derived?: string;
  /** Given by the treasurer: in no plan. */
  readonly input?: boolean;
  readonly law: string;
}

export interface SatzungWording {
  readonly vertretung: string;
  readonly koerperschaft: string;
  readonly abgaben: string;
  readonly law: string;
}

export interface SatzungSpec {
  readonly id: string;
  readonly land: string;
  readonly source: string;
  /** The line schemas whose line numbers the figures name. */
  readonly schemas: readonly string[];
  readonly figures: readonly SatzungFigureSpec[];
  readonly jahresergebnis: { readonly plan: PlanType; readonly lines: readonly string[] };
  readonly wording: { readonly gemeinde: SatzungWording; readonly kreis: SatzungWording };
}

const LINE = /^\d{2}$/u;

function checked<T extends { readonly id: string }>(
  what: string,
  items: readonly T[],
  lines: (t: T) => readonly string[],
): readonly T[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Error(`${what}: ${item.id} twice`);
    ids.add(item.id);
    for (const l of lines(item)) if (!LINE.test(l)) throw new Error(`${what} ${item.id}: bad line ${l}`);
  }
  return items;
}

export const QUERSCHNITT: QuerschnittSpec = Object.freeze({
  ...(querschnittData as QuerschnittSpec),
  columns: checked('querschnitt', (querschnittData as QuerschnittSpec).columns, (c) => [
    ...c.lines,
    ...c.gesamt,
  ]),
});

export const SATZUNG: SatzungSpec = Object.freeze({
  ...(satzungData as SatzungSpec),
  figures: checked('satzung', (satzungData as SatzungSpec).figures, (f) => f.lines ?? []),
});

export function querschnittColumn(id: string): QuerschnittColumnSpec | undefined {
  return QUERSCHNITT.columns.find((c) => c.id === id);
}

export function satzungFigure(id: string): SatzungFigureSpec | undefined {
  return SATZUNG.figures.find((f) => f.id === id);
}

/** The line schemas the forms name lines of (a plan of another schema, Köln 2008 or another Land, is not summed). */
export const PART_SCHEMAS: ReadonlySet<string> = new Set([...QUERSCHNITT.schemas, ...SATZUNG.schemas]);

/** `jahresergebnis` or a figure id of the Satzung: the lines of a Gesamtplan schema it sums. */
type LinesOf = Readonly<Record<string, readonly string[]>>;

/** `data/parts/satzung-laender.json`: per Gesamtplan schema the figures' lines; per Land its law. */
const LAENDER_DATA = satzungLaenderData as {
  readonly lines: Readonly<Record<string, LinesOf>>;
  readonly laws: Readonly<Record<string, string>>;
};

/** Per Gesamtplan schema of another Land (or NKF 2008), the Satzung's figures' lines; checked against the schemas. */
const LAENDER: ReadonlyMap<string, LinesOf> = (() => {
  const ids = new Set([...SATZUNG.figures.map((f) => f.id), 'jahresergebnis']);
  const map = new Map<string, LinesOf>();
  for (const [schemaId, figures] of Object.entries(LAENDER_DATA.lines)) {
    // a schema the registry does not carry (an installation without that Land) names no lines; every id of
    // the file is a schema of the repository's registry (satzung-laender.test.ts)
    const schema = schemaById(schemaId);
    if (!schema) continue;
    for (const [id, lines] of Object.entries(figures)) {
      const figure = SATZUNG.figures.find((f) => f.id === id);
      if (!ids.has(id)) throw new Error(`satzung-laender ${schemaId}: unknown figure ${id}`);
      const plan = id === 'jahresergebnis' ? SATZUNG.jahresergebnis.plan : figure?.plan;
      if (plan !== schema.plan) throw new Error(`satzung-laender ${schemaId}: ${id} belongs to the ${plan}`);
      for (const l of lines)
        if (!schema.lines.some((x) => x.line === l))
          throw new Error(`satzung-laender ${schemaId} ${id}: no line ${l}`);
    }
    map.set(schemaId, Object.freeze(figures));
  }
  return map;
})();

/**
 * The lines of a Gesamtplan schema that a figure of the Satzung (or `jahresergebnis`, the Jahresergebnis)
 * sums: the NRW form's own for the NRW 2019 schemas, else the other Land's as named in
 * `satzung-laender.json`; undefined where that Land's plan has no line for it.
 */
export function satzungLines(id: string, schemaId: string): readonly string[] | undefined {
  if (SATZUNG.schemas.includes(schemaId))
    return id === 'jahresergebnis'
      ? SATZUNG.jahresergebnis.lines.slice(0, 1)
      : SATZUNG.figures.find((f) => f.id === id)?.lines;
  return LAENDER.get(schemaId)?.[id];
}

/** The Gesamtplan schemas `satzung-laender.json` names lines of, as the file has them. */
export const SATZUNG_LAENDER_SCHEMAS: readonly string[] = Object.keys(LAENDER_DATA.lines);

/** The law that sets the Satzung's Gesamtbeträge in a Land ("§ 94 Abs. 2 HGO"), if named. */
export function satzungLaw(land: string): string | undefined {
  return LAENDER_DATA.laws[land];
}

/** The Land of a Gesamtplan schema ("NW", "HE", …), as its schema says. */
export function landOfSchema(schemaId: string): string | undefined {
  return schemaById(schemaId)?.land;
}
