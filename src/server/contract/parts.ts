/**
 * The Haushaltsplan's parts of a version (`routes/parts.ts`, built by `../parts-view.ts`): the
 * Haushaltssatzung, the Haushaltsquerschnitt, the overview of the Verpflichtungsermächtigungen, the development
 * of the Rücklagen with the tests of § 75 and § 76 GO NRW, the Stellenplan, and the Anlagen: the
 * Investitionsprogramm, the Übersicht der Verbindlichkeiten and the Zuwendungen an die Fraktionen. Each part is `importiert` (the
 * budget carries it as printed) or `abgeleitet` (derived from the plans where the law derives it); every printed
 * value names its place (file, line, page), and every value the part rules found a difference in names the
 * findings (`findings`: their keys, the findings themselves in the view's `findings`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, Obj, OneOf, amount, errors, versionParams } from './common.js';
import { keyedFinding, source } from './model.js';

const tags = ['Haushaltsplan'];
const origin = OneOf(['importiert', 'abgeleitet'] as const, {
  description: 'importiert: wie gedruckt eingelesen; abgeleitet: aus den Teil- und Gesamtplänen berechnet',
});
const where = Nullable(source);
const keys = List(Type.String(), { description: 'die Schlüssel der Befunde dieses Werts (siehe findings)' });
/** Every part names the findings of its rules (those of no single value too: a Produktbereich without a row). */
const findingKeys = List(Type.String(), {
  description: 'die Schlüssel aller Befunde der Prüfregeln dieses Teils (siehe findings)',
});

/** A printed or derived amount: cents, how it was printed, where. */
const money = Obj({
  amount,
  decimals: Type.Union([Type.Literal(0), Type.Literal(2)]),
  scale: Nullable(Type.Literal(1000)),
  source: where,
});

const satzungView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Type.Integer(),
  kind: OneOf(['gemeinde', 'kreis'] as const),
  name: Nullable(Type.String()),
  law: Type.String({
    description:
      'die Vorschrift des Landes, nach der die Satzung festsetzt (§ 78 Abs. 2 GO NRW, § 94 Abs. 2 HGO, …)',
  }),
  figures: List(
    Obj({
      id: Type.String(),
      paragraph: Type.Integer(),
      label: Type.String(),
      law: Type.String(),
      derived: Nullable(amount),
      basis: Nullable(Type.String({ description: 'woraus der abgeleitete Wert stammt (deutsch)' })),
      printed: Nullable(money),
      difference: Nullable(amount),
      findings: keys,
    }),
  ),
  hebesaetze: List(Obj({ name: Type.String(), satz: Type.String() })),
  kreisumlage: Nullable(Type.String()),
  ausgleichJahr: Nullable(Type.Integer()),
  ruecklagenBasis: Nullable(Type.String()),
  text: Type.String({ description: 'der Text der Satzung aus der Vorlage, die Beträge eingesetzt' }),
  template: OneOf(['eigene', 'muster'] as const, {
    description:
      'eigene: die Vorlage, die der Haushalt trägt; muster: data/parts/haushaltssatzung-nrw.txt (NRW) oder haushaltssatzung-laender.txt (die anderen Länder)',
  }),
});

const querschnittCell = Obj({
  column: Type.String(),
  value: Nullable(money),
  derived: Nullable(amount),
  basis: Nullable(Type.String()),
  findings: keys,
});

const querschnittView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Type.Integer(),
  signs: OneOf(['negative', 'positive'] as const, {
    description: 'wie der Druck Aufwendungen zeigt; die Beträge hier stets mit Vorzeichen',
  }),
  columns: List(
    Obj({ id: Type.String(), label: Type.String(), short: Type.String(), flow: OneOf(['in', 'out', 'net']) }),
  ),
  rows: List(
    Obj({
      code: Type.String({ description: 'die Summenzeile: leer' }),
      name: Type.String(),
      sum: Type.Boolean(),
      source: where,
      cells: List(querschnittCell),
      findings: keys,
    }),
  ),
});

const veView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Type.Integer(),
  years: List(Type.Integer(), { description: 'die gedruckten Jahre der Fälligkeit' }),
  rows: List(
    Obj({
      code: Type.String(),
      name: Type.String(),
      sum: Type.Boolean(),
      source: where,
      ve: Nullable(money),
      derived: Nullable(amount),
      faellig: List(Obj({ year: Type.Integer(), value: Nullable(money) })),
      findings: keys,
    }),
  ),
});

