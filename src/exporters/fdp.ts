/**
 * The budget as a Fiscal Data Package (`haushalt export --format fdp -o <dir>`; Frictionless Data, spec 0.3):
 * a directory with `datapackage.json`, the tidy CSV as resource `haushalt` (`haushalt.csv`, byte for byte
 * what `--format tidy-csv` writes, so Haushalt reads it back) and the nodes as resource `einheiten`
 * (`einheiten.csv`: number, level, name, parent and the Produktbereich/Produktgruppe/Produkt a node lies in).
 * The model has one measure, `amount` in EUR, and the dimensions that say what an amount is: `einheit`
 * (administrative classification, the product hierarchy), `zeile` (economic classification: plan and line),
 * `spalte` (the column kind: Ergebnis, Ansatz, VE, Planung, …, with its budget phase) and `jahr`. A single
 * measure with the column as a dimension keeps the tidy CSV as it is and holds any columns a budget prints
 * (double budgets, VE years); one measure per column would need a wide table per set of columns. A budget with
 * amounts printed in T€ has the tidy CSV's column `printed_in`, declared as a field of `haushalt` (the measure
 * stays in euros, factor 1). The rows of the Haushaltsplan's parts are in `haushalt` too (the tidy CSV's): the enums
 * of `plan`, `kind` and `printed_in` list the values they use, and `einheiten` holds the whole budget they stand
 * on. See docs/export.md.
 */
import { LEVELS, PLAN_TYPES, type Budget, type ColumnKind } from '../core/model.js';
import { PART_LEVEL, PART_NODE } from '../formats/part-keys.js';
import { partRows, type PartRow } from './part-rows.js';
import { hasUnitColumn, textField, toTidyCsv } from './tidy-csv.js';
import { budgetTitle, exportCode, hierarchyPaths, PATH_LEVELS } from './rows.js';

/** Fiscal Data Package budget phases of the column kinds (`bisher`, `gesamt`: sums over years, none). */
export const PHASE: Readonly<Partial<Record<ColumnKind, 'approved' | 'executed' | 'proposed'>>> = {
  ergebnis: 'executed',
  ansatz: 'approved',
  ve: 'approved',
  planung: 'proposed',
};

export const FDP_FILES = ['datapackage.json', 'haushalt.csv', 'einheiten.csv'] as const;

const EINHEITEN_HEADER = ['node', 'level', 'name', 'parent', ...PATH_LEVELS] as const;

/**
 * The nodes as CSV: one row per node, in document order (text fields formula-guarded, `formula-guard.ts`); the
 * whole budget (`gesamt`) also where it prints no Gesamtplan but has parts, whose rows stand on it.
 */
export function einheitenCsv(budget: Budget): string {
  const paths = hierarchyPaths(budget);
  const whole =
    partRows(budget).length > 0 && !budget.nodes.some((n) => n.level === PART_LEVEL)
      ? [
          [PART_NODE, PART_LEVEL, budgetTitle(budget), '', ...PATH_LEVELS.map(() => '')]
            .map(textField)
            .join(','),
        ]
      : [];
  const rows = budget.nodes.map((n) => {
    const path = paths.get(n) ?? {};
    // every field is text: codes and names formula-guarded as in haushalt.csv, so the foreign key still holds
    return [exportCode(n), n.level, n.name, n.parent ?? '', ...PATH_LEVELS.map((l) => path[l] ?? '')]
      .map(textField)
      .join(',');
  });
  return `${[EINHEITEN_HEADER.join(','), ...whole, ...rows].join('\n')}\n`;
}

/** A Data Package name: lower case letters, digits and dashes. */
export function packageName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/ä/gu, 'ae')
    .replace(/ö/gu, 'oe')
    .replace(/ü/gu, 'ue')
    .replace(/ß/gu, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return slug === '' ? 'haushalt' : slug;
}

const CSV_DIALECT = { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true };

