/**
 * The words of long-format budget tables (one amount per row, offenerhaushalt.de, OpenSpending): what a column
 * header says a column holds, and what the values of a kind column (Plan, Ist, …) and a direction column
 * (Ertrag, Aufwand, …) mean. German and English names as the published sets use them. Headers and values are
 * compared normalised: lower case, umlauts folded, every run of other characters one space.
 */

/** Lower case, umlauts folded, every run of characters other than letters and digits one space. */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/gu, 'ae')
    .replace(/ö/gu, 'oe')
    .replace(/ü/gu, 'ue')
    .replace(/ß/gu, 'ss')
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

/** The same without spaces ("Produktbereich Nr." → "produktbereichnr"). */
export function compactHeader(text: string): string {
  return normalizeHeader(text).replace(/ /gu, '');
}

/** The column holding the amount. */
export const AMOUNT_HEADER =
  /^(?:betrag|betraege|amount|wert|werte|value|summe|eur|euro)(?: (?:in|eur|euro|tsd))*$/u;

/** The column holding the (fiscal) year. */
export const YEAR_HEADER =
  /^(?:jahr|haushaltsjahr|year|time year|fiscal year|geschaeftsjahr|wirtschaftsjahr|rechnungsjahr|planjahr|hhj|hj)$/u;

/**
 * An amount column named by the kind of its amounts ("Ansatz", "Ist"), beside a year column: every amount of
 * the column is of that kind.
 */
export const KIND_AMOUNT_HEADER =
  /^(?:ansatz|haushaltsansatz|ist|ergebnis|rechnungsergebnis|plan|planwert|planung|soll)(?: (?:in|eur|euro))*$/u;

/** Headers a kind column (Plan/Ist) goes by; its values decide. */
export const KIND_HEADER =
  /^(?:plan ist|betrag typ|betragstyp|betragsart|wertart|werttyp|art|typ|type|category|kategorie|phase|haushalt|stand|value kind|kind|version|status|expenditure type)$/u;

/** Headers a direction column (Ertrag/Aufwand) goes by; its values decide. */
export const DIRECTION_HEADER =
  /^(?:budget richtung|richtung|direction|typ|type|art|art label|ertrag aufwand|ertraege aufwendungen|einnahme ausgabe|einnahmen ausgaben|e a)$/u;

/** A line number column ("Zeile": 01 … 31, or "01 - Steuern und ähnliche Abgaben"). */
export const LINE_NUMBER_HEADER =
  /^(?:zeile|zeilennr|zeilennummer|zeilen nr|planzeile|teilplanzeile|ergebnisplanzeile|line|line number|nr|position nr)$/u;

/** A line label column (the plan line's name, matched against the line schemas). */
export const LINE_LABEL_HEADER =
  /^(?:gruppierung|gruppierung bezeichnung|titel|position|positionsbezeichnung|ertrags und aufwandsart|ertrags und aufwandsarten|ertragsart|aufwandsart|zeilenbezeichnung|bezeichnung der zeile|line label|planposition|ergebnisplanposition)$/u;

/**
 * An account column: Sachkonto, Konto, … Kontenklasse (the most specific one present is used); also the account
 * column of a wide account export read without a profile (`../accounts/infer.ts`).
 */
export const ACCOUNT_HEADER =
  /^(?:konto|kontonummer|kontonr|konto nr|sachkonto|sachkontonummer|sk|account|kostenart|kostenartennummer|kostenartnummer|kostenart nr|kontenart|kontennummer|kontengruppe|kontengruppe nummer|kg|kontenklasse|kk)$/u;

