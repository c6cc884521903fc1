/**
 * Synthetic budgets for load tests and benchmarks: a realistic hierarchy (Produktbereiche → Produktgruppen →
 * Produkte) with Teilergebnis- and Teilfinanzpläne on every level, Erläuterungen with itemised entries,
 * investment tables with threshold groups, Produktbeschreibungen and Kennzahlen, written in the text layout of
 * published plans (the reference document's). Amounts are drawn in cents from a seeded generator, totals and
 * parents are computed in cents and every cell is rounded to whole euros on its own, as printed plans are: the
 * output is internally consistent up to rounding. Same options, same bytes.
 */
import { formatGerman, roundToEuro, type Cents } from '../core/money.js';
import { schemaById, type LineSchema } from '../core/schema.js';

export interface GenerateOptions {
  readonly products: number;
  readonly seed: number;
  readonly year?: number;
  /** The running header under every section title. */
  readonly header?: string;
}

/** mulberry32: a small, fast, seeded PRNG (deterministic across platforms). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'Innere Verwaltung',
  'Sicherheit und Ordnung',
  'Schulträgeraufgaben',
  'Kultur und Wissenschaft',
  'Soziale Leistungen',
  'Kinder-, Jugend- und Familienhilfe',
  'Gesundheitsdienste',
  'Sportförderung',
  'Räumliche Planung und Entwicklung',
  'Bauen und Wohnen',
  'Ver- und Entsorgung',
  'Verkehrsflächen und -anlagen',
  'Natur- und Landschaftspflege',
  'Umweltschutz',
  'Wirtschaft und Tourismus',
  'Allgemeine Finanzwirtschaft',
];
const WORDS = [
  'Verwaltung',
  'Beratung',
  'Förderung',
  'Betrieb',
  'Planung',
  'Unterhaltung',
  'Koordination',
  'Service',
  'Aufsicht',
  'Bildung',
  'Integration',
  'Prävention',
  'Dienste',
  'Angebote',
  'Einrichtungen',
];
const ITEMS = [
  'Sachkosten',
  'Projekt',
  'Programm',
  'Veranstaltungen',
  'Fortbildung',
  'Mieten',
  'Dienstleistungen',
  'Wartung',
];

type Vector = Cents[];
/** Line → amounts per column (cents). */
type Table = Map<string, Vector>;

interface Measure {
  readonly number: string;
  readonly name: string;
  readonly line: string;
  /** Ergebnis, Ansatz Y-1, Ansatz Y, VE, Planung Y+1..Y+3. */
  readonly cells: Vector;
  readonly bisher: Cents;
}

interface GenNode {
  readonly code: string;
  readonly level: 'produktbereich' | 'produktgruppe' | 'produkt';
  readonly name: string;
  readonly children: GenNode[];
  te: Table;
  tf: Table;
  measures: Measure[];
}

const TE_COLUMNS = 6; // Ergebnis Y-2, Ansatz Y-1, Ansatz Y, Planung Y+1..Y+3
const TF_COLUMNS = 7; // with VE after Ansatz Y

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function addInto(target: Table, source: Table): void {
  for (const [line, v] of source) {
    const t = target.get(line);
    if (t) for (let i = 0; i < v.length; i++) t[i]! += v[i]!;
    else target.set(line, [...v]);
  }
}

/** Totals per the schema's formulas, in cents. */
function completeTotals(table: Table, schema: LineSchema, width: number): void {
  for (const l of schema.lines) {
    if (!table.has(l.line)) table.set(l.line, Array<number>(width).fill(0));
  }
  for (const l of schema.lines) {
    if (!l.sum) continue;
    const v = Array<number>(width).fill(0);
    for (const term of l.sum) {
      const part = table.get(term.replace(/^-/u, ''))!;
      for (let i = 0; i < width; i++) v[i]! += term.startsWith('-') ? -part[i]! : part[i]!;
    }
    table.set(l.line, v);
  }
}