const figure = Obj({
  amount: Type.Integer({ description: 'Cent, bei Prozent Hundertstel Prozent' }),
  unit: OneOf(['EUR', 'TEUR', 'MioEUR', 'percent'] as const),
  decimals: Type.Integer(),
  source: where,
});
const approx = Obj({ value: Type.Number(), tolerance: Type.Number() }, { description: 'Cent ± Rundung' });
const verdict = OneOf(['ja', 'nein', 'unklar'] as const);

const ruecklagenView = Obj({
  findingKeys,
  origin,
  source: where,
  unit: OneOf(['EUR', 'TEUR', 'MioEUR', 'percent'] as const),
  years: List(Type.Integer()),
  rows: List(
    Obj({
      id: Type.String(),
      label: Type.String(),
      printedLabel: Type.String(),
      derived: Type.Boolean({ description: 'aus anderen Zeilen berechnet (Schwellenwert, Puffer, Anteil)' }),
      source: where,
      cells: List(Obj({ year: Type.Integer(), figure: Nullable(figure), findings: keys })),
    }),
  ),
  hsk: Obj({
    required: verdict,
    nr1: verdict,
    nr2: verdict,
    nr2Years: Nullable(List(Type.Integer())),
    usedUp: Nullable(Type.Integer()),
    periodStart: Nullable(Type.Integer()),
    years: List(
      Obj({
        year: Type.Integer(),
        start: figure,
        reduction: approx,
        reductionFrom: OneOf(['entnahme', 'bestand'] as const),
        share: Type.Number({ description: 'Hundertstel Prozent' }),
        quarter: verdict,
        twentieth: verdict,
        end: Nullable(figure),
      }),
    ),
  }),
  ausgleich: List(
    Obj({
      year: Type.Integer(),
      jahresergebnis: figure,
      ausgleichsruecklage: Nullable(figure),
      result: OneOf(['ausgeglichen', 'fiktiv', 'nicht', 'unklar'] as const),
      uncovered: Nullable(Type.Number()),
    }),
  ),
});

const stellenplanView = Obj({
  findingKeys,
  origin,
  source: where,
  years: List(Type.Integer()),
  rows: List(
    Obj({
      role: OneOf([
        'einheit',
        'produktbereich',
        'gesamt',
        'besoldungsgruppe',
        'entgeltgruppe',
        'summe-beamte',
        'summe-tarif',
      ] as const),
      code: Nullable(Type.String()),
      name: Type.String(),
      source: where,
      values: List(
        Obj({
          category: OneOf(['beamte', 'tarif', 'gesamt'] as const),
          year: Type.Integer(),
          value: Type.Integer({ description: 'Tausendstel einer Stelle' }),
          source: where,
          findings: keys,
        }),
      ),
    }),
  ),
  changes: Type.Integer({ description: 'Zeilen, deren Stellen sich zwischen den Jahren ändern' }),
  personalaufwand: List(
    Obj({
      code: Type.String(),
      name: Type.String(),
      year: Type.Integer(),
      amount: Type.Integer({
        description: 'Personalaufwendungen des Teilergebnisplans der Einheit (Cent, Betrag)',
      }),
      source: where,
      stellen: Type.Integer({ description: 'Tausendstel einer Stelle' }),
      perPost: Type.Integer({ description: 'Cent je Stelle' }),
    }),
    { description: 'je Zeile, deren Code eine Einheit mit Teilergebnisplan nennt' },
  ),
});

/** A printed cell with what the plans say of it (where they say it) and the findings of its rule. */
const checkedCell = Obj({
  column: Type.String({ description: 'die Spalte (ihre id im Teil)' }),
  value: Nullable(money),
  derived: Nullable(amount) /* der Betrag aus den Plänen, wo sie ihn haben */,
  basis: Nullable(Type.String({ description: 'woraus der Betrag aus den Plänen stammt (deutsch)' })),
  findings: keys,
});