/** Levels of the product hierarchy as headers name them (compact form, without spaces). */
export const LEVEL_HEADERS: readonly {
  readonly level: 'produktbereich' | 'produktgruppe' | 'produkt' | 'unterprodukt';
  readonly pattern: RegExp;
}[] = [
  {
    level: 'produktbereich',
    pattern:
      /^(?:produktbereich|produktbereichs|pb)(?:nr|nummer|code|id|schluessel|name|bezeichnung|bez|label|titel|text)?$/u,
  },
  {
    level: 'produktgruppe',
    pattern:
      /^(?:produktgruppe|produktgruppen|pg|teilplan)(?:nr|nummer|code|id|schluessel|name|bezeichnung|bez|label|titel|text)?$/u,
  },
  {
    level: 'produkt',
    pattern:
      /^(?:produkt|produkte|prctr|profitcenter|profitcenternr|profitcenternummer|kostentraeger)(?:nr|nummer|code|id|schluessel|name|bezeichnung|bez|label|titel|text|beschreibung)?$/u,
  },
  {
    level: 'unterprodukt',
    pattern: /^(?:unterprodukt|up|leistung)(?:nr|nummer|code|id|name|bezeichnung|bez|label|titel|text)?$/u,
  },
];

/** A header suffix that says the column holds names, not codes. */
export const NAME_SUFFIX = /(?:name|bezeichnung|bez|label|titel|text|beschreibung)$/u;

/**
 * What an amount of a row is. `plan`: a plan figure that is an Ansatz in the budget years and a Planung after
 * them; `derived`: a difference or comparison of other rows, never placed.
 */
export type KindClass = 'ergebnis' | 'ansatz' | 'plan' | 'planung' | 've' | 'derived';

const KIND_WORDS: readonly [RegExp, KindClass][] = [
  [
    /^(?:ist|ergebnis|ergebnisse|rechnungsergebnis|jahresabschluss|abschluss|actual|actuals|executed|rechnung|ist wert|istwert|ergebnis ist)$/u,
    'ergebnis',
  ],
  [
    /^(?:ansatz|ansaetze|haushaltsansatz|fortgeschriebener ansatz|ansatz fortgeschrieben|soll|haushaltssoll|approved|adjusted|budget)$/u,
    'ansatz',
  ],
  [/^(?:plan|planwert|plan wert|planwerte|entwurf|haushaltsentwurf|proposed|planned|plan ansatz)$/u, 'plan'],
  [
    /^(?:planung|planungen|mifi|mittelfristige finanzplanung|finanzplanung|fp|mfp|planungsjahr|forecast|prognose)$/u,
    'planung',
  ],
  [/^(?:ve|verpflichtungsermaechtigung|verpflichtungsermaechtigungen)$/u, 've'],
  [
    /^(?:diff|differenz|differenzen|abweichung|abweichungen|veraenderung|veraenderungen|delta|change|vergleich|diff vorjahr)$/u,
    'derived',
  ],
];

/** The kind of a value of a kind column, undefined when it is not one of the known words. */
export function kindOf(value: string): KindClass | undefined {
  const n = normalizeHeader(value);
  for (const [re, kind] of KIND_WORDS) if (re.test(n)) return kind;
  return undefined;
}

/** `in`: Ertrag (income), `out`: Aufwand (expense). */
export type Direction = 'in' | 'out';

const DIRECTION_WORDS: readonly [RegExp, Direction][] = [
  [/^(?:ertrag|ertraege|einnahme|einnahmen|erloes|erloese|revenue|revenues|income|e)$/u, 'in'],
  [
    /^(?:aufwand|aufwaende|aufwendung|aufwendungen|ausgabe|ausgaben|kosten|expenditure|expenditures|expense|expenses|a)$/u,
    'out',
  ],
];

/** The direction a value of a direction column names, undefined when it is not one of the known words. */
export function directionOf(value: string): Direction | undefined {
  const n = normalizeHeader(value);
  for (const [re, d] of DIRECTION_WORDS) if (re.test(n)) return d;
  return undefined;
}

/** Values that mean "no amount here" (pandas' `nan`, SQL's `NULL`, Excel's `#NV`). */
const MISSING = new Set(['', 'nan', 'null', 'none', 'na', 'n/a', '#nv', '#n/a', 'nil']);

export function isMissing(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase());
}

/** A row label that marks a total of the file itself ("Summe", "Gesamt"): not a node, a derived row. */
export const TOTAL_LABEL = /^(?:summe|gesamt|gesamtsumme|insgesamt|total|summe gesamt|gesamtergebnis)$/u;