export function generateBudget(options: GenerateOptions): string {
  const rnd = prng(options.seed);
  const year = options.year ?? 2026;
  const header = options.header ?? 'Stadthaushalt';
  const te = schemaById('nrw-2019-teilergebnisplan')!;
  const tf = schemaById('nrw-2019-teilfinanzplan')!;
  const between = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const euros = (lo: number, hi: number): Cents => between(lo, hi) * 100 + between(0, 99);

  // hierarchy
  const areas: GenNode[] = [];
  let remaining = Math.max(1, options.products);
  let pb = 0;
  while (remaining > 0) {
    pb++;
    const area: GenNode = {
      code: pad(pb, 2),
      level: 'produktbereich',
      name: AREAS[(pb - 1) % AREAS.length]!,
      children: [],
      te: new Map(),
      tf: new Map(),
      measures: [],
    };
    const groups = between(1, 5);
    for (let g = 1; g <= groups && remaining > 0; g++) {
      const group: GenNode = {
        code: `${area.code}.${pad(g, 2)}`,
        level: 'produktgruppe',
        name: `${pick(WORDS)} ${pick(WORDS)}`,
        children: [],
        te: new Map(),
        tf: new Map(),
        measures: [],
      };
      const products = Math.min(remaining, between(1, 6));
      for (let p = 1; p <= products; p++) {
        group.children.push({
          code: `${group.code}.${pad(p, 2)}`,
          level: 'produkt',
          name: `${pick(WORDS)} und ${pick(WORDS)}`,
          children: [],
          te: new Map(),
          tf: new Map(),
          measures: [],
        });
      }
      remaining -= products;
      area.children.push(group);
    }
    areas.push(area);
  }

  // amounts of each product, in cents
  const grow = (base: Cents, rate: number, n: number): Cents => Math.round(base * Math.pow(1 + rate, n));
  const series = (ansatz: Cents, rate: number): Vector => [
    Math.round(ansatz * (0.85 + rnd() * 0.25)),
    Math.round(ansatz * (0.9 + rnd() * 0.15)),
    ansatz,
    grow(ansatz, rate, 1),
    grow(ansatz, rate, 2),
    grow(ansatz, rate, 3),
  ];
  const withVe = (v: Vector): Vector => [v[0]!, v[1]!, v[2]!, 0, v[3]!, v[4]!, v[5]!];
  let measureNo = 0;
  for (const area of areas) {
    for (const group of area.children) {
      for (const product of group.children) {
        const t: Table = new Map();
        t.set('02', series(euros(5_000, 900_000), 0));
        if (rnd() < 0.5) t.set('04', series(euros(1_000, 200_000), 0));
        if (rnd() < 0.4) t.set('06', series(euros(1_000, 150_000), 0));
        t.set('11', series(-euros(50_000, 2_000_000), 0.01));
        t.set('13', series(-euros(5_000, 800_000), 0));
        t.set('14', series(-euros(500, 60_000), -0.05));
        if (rnd() < 0.5) t.set('15', series(-euros(1_000, 500_000), 0));
        t.set('16', series(-euros(2_000, 150_000), 0));
        if (rnd() < 0.2) t.set('28', series(-euros(1_000, 80_000), 0));
        completeTotals(t, te, TE_COLUMNS);
        product.te = t;
        const f: Table = new Map();
        const cash = (from: string, factor: number): Vector =>
          withVe(t.get(from)!.map((x) => Math.round(x * factor)));
        f.set('02', cash('02', 0.97));
        f.set('04', cash('04', 1));
        f.set('06', cash('06', 1));
        f.set('10', cash('11', 1));
        f.set('12', cash('13', 0.98));
        f.set('14', cash('15', 1));
        f.set('15', cash('16', 1));
        // investments
        const count = rnd() < 0.45 ? between(1, 3) : 0;
        for (let m = 0; m < count; m++) {
          measureNo++;
          const line = pick(['24', '25', '26', '26', '25']);
          const big = rnd() < 0.4;
          const ansatz = -euros(big ? 100_000 : 1_000, big ? 3_000_000 : 99_000);
          const cells: Vector = [
            rnd() < 0.3 ? -euros(500, 50_000) : 0,
            rnd() < 0.5 ? Math.round(ansatz * 0.5) : 0,
            ansatz,
            big && rnd() < 0.5 ? Math.round(ansatz * 0.8) : 0,
            big ? Math.round(ansatz * 0.6) : 0,
            big && rnd() < 0.5 ? Math.round(ansatz * 0.3) : 0,
            0,
          ];
          product.measures.push({
            number: `${product.code.replace(/\./gu, '')}${pad(measureNo % 100, 2)}${pick(['A', 'B', 'S', 'M'])}`,
            name: `${pick(['Ausstattung', 'Sanierung', 'Neubau', 'Erwerb', 'Umbau'])} ${pick(WORDS)}`,
            line,
            cells,
            bisher: cells[1]! + (rnd() < 0.3 ? -euros(1_000, 200_000) : 0),
          });
          const v = f.get(line) ?? Array<number>(TF_COLUMNS).fill(0);
          f.set(
            line,
            v.map((x, i) => x + cells[i]!),
          );
          if (rnd() < 0.3) {
            const grant = cells.map((x) => -Math.round(x * 0.4));
            const g = f.get('18') ?? Array<number>(TF_COLUMNS).fill(0);
            f.set(
              '18',
              g.map((x, i) => x + grant[i]!),
            );
          }
        }
        completeTotals(f, tf, TF_COLUMNS);
        product.tf = f;
      }
      for (const product of group.children) {
        addInto(group.te, product.te);
        addInto(group.tf, product.tf);
        group.measures.push(...product.measures);
      }
    }
    for (const group of area.children) {
      addInto(area.te, group.te);
      addInto(area.tf, group.tf);
    }
  }

  // writing
  const out: string[] = [];
  const teHeader = `Nr.\tBezeichnung\tErgebnis ${year - 2}\tAnsatz ${year - 1}\tAnsatz ${year}\tPlanung ${year + 1}\tPlanung ${year + 2}\tPlanung ${year + 3}`;
  const tfHeader = `Nr.\tBezeichnung\tErgebnis ${year - 2}\tAnsatz ${year - 1}\tAnsatz ${year}\tVE\tPlanung ${year + 1}\tPlanung ${year + 2}\tPlanung ${year + 3}`;
  const levelWord = {
    produktbereich: 'Produktbereich',
    produktgruppe: 'Produktgruppe',
    produkt: 'Produkt',
  } as const;
  let sinceBreak = 0;
  let currentTitle = '';
  const title = (kind: string, node: GenNode): void => {
    currentTitle = `${kind} ${levelWord[node.level]} ${node.code} ${node.name}`;
    out.push('', currentTitle, '', header, '');
    sinceBreak = 0;
  };
  /** A text line; every ~60 lines the page ends and the section title with the running header repeats. */
  const text = (line: string): void => {
    out.push(line);
    sinceBreak++;
    if (sinceBreak >= 60 && line !== '') {
      out.push('', currentTitle, '', header, '');
      sinceBreak = 0;
    }
  };
  const printPlan = (kind: 'Teilergebnisplan' | 'Teilfinanzplan', node: GenNode): void => {
    const schema = kind === 'Teilergebnisplan' ? te : tf;
    const table = kind === 'Teilergebnisplan' ? node.te : node.tf;
    title(kind, node);
    out.push(kind === 'Teilergebnisplan' ? teHeader : tfHeader);
    for (const l of schema.lines) {
      const v = table.get(l.line)!;
      out.push(`${l.line}\t${l.label}\t${v.map((x) => formatGerman(roundToEuro(x))).join('\t')}`);
    }
  };
  const printErlaeuterungen = (node: GenNode): void => {
    out.push('', 'Erläuterungen', '', `Teilergebnisplan ${node.code}`, '');
    text(
      `Die Produktgruppe ${node.code} beinhaltet ${node.children.length} Produkt${node.children.length === 1 ? '' : 'e'}.`,
    );
    for (const line of ['02', '13', '16']) {
      const v = node.te.get(line)!;
      const ansatz = Math.abs(roundToEuro(v[2]!)) / 100;
      const previous = Math.abs(roundToEuro(v[1]!)) / 100;
      if (ansatz < 1_000) continue;
      const label = te.lines.find((l) => l.line === line)!.label;
      text('');
      text(`Zu Zeile ${line}:`);
      text('');
      text(label);
      text('');
      text(`Der Ansatz ${year} setzt sich wie folgt zusammen:`);
      text('');
      const count = between(2, 12);
      let restNow = Math.floor(ansatz * 0.9);
      let restPrev = Math.floor(previous * 0.9);
      for (let i = 0; i < count && restNow > count; i++) {
        const letter = String.fromCharCode(97 + (i % 26));
        const now = Math.max(1, Math.floor((restNow / (count - i)) * (0.5 + rnd() * 0.5)));
        restNow -= now;
        const same = rnd() < 0.4;
        const prev = same ? now : Math.min(restPrev, Math.floor(now * (0.6 + rnd() * 0.6)));
        restPrev -= prev;
        const prefix = i === Math.floor(count / 2) && rnd() < 0.3 ? '' : '- ';
        const previousText = same
          ? `(= Ansatz ${year - 1})`
          : `(Ansatz ${year - 1} = ${formatGerman(prev * 100)} €; ${pick(['Anpassung an die Ergebnisse der Vorjahre', 'höherer Bedarf', 'geringere Kosten', 'neue Aufgabe'])})`;
        text(
          `${prefix}${letter}) ${pick(ITEMS)} ${pick(WORDS)} = ${formatGerman(now * 100)} € ${previousText}`,
        );
      }
      text('');
      text(
        `Bei dem noch übrigen ${line === '02' ? 'Ertragsaufkommen' : 'Aufwandsaufkommen'} handelt es sich um ${pick(['Sachkosten', 'Geschäftsaufwendungen', 'Erträge aus der Auflösung von Sonderposten'])}.`,
      );
    }
  };
  const printInvestments = (node: GenNode): void => {
    if (node.measures.length === 0) return;
    title('Investitionen', node);
    out.push(
      `Nr. Bezeichnung\tErgebnis ${year - 2}\tAnsatz ${year - 1}\tAnsatz ${year}\tVE\tPlanung ${year + 1}\tPlanung ${year + 2}\tPlanung ${year + 3}\tBisher planmäßig bereitgestellt bis ${year - 1}\tPlanmäßige Gesamtausgabe bis einschl. ${year + 3}`,
    );
    const groups: [string, Measure[]][] = [
      [
        'OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)',
        node.measures.filter((m) => -m.cells[2]! >= 10_000_000),
      ],
      [
        'UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)',
        node.measures.filter((m) => -m.cells[2]! < 10_000_000),
      ],
    ];
    for (const [label, measures] of groups) {
      if (measures.length === 0) continue;
      out.push(`${label}${'\t'.repeat(9)}`);
      const row = (cells: Vector, bisher: Cents): string => {
        const gesamt = bisher + cells[2]! + cells[4]! + cells[5]! + cells[6]!;
        return [...cells, bisher, gesamt].map((x) => formatGerman(roundToEuro(x))).join('\t');
      };
      for (const m of measures) out.push(`${m.number} ${m.name}\t${row(m.cells, m.bisher)}`);
      for (const line of ['24', '25', '26']) {
        const of = measures.filter((m) => m.line === line);
        if (of.length === 0) continue;
        const sum = of.reduce<Vector>(
          (acc, m) => acc.map((x, i) => x + m.cells[i]!),
          Array<number>(TF_COLUMNS).fill(0),
        );
        const label2 = tf.lines.find((l) => l.line === line)!.label;
        out.push(
          `${line} ${label2}\t${row(
            sum,
            of.reduce((s, m) => s + m.bisher, 0),
          )}`,
        );
      }
    }
  };
  const printDescription = (node: GenNode, index: number): void => {
    title('Produktbeschreibung', node);
    const mandatory = rnd() < 0.5;
    text(`Pflichtaufgaben ${mandatory ? 'Ja' : 'Nein'}`);
    text('');
    text(`Freiwillige Aufgaben ${mandatory ? 'Nein' : 'Ja'}`);
    text('');
    text(`Verantwortlich Fachbereich ${node.code.slice(0, 2)} - ${pick(WORDS)}`);
    text('');
    text(`Beschreibung Das Produkt umfasst die ${pick(WORDS)} und ${pick(WORDS)} im Bereich ${node.name}.`);
    text('');
    text('Zugehörige Leistungen sind:');
    text('');
    const leistungen = between(2, 8);
    for (let i = 0; i < leistungen; i++) text(`- die ${pick(WORDS)} von ${pick(WORDS)},`);
    text('');
    text(`Auftragsgrundlage § ${between(1, 120)} GO NRW, Beschlüsse des Rates`);
    text('');
    text(
      `Zielgruppen Einwohnerinnen und Einwohner, ${pick(['Schulen', 'Vereine', 'Unternehmen', 'Träger'])}`,
    );
    text('');
    text('Ziele');
    text('');
    const goals = between(1, 5);
    for (let i = 0; i < goals; i++)
      text(`${i + 1}. ${pick(WORDS)} - ${pick(WORDS)} verbessern und ${pick(WORDS)} sichern`);
    text('');
    out.push(
      `Kennzahlen\tIst ${year - 2}\tPlanwert ${year - 1}\tPlanwert ${year}\tPlanwert ${year + 1}\tPlanwert ${year + 2}\tPlanwert ${year + 3}`,
    );
    const stellen = (between(100, 4000) / 100).toFixed(2).replace('.', ',');
    out.push(`Zahl der Stellen *)\t${Array(6).fill(stellen).join('\t')}`);
    out.push(
      `Fallzahlen ${index}\t${Array.from({ length: 6 }, () => formatGerman(between(10, 50_000) * 100)).join('\t')}`,
    );
    out.push('', 'Erläuterungen *)', '', `- Stellenanteile laut Stellenplan ${year}.`);
  };

  for (const area of areas) {
    printPlan('Teilergebnisplan', area);
    printPlan('Teilfinanzplan', area);
    for (const group of area.children) {
      printPlan('Teilergebnisplan', group);
      printErlaeuterungen(group);
      printPlan('Teilfinanzplan', group);
      printInvestments(group);
      group.children.forEach((product, i) => {
        printPlan('Teilergebnisplan', product);
        printPlan('Teilfinanzplan', product);
        printDescription(product, i + 1);
      });
    }
  }
  return `${out.join('\n')}\n`;
}
