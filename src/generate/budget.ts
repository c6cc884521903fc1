/**
 * The numbers of a synthetic budget, before anything is printed: the hierarchy (Produktbereiche →
 * Produktgruppen → Produkte) and, per node, the Teilergebnisplan and Teilfinanzplan in integer cents with the
 * investment measures behind the Finanzplan's investment lines. Products are drawn with a seeded generator;
 * totals follow the line schemas' formulas and every parent is the sum of its children, both exactly in
 * cents. Planning follows the reference document: Personalaufwendungen +1 % a year, Abschreibungen falling,
 * the Sonderposten part of the Zuwendungen (not cash) falling slowly, everything else flat.
 */
import type { Cents } from '../core/money.js';
import { schemaById, type LineSchema } from '../core/schema.js';
import { Random } from './random.js';
import { AREAS, INVESTMENT_OBJECTS, PRODUCT_QUALIFIERS, ROMAN, SITES } from './words.js';

export type GeneratedLevel = 'produktbereich' | 'produktgruppe' | 'produkt';

/** Amounts of one plan line per column, in cents. */
export type Amounts = readonly Cents[];

/** Teilergebnisplan columns: Ergebnis Y-2, Ansatz Y-1, Ansatz Y, Planung Y+1..Y+3. */
export const TE_COLUMNS = 6;
/** Teilfinanzplan and investment columns: Ergebnis Y-2, Ansatz Y-1, Ansatz Y, VE, Planung Y+1..Y+3. */
export const TF_COLUMNS = 7;
/** Measures whose Gesamtausgabe reaches this (100.000 € incl. VAT, as in the reference) are listed "OBERHALB". */
export const INVESTMENT_THRESHOLD: Cents = 10_000_000;

export interface GeneratedMeasure {
  /** The measure number, e.g. `030126BAU` (area, running number, year, tag). */
  readonly number: string;
  readonly name: string;
  /** The Teilfinanzplan line it is paid from (24-29). */
  readonly line: string;
  /** Per Teilfinanzplan column (with VE). */
  readonly cells: Amounts;
  /** "Bisher planmäßig bereitgestellt bis Y-1". */
  readonly bisher: Cents;
  /** "Planmäßige Gesamtausgabe bis Y+3" = bisher + Ansatz Y + Planung Y+1..Y+3. */
  readonly gesamt: Cents;
}

export interface GeneratedNode {
  readonly code: string;
  readonly level: GeneratedLevel;
  readonly name: string;
  readonly parent?: string;
  readonly children: readonly GeneratedNode[];
  /** Line ("01".."31") → amounts per Teilergebnisplan column. Every schema line is present. */
  readonly teilergebnisplan: ReadonlyMap<string, Amounts>;
  /** Line ("01".."32") → amounts per Teilfinanzplan column. Every schema line is present. */
  readonly teilfinanzplan: ReadonlyMap<string, Amounts>;
  /** The part of Teilergebnisplan line 02 that is the release of Sonderposten (no cash). */
  readonly sonderposten: Amounts;
  /** Investment measures of this node and everything below it. */
  readonly measures: readonly GeneratedMeasure[];
}

export interface GeneratedBudget {
  readonly year: number;
  readonly areas: readonly GeneratedNode[];
}

export interface BudgetOptions {
  readonly products: number;
  readonly seed: number;
  readonly year?: number;
}

export const TEILERGEBNISPLAN: LineSchema = schemaById('nrw-2019-teilergebnisplan')!;
export const TEILFINANZPLAN: LineSchema = schemaById('nrw-2019-teilfinanzplan')!;

/** `cents × basisPoints / 10 000`, rounded half away from zero, in integer arithmetic. */
export function share(cents: Cents, basisPoints: number): Cents {
  const r = Math.floor((Math.abs(cents) * basisPoints + 5_000) / 10_000);
  return cents < 0 ? -r : r;
}