const programmView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Type.Integer(),
  signs: OneOf(['negative', 'positive'] as const, {
    description:
      'wie der Druck Auszahlungen zeigt; die Beträge hier stets mit Vorzeichen (Auszahlungen negativ)',
  }),
  columns: List(
    Obj({
      id: Type.String({ description: 'bisher:2025, ansatz:2026, planung:2027, gesamt:2029' }),
      kind: OneOf(['bisher', 'ansatz', 'planung', 'gesamt'] as const),
      year: Type.Integer(),
      label: Type.String(),
    }),
  ),
  rows: List(
    Obj({
      number: Type.String({ description: 'die Nummer der Maßnahme; die Summenzeile: leer' }),
      name: Type.String(),
      unit: Nullable(Type.String({ description: 'die Einheit, deren Teilfinanzplan die Maßnahme hat' })),
      sum: Type.Boolean(),
      source: where,
      cells: List(checkedCell),
      findings: keys,
    }),
  ),
});

const verbindlichkeitenView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Type.Integer(),
  columns: List(
    Obj({
      id: OneOf(['vorjahr', 'beginn', 'ende'] as const),
      label: Type.String(),
      date: Type.String({ description: '01.01.2025, 31.12.2026' }),
    }),
  ),
  rows: List(
    Obj({
      kind: Nullable(Type.String({ description: 'die erkannte Art (data/parts/verbindlichkeiten.json)' })),
      label: Type.String(),
      sum: Type.Boolean(),
      source: where,
      cells: List(checkedCell),
    }),
  ),
  movements: List(
    Obj({
      kind: Type.String(),
      label: Type.String(),
      beginn: amount,
      aufnahme: Nullable(amount) /* Gesamtfinanzplan, Aufnahme im Haushaltsjahr (Betrag) */,
      tilgung: Nullable(amount) /* Gesamtfinanzplan, Tilgung im Haushaltsjahr (Betrag) */,
      expected: Nullable(amount) /* Stand zu Beginn + Aufnahme − Tilgung */,
      ende: amount,
      basis: Type.String(),
      findings: keys,
    }),
    {
      description:
        'je Art, deren Aufnahme und Tilgung der Gesamtfinanzplan zeigt: die Prüfung des Stands am Ende',
    },
  ),
});

const fraktionenView = Obj({
  findingKeys,
  origin,
  source: where,
  year: Nullable(Type.Integer()),
  columns: List(
    Obj({
      id: Type.String(),
      label: Type.String({ description: 'die Kopfzeile wie gedruckt' }),
      year: Nullable(Type.Integer()),
      total: Type.Boolean({ description: 'summiert die anderen Spalten ihres Jahres' }),
    }),
  ),
  rows: List(
    Obj({
      name: Type.String(),
      sum: Type.Boolean(),
      source: where,
      cells: List(checkedCell),
    }),
  ),
});

export const partsView = Obj({
  versionId: Type.Integer(),
  versionRevision: Type.Integer(),
  year: Nullable(Type.Integer()),
  haushalt: Nullable(
    Type.String({ description: 'die Einheit des ganzen Haushalts (Gesamtpläne), falls es sie gibt' }),
  ),
  satzung: Nullable(satzungView),
  querschnitt: Nullable(querschnittView),
  ve: Nullable(veView),
  ruecklagen: Nullable(ruecklagenView),
  stellenplan: Nullable(stellenplanView),
  investitionsprogramm: Nullable(programmView),
  verbindlichkeiten: Nullable(verbindlichkeitenView),
  fraktionen: Nullable(fraktionenView),
  findings: List(keyedFinding, { description: 'die offenen Befunde der Regeln der Teile' }),
});
export type PartsView = Static<typeof partsView>;

export const partsContract = {
  'GET /api/versions/:v/parts': {
    summary:
      'Die Teile des Haushaltsplans: Haushaltssatzung, Haushaltsquerschnitt, VE-Übersicht, Rücklagen, Stellenplan, ' +
      'Investitionsprogramm, Verbindlichkeiten, Zuwendungen an die Fraktionen',
    description:
      'Jeder Teil importiert (wie gedruckt, mit Fundstelle) oder aus den Plänen abgeleitet; mit den Befunden ihrer Prüfregeln. ' +
      'Nur wer die ganze Fassung lesen darf (die Teile betreffen den ganzen Haushalt).',
    tags,
    params: versionParams,
    response: { 200: partsView, ...errors },
  },
} as const;