/** A tabular data resource: a UTF-8 CSV file of this package written with `CSV_DIALECT`. */
function csvResource<S>(name: string, title: string, schema: S) {
  return {
    profile: 'tabular-data-resource',
    name,
    title,
    path: `${name}.csv`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: CSV_DIALECT,
    schema,
  };
}

const OF_LEVEL = {
  produktbereich: 'des Produktbereichs',
  produktgruppe: 'der Produktgruppe',
  produkt: 'des Produkts',
} as const;

const enumField = (name: string, values: readonly string[], description: string) => ({
  name,
  type: 'string',
  description,
  constraints: { required: true, enum: [...values] },
});

const PLAN_KINDS = ['ergebnis', 'ansatz', 've', 'planung', 'bisher', 'gesamt'];

/** The values beyond the plans' that the parts' rows give a field (docs/tidy-csv.md, "Parts"). */
function partValues(parts: readonly PartRow[], field: 'plan' | 'kind' | 'unit', known: readonly string[]) {
  return [...new Set(parts.map((r) => r[field]))].filter((v) => !known.includes(v));
}

/** The descriptor, `datapackage.json`. */
export function datapackage(budget: Budget) {
  const title = budgetTitle(budget);
  const parts = partRows(budget);
  const withParts = parts.length > 0;
  return {
    profile: 'tabular-data-package',
    name: packageName(title),
    title,
    countryCode: 'DE',
    granularity: 'aggregated',
    ...(budget.year !== undefined
      ? { fiscalPeriod: { start: `${budget.year}-01-01`, end: `${budget.year}-12-31` } }
      : {}),
    // the Land whose line schemas the plans follow (each row names its schema too, column `schema`)
    ...(budget.land !== undefined ? { land: budget.land } : {}),
    resources: [
      csvResource('haushalt', 'Beträge (Tidy-CSV: eine Zeile je gedrucktem Betrag)', {
        fields: [
          {
            name: 'node',
            type: 'string',
            description: 'Nummer der Einheit wie gedruckt; gesamt für den Haushalt',
            constraints: { required: true },
          },
          enumField('level', LEVELS, 'Ebene der Einheit'),
          enumField(
            'plan',
            [...PLAN_TYPES, 'investitionen', ...partValues(parts, 'plan', [])],
            withParts
              ? 'Plan, oder Teil des Haushaltsplans (satzung, querschnitt, ve-uebersicht, ruecklagen, stellenplan, verbindlichkeiten, fraktionen, investitionsprogramm)'
              : 'Plan',
          ),
          {
            name: 'line',
            type: 'string',
            description: withParts
              ? 'Planzeile (zweistellig); bei Investitionen Maßnahme oder Zeile; bei einem Teil seine Zeile, summe für die Summenzeile (docs/tidy-csv.md)'
              : 'Planzeile (zweistellig); bei Investitionen Maßnahme oder Zeile (docs/tidy-csv.md)',
            constraints: { required: true },
          },
          enumField(
            'kind',
            [...PLAN_KINDS, ...partValues(parts, 'kind', PLAN_KINDS)],
            withParts
              ? 'Spalte: Ergebnis, Ansatz, Verpflichtungsermächtigung, Planung, bisher bereitgestellt, Gesamtausgabe; bei einem Teil seine Spalte (z. B. ertraege, beamte, ende)'
              : 'Spalte: Ergebnis, Ansatz, Verpflichtungsermächtigung, Planung, bisher bereitgestellt, Gesamtausgabe',
          ),
          {
            name: 'year',
            type: 'year',
            description: 'Jahr der Spalte; bei VE das Jahr des Ansatzes',
            constraints: { required: true },
          },
          {
            name: 'amount',
            type: 'number',
            description: withParts
              ? 'Betrag in Euro, Vorzeichen wie gedruckt; im Stellenplan Stellen (Vollzeitäquivalente), bei Hebesätzen und der Kreisumlage Prozent (printed_in)'
              : 'Betrag in Euro, Vorzeichen wie gedruckt',
            decimalChar: '.',
            bareNumber: true,
            constraints: { required: true },
          },
          {
            name: 'schema',
            type: 'string',
            description: withParts
              ? 'Zeilenschema der Planzeile (z. B. nrw-2019-teilergebnisplan, he-2012-teilergebnisplan); leer bei Investitionen; bei einem Teil sein Formular (z. B. nrw-2019-querschnitt)'
              : 'Zeilenschema der Planzeile (z. B. nrw-2019-teilergebnisplan, he-2012-teilergebnisplan); leer bei Investitionen',
          },
          // only where some amount was printed in T€ or a part names its unit, as the tidy CSV writes the column
          ...(hasUnitColumn(budget, parts)
            ? [
                enumField(
                  'printed_in',
                  ['EUR', 'TEUR', ...partValues(parts, 'unit', ['EUR', 'TEUR'])],
                  withParts
                    ? 'Einheit, in der der Betrag gedruckt war: EUR in Euro, TEUR in Tausend Euro (auf volle Tausend gerundet); amount ist in Euro; bei den Rücklagen Einheit und Nachkommastellen des Drucks (MioEUR:1), Stellen im Stellenplan, Prozent bei Hebesätzen'
                    : 'Einheit, in der der Betrag gedruckt war: EUR in Euro, TEUR in Tausend Euro (auf volle Tausend gerundet); amount ist immer in Euro',
                ),
              ]
            : []),
        ],
        primaryKey: ['node', 'plan', 'line', 'kind', 'year'],
        foreignKeys: [{ fields: 'node', reference: { resource: 'einheiten', fields: 'node' } }],
      }),
      csvResource('einheiten', 'Einheiten: Haushalt, Produktbereiche, Produktgruppen, Produkte', {
        fields: [
          { name: 'node', type: 'string', constraints: { required: true, unique: true } },
          enumField('level', LEVELS, 'Ebene der Einheit'),
          { name: 'name', type: 'string', description: 'Bezeichnung der Einheit' },
          { name: 'parent', type: 'string', description: 'Nummer der übergeordneten Einheit' },
          ...PATH_LEVELS.map((l) => ({
            name: l,
            type: 'string',
            description: `Nummer ${OF_LEVEL[l]} der Einheit (sie selbst oder übergeordnet)`,
          })),
        ],
        primaryKey: 'node',
      }),
    ],
    model: {
      measures: {
        amount: { source: 'amount', resource: 'haushalt', currency: 'EUR', factor: 1 },
      },
      dimensions: {
        einheit: {
          dimensionType: 'classification',
          classificationType: 'administrative',
          attributes: {
            code: { source: 'node', resource: 'haushalt' },
            name: { source: 'name', resource: 'einheiten', labelfor: 'code' },
            level: { source: 'level', resource: 'haushalt' },
            produktbereich: { source: 'produktbereich', resource: 'einheiten' },
            produktgruppe: { source: 'produktgruppe', resource: 'einheiten', parent: 'produktbereich' },
            produkt: { source: 'produkt', resource: 'einheiten', parent: 'produktgruppe' },
          },
          primaryKey: 'code',
        },
        zeile: {
          dimensionType: 'classification',
          classificationType: 'economic',
          attributes: {
            plan: { source: 'plan', resource: 'haushalt' },
            line: { source: 'line', resource: 'haushalt', parent: 'plan' },
          },
          primaryKey: ['plan', 'line'],
        },
        spalte: {
          dimensionType: 'other',
          attributes: { kind: { source: 'kind', resource: 'haushalt' } },
          primaryKey: 'kind',
          phases: PHASE,
        },
        jahr: {
          dimensionType: 'datetime',
          attributes: { year: { source: 'year', resource: 'haushalt' } },
          primaryKey: 'year',
        },
      },
    },
  };
}

/** The package's files by name: descriptor and both CSV resources. */
export function toFiscalDataPackage(budget: Budget): Map<(typeof FDP_FILES)[number], string> {
  return new Map([
    ['datapackage.json', `${JSON.stringify(datapackage(budget), null, 2)}\n`],
    ['haushalt.csv', toTidyCsv(budget)],
    ['einheiten.csv', einheitenCsv(budget)],
  ]);
}