/** Every node of the budget in print order: a Produktbereich, then each group followed by its products. */
export function allNodes(budget: GeneratedBudget): GeneratedNode[] {
  const out: GeneratedNode[] = [];
  const visit = (n: GeneratedNode): void => {
    out.push(n);
    n.children.forEach(visit);
  };
  budget.areas.forEach(visit);
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const zeros = (width: number): Cents[] => Array<Cents>(width).fill(0);

function add(a: Amounts, b: Amounts): Cents[] {
  return a.map((x, i) => x + b[i]!);
}

/** Fills in every schema line (zero where nothing was drawn) and computes the totals by the formulas. */
function complete(drawn: Map<string, Amounts>, schema: LineSchema, width: number): Map<string, Amounts> {
  const table = new Map<string, Amounts>();
  for (const l of schema.lines) {
    if (!l.sum) {
      table.set(l.line, drawn.get(l.line) ?? zeros(width));
      continue;
    }
    const total = zeros(width);
    for (const term of l.sum) {
      const part = table.get(term.replace(/^-/u, ''))!;
      const sign = term.startsWith('-') ? -1 : 1;
      for (let i = 0; i < width; i++) total[i]! += sign * part[i]!;
    }
    table.set(l.line, total);
  }
  return table;
}

function sumTables(tables: readonly ReadonlyMap<string, Amounts>[], width: number): Map<string, Amounts> {
  const out = new Map<string, Amounts>();
  for (const t of tables) for (const [line, v] of t) out.set(line, add(out.get(line) ?? zeros(width), v));
  return out;
}

/** Draws the amounts of one product. */
class ProductDraw {
  readonly te = new Map<string, Amounts>();
  readonly tf = new Map<string, Amounts>();
  sonderposten: Amounts = zeros(TE_COLUMNS);
  readonly measures: GeneratedMeasure[] = [];

  constructor(private readonly rnd: Random) {}

  /** Whole euros from `lo` to `hi` plus random cents. */
  cents(lo: number, hi: number): Cents {
    return this.rnd.int(lo, hi) * 100 + this.rnd.int(0, 99);
  }

  /** A share of `base` between `lo` and `hi` basis points. */
  part(base: Cents, lo: number, hi: number): Cents {
    return share(base, this.rnd.int(lo, hi));
  }

  /** Ergebnis, Ansatz Y-1, Ansatz Y and the planning years of a line with this Ansatz. */
  series(ansatz: Cents, planning: 'flat' | 'personal' | 'declining'): Cents[] {
    const r = this.rnd;
    const ergebnis = r.chance(0.05) ? 0 : this.part(ansatz, 8_000, 11_500);
    const previous = r.chance(0.35) ? ansatz : this.part(ansatz, 8_800, 10_800);
    const years: Cents[] = [];
    let last = ansatz;
    for (let i = 0; i < 3; i++) {
      if (planning === 'personal') last = share(last, 10_100);
      else if (planning === 'declining') last = this.part(last, 8_800, 10_100);
      years.push(last);
    }
    return [ergebnis, previous, ansatz, ...years];
  }

  draw(): void {
    const r = this.rnd;
    const tier = r.pick([
      [30_000, 150_000],
      [150_000, 800_000],
      [150_000, 800_000],
      [800_000, 3_000_000],
    ] as const);
    const personal = this.cents(tier[0], tier[1]);
    const te = this.te;
    const line = (l: string, ansatz: Cents, planning: 'flat' | 'personal' | 'declining' = 'flat'): void => {
      te.set(l, this.series(ansatz, planning));
    };
    if (r.chance(0.03)) line('01', this.part(personal, 5_000, 40_000));
    const grant = r.chance(0.7) ? this.series(this.part(personal, 1_000, 12_000), 'flat') : zeros(TE_COLUMNS);
    if (r.chance(0.35)) line('04', this.part(personal, 200, 5_000));
    if (r.chance(0.15)) line('05', this.part(personal, 100, 2_000));
    if (r.chance(0.35)) line('06', this.part(personal, 200, 4_000));
    if (r.chance(0.2)) line('07', this.part(personal, 50, 1_000));
    else if (r.chance(0.1)) te.set('07', [this.part(personal, 50, 1_500), 0, 0, 0, 0, 0]);
    line('11', -personal, 'personal');
    if (r.chance(0.15)) line('12', -this.part(personal, 500, 1_500));
    line('13', -this.part(personal, 1_000, 8_000));
    if (r.chance(0.8)) {
      line('14', -this.part(personal, 20, 500), 'declining');
      if (r.chance(0.6)) {
        // Zuwendungen for assets, released as the assets are written off
        const release = this.series(this.part(-te.get('14')![2]!, 2_000, 9_000), 'declining');
        this.sonderposten = release;
      }
    }
    if (r.chance(0.5)) line('15', -this.part(personal, 1_000, 15_000));
    line('16', -this.part(personal, 300, 1_200));
    if (r.chance(0.05)) line('19', this.part(personal, 10, 300));
    if (r.chance(0.05)) line('20', -this.part(personal, 10, 300));
    if (r.chance(0.1)) line('27', this.part(personal, 100, 2_000));
    if (r.chance(0.25)) line('28', -this.part(personal, 100, 3_000));
    if (grant.some((x) => x !== 0) || this.sonderposten.some((x) => x !== 0)) {
      te.set('02', add(grant, this.sonderposten));
    }

    // Teilfinanzplan: the cash lines of the Ergebnisplan (no Abschreibungen, no Sonderposten, no internal
    // Leistungsbeziehungen); Ansatz and Planung as planned, the Ergebnis as actually paid.
    const cash = (from: Amounts): Cents[] => [
      this.part(from[0]!, 9_500, 10_100),
      from[1]!,
      from[2]!,
      0,
      from[3]!,
      from[4]!,
      from[5]!,
    ];
    const mapping: readonly (readonly [string, string])[] = [
      ['01', '01'],
      ['03', '03'],
      ['04', '04'],
      ['05', '05'],
      ['06', '06'],
      ['07', '07'],
      ['19', '08'],
      ['11', '10'],
      ['12', '11'],
      ['13', '12'],
      ['20', '13'],
      ['15', '14'],
      ['16', '15'],
    ];
    if (grant.some((x) => x !== 0)) this.tf.set('02', cash(grant));
    for (const [from, to] of mapping) {
      const v = te.get(from);
      if (v) this.tf.set(to, cash(v));
    }
  }

  drawMeasures(areaCode: string, nextNumber: () => number, yearTag: string): void {
    const r = this.rnd;
    const count = r.chance(0.35) ? r.int(1, 3) : 0;
    for (let m = 0; m < count; m++) {
      const line = r.pick(['24', '25', '25', '26', '26', '26', '28', '29']);
      const big = r.chance(0.35);
      const ansatz = -(big ? this.cents(100_000, 3_000_000) : this.cents(1_000, 95_000));
      const finished = !big && r.chance(0.15); // paid in the previous year, nothing left for this one
      const cells: Cents[] = [
        r.chance(0.3) ? this.part(ansatz, 500, 5_000) : 0,
        finished || r.chance(0.5) ? this.part(ansatz, 2_000, 10_000) : 0,
        finished ? 0 : ansatz,
        0,
        big
          ? this.part(ansatz, 3_000, 10_000)
          : !finished && r.chance(0.2)
            ? this.part(ansatz, 1_000, 5_000)
            : 0,
        big && r.chance(0.5) ? this.part(ansatz, 1_000, 6_000) : 0,
        big && r.chance(0.25) ? this.part(ansatz, 1_000, 4_000) : 0,
      ];
      if (big && r.chance(0.6)) cells[3] = this.part(cells[4]!, 5_000, 10_000);
      const earlier = cells[0] !== 0 ? this.part(cells[0]!, 10_000, 12_000) : 0;
      const bisher = cells[1]! + earlier;
      const gesamt = bisher + cells[2]! + cells[4]! + cells[5]! + cells[6]!;
      // short names, as investment tables print them ("Ausstattung/Geräte MINT-Werkstatt")
      const [object, tag] = r.pick(INVESTMENT_OBJECTS[line]!);
      const name = `${object} ${r.pick(SITES)}`;
      this.measures.push({
        number: `${areaCode}${pad(nextNumber())}${yearTag}${tag}`,
        name,
        line,
        cells,
        bisher,
        gesamt,
      });
      this.tf.set(line, add(this.tf.get(line) ?? zeros(TF_COLUMNS), cells));
      if (r.chance(0.3)) {
        // Zuwendungen für Investitionsmaßnahmen (positive), no VE
        const grant = cells.map((c, i) => (i === 3 ? 0 : -this.part(c, 3_000, 8_000)));
        this.tf.set('18', add(this.tf.get('18') ?? zeros(TF_COLUMNS), grant));
      }
    }
  }
}

function node(
  code: string,
  level: GeneratedLevel,
  name: string,
  parent: string | undefined,
  children: readonly GeneratedNode[],
  te: ReadonlyMap<string, Amounts>,
  tf: ReadonlyMap<string, Amounts>,
  sonderposten: Amounts,
  measures: readonly GeneratedMeasure[],
): GeneratedNode {
  return {
    code,
    level,
    name,
    ...(parent !== undefined ? { parent } : {}),
    children,
    teilergebnisplan: te,
    teilfinanzplan: tf,
    sonderposten,
    measures,
  };
}

/** Draws a budget with `products` Produkte. */
export function drawBudget(options: BudgetOptions): GeneratedBudget {
  const { products, seed } = options;
  const year = options.year ?? 2026;
  if (!Number.isSafeInteger(products) || products < 1) {
    throw new RangeError(`products must be a positive whole number, got ${products}`);
  }
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9000) {
    throw new RangeError(`year must be a year such as 2026, got ${year}`);
  }
  const rnd = new Random(seed);
  const yearTag = String(year % 100).padStart(2, '0');
  const areas: GeneratedNode[] = [];
  let remaining = products;
  for (let a = 0; remaining > 0; a++) {
    const template = AREAS[a % AREAS.length]!;
    const round = Math.floor(a / AREAS.length);
    const areaCode = pad(a + 1);
    const areaName = round === 0 ? template.name : `${template.name} ${ROMAN[round] ?? String(round + 1)}`;
    const groupNames = rnd.some(template.groups, rnd.int(1, Math.min(5, template.groups.length)));
    let measureNumber = 0;
    const groups: GeneratedNode[] = [];
    for (let g = 0; g < groupNames.length && remaining > 0; g++) {
      const groupCode = `${areaCode}.${pad(g + 1)}`;
      const groupName = groupNames[g]!;
      const count = Math.min(remaining, rnd.int(1, 6));
      remaining -= count;
      const qualifiers = rnd.some(PRODUCT_QUALIFIERS, count);
      const productNodes: GeneratedNode[] = [];
      for (let p = 0; p < count; p++) {
        const code = `${groupCode}.${pad(p + 1)}`;
        const name = count === 1 ? groupName : `${qualifiers[p]!} ${groupName}`;
        const d = new ProductDraw(rnd);
        d.draw();
        d.drawMeasures(areaCode, () => ++measureNumber, yearTag);
        productNodes.push(
          node(
            code,
            'produkt',
            name,
            groupCode,
            [],
            complete(d.te, TEILERGEBNISPLAN, TE_COLUMNS),
            complete(d.tf, TEILFINANZPLAN, TF_COLUMNS),
            d.sonderposten,
            d.measures,
          ),
        );
      }
      groups.push(parentOf(groupCode, 'produktgruppe', groupName, areaCode, productNodes));
    }
    areas.push(parentOf(areaCode, 'produktbereich', areaName, undefined, groups));
  }
  return { year, areas };
}

function parentOf(
  code: string,
  level: GeneratedLevel,
  name: string,
  parent: string | undefined,
  children: readonly GeneratedNode[],
): GeneratedNode {
  return node(
    code,
    level,
    name,
    parent,
    children,
    sumTables(
      children.map((c) => c.teilergebnisplan),
      TE_COLUMNS,
    ),
    sumTables(
      children.map((c) => c.teilfinanzplan),
      TF_COLUMNS,
    ),
    children.reduce<Amounts>((s, c) => add(s, c.sonderposten), zeros(TE_COLUMNS)),
    children.flatMap((c) => c.measures),
  );
}
