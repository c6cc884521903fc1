/**
 * The vocabulary of the budget generator: names of Produktbereiche (NRW's statutory ones) with typical
 * Produktgruppen, and the phrases that Erläuterungen, Produktbeschreibungen and Kennzahlen are made of, in the
 * wording of published plans. Pure data; the generator picks from it with its seeded generator.
 */

/** NRW's Produktbereiche with Produktgruppen typical for each (names as cities print them). */
export const AREAS: readonly { readonly name: string; readonly groups: readonly string[] }[] = [
  {
    name: 'Innere Verwaltung',
    groups: [
      'Gremien und Ratsarbeit',
      'Personalservice',
      'Organisation und Informationstechnik',
      'Finanzservice',
      'Gebäudewirtschaft',
      'Rechnungsprüfung',
      'Rechtsangelegenheiten',
      'Zentrale Dienste',
      'Presse- und Öffentlichkeitsarbeit',
    ],
  },
  {
    name: 'Sicherheit und Ordnung',
    groups: [
      'Allgemeine Ordnungsangelegenheiten',
      'Verkehrsüberwachung',
      'Ausländerangelegenheiten',
      'Personenstandswesen',
      'Brandschutz',
      'Rettungsdienst',
      'Bevölkerungsschutz',
      'Einwohnermeldewesen',
    ],
  },
  {
    name: 'Schulträgeraufgaben',
    groups: [
      'Grundschulen',
      'Realschulen',
      'Gymnasien',
      'Gesamtschulen',
      'Förderschulen',
      'Berufskollegs',
      'Schülerbeförderung',
      'Offene Ganztagsschule',
    ],
  },
  {
    name: 'Kultur und Wissenschaft',
    groups: ['Musikschule', 'Stadtbücherei', 'Volkshochschule', 'Museen', 'Stadtarchiv', 'Kulturförderung'],
  },
  {
    name: 'Soziale Leistungen',
    groups: [
      'Grundsicherung im Alter und bei Erwerbsminderung',
      'Hilfe zum Lebensunterhalt',
      'Eingliederungshilfe',
      'Hilfe zur Pflege',
      'Wohngeld',
      'Seniorenarbeit',
      'Unterbringung von Geflüchteten',
      'Kommunales Integrationszentrum',
    ],
  },
  {
    name: 'Kinder-, Jugend- und Familienhilfe',
    groups: [
      'Kindertagesbetreuung',
      'Kindertagespflege',
      'Hilfen zur Erziehung',
      'Kinder- und Jugendarbeit',
      'Jugendsozialarbeit',
      'Allgemeiner Sozialer Dienst',
      'Unterhaltsvorschuss',
      'Frühe Hilfen',
    ],
  },
  {
    name: 'Gesundheitsdienste',
    groups: [
      'Infektionsschutz',
      'Sozialpsychiatrischer Dienst',
      'Kinder- und Jugendgesundheitsdienst',
      'Gesundheitsförderung',
      'Trinkwasserüberwachung',
    ],
  },
  { name: 'Sportförderung', groups: ['Sportstätten', 'Bäder', 'Förderung des Sports'] },
  {
    name: 'Räumliche Planung und Entwicklung, Geoinformationen',
    groups: ['Stadtplanung', 'Stadtentwicklung', 'Vermessung und Geoinformation', 'Liegenschaftskataster'],
  },
  { name: 'Bauen und Wohnen', groups: ['Bauaufsicht', 'Wohnraumförderung', 'Denkmalschutz und -pflege'] },
  {
    name: 'Ver- und Entsorgung',
    groups: ['Abfallwirtschaft', 'Abwasserbeseitigung', 'Straßenreinigung und Winterdienst'],
  },
  {
    name: 'Verkehrsflächen und -anlagen, ÖPNV',
    groups: [
      'Gemeindestraßen',
      'Brücken und Ingenieurbauwerke',
      'Straßenbeleuchtung',
      'Öffentlicher Personennahverkehr',
      'Radverkehr',
    ],
  },
  {
    name: 'Natur- und Landschaftspflege',
    groups: ['Öffentliches Grün', 'Friedhöfe', 'Gewässer', 'Spielplätze', 'Forst und Landschaftspflege'],
  },
  { name: 'Umweltschutz', groups: ['Klimaschutz', 'Immissionsschutz', 'Bodenschutz', 'Umweltberatung'] },
  {
    name: 'Wirtschaft und Tourismus',
    groups: ['Wirtschaftsförderung', 'Tourismus', 'Märkte', 'Stadtmarketing'],
  },
  {
    name: 'Allgemeine Finanzwirtschaft',
    groups: [
      'Steuern und Abgaben',
      'Allgemeine Zuweisungen und Umlagen',
      'Finanzanlagen',
      'Kreditwirtschaft',
    ],
  },
  { name: 'Stiftungen', groups: ['Rechtlich unselbständige Stiftungen', 'Stiftungsvermögen'] },
];

/** What a Produkt of a Produktgruppe is named after, before the group's name ("Förderung Musikschule"). */
export const PRODUCT_QUALIFIERS: readonly string[] = [
  'Verwaltung',
  'Betrieb',
  'Förderung',
  'Beratung',
  'Planung',
  'Projekte',
  'Leistungen',
  'Steuerung',
  'Unterhaltung',
];

export const ROMAN: readonly string[] = ['', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** Item texts per Teilergebnisplan line; `#` stands for the topic (a product's or group's name). */
export const ITEM_TEXTS: Readonly<Record<string, readonly string[]>> = {
  '02': [
    'Landeszuwendungen für #',
    'Förderung gem. Förderrichtlinie für #',
    'Zuweisungen des Bundes für #',
    'Pauschalförderung für #',
    'Zuwendungen aus dem Förderprogramm #',
    'Zuschüsse des Landschaftsverbandes für #',
  ],
  '04': ['Gebühren für #', 'Verwaltungsgebühren #', 'Benutzungsgebühren #', 'Entgelte für Genehmigungen #'],
  '06': [
    'Kostenerstattungen des Landes für #',
    'Erstattungen der Nachbarkommunen für #',
    'Erstattungen der Bundesagentur für Arbeit für #',
    'Kostenerstattungen Dritter für #',
  ],
  '13': [
    'Sachkosten #',
    'Programm "#"',
    'Projekt "#"',
    'Unterhaltung und Bewirtschaftung #',
    'Dienstleistungen Dritter für #',
    'Wartung und Pflege #',
    'Honorare für #',
    'Lehr- und Unterrichtsmaterial #',
  ],
  '15': [
    'Zuschüsse an freie Träger für #',
    'Weitergabe von Landesmitteln für #',
    'Zuschüsse an Vereine und Verbände für #',
    'Leistungen an Berechtigte für #',
  ],
  '16': [
    'Aufwendungen für Öffentlichkeitsarbeit, Bewirtung, Repräsentationen',
    'Fortbildung und Reisekosten',
    'Mieten und Pachten #',
    'Verbrauchsmaterial, Geräte und Ausstattung',
    'Mitgliedsbeiträge',
    'Versicherungen #',
    'Sachverständigen- und Gerichtskosten',
  ],
};

/** Sentences that open an Erläuterung's item list; `#` stands for the budget year. */
export const ITEM_INTROS: Readonly<Record<'in' | 'out', readonly string[]>> = {
  in: [
    'Der Ansatz # setzt sich wie folgt zusammen:',
    'Das Ertragsaufkommen für # beinhaltet',
    'Im Haushaltsansatz # sind enthalten:',
  ],
  out: [
    'Der Ansatz # setzt sich wie folgt zusammen:',
    'Die Haushaltsmittel # sind für folgende Verwendungszwecke/Projekte vorgesehen:',
    'Der Ansatz # beinhaltet Aufwendungen für folgende Zwecke:',
    'Im Haushaltsansatz # sind enthalten:',
  ],
};

/** Reasons for a changed Ansatz; `#` stands for the budget year. */
export const REASONS_HIGHER: readonly string[] = [
  'höherer Ansatz aufgrund gestiegener Fallzahlen',
  'Mehrbedarf aufgrund allgemeiner Preissteigerungen',
  'höherer Ansatz aufgrund der Ausweitung des Angebots',
  'Anpassung an die Ergebnisse der Vorjahre',
];
export const REASONS_LOWER: readonly string[] = [
  'Ansatzreduzierung aufgrund geringerer Kosten',
  'Anpassung der Ansätze aufgrund der Ergebnisse in Vorjahren',
  'Ansatzkürzung aufgrund auslaufender Förderung',
  'geringerer Bedarf nach Abschluss der Maßnahme',
];
export const REASONS_NEW: readonly string[] = [
  'neuer Ansatz ab #, der vollständig durch Fördermittel gedeckt ist',
  'Förderung beginnt im Jahr #',
  'neue Aufgabe ab #',
];

/** What the rest of a line is, after its items. */
export const CLOSING_OUT: readonly string[] = [
  'Bei dem noch übrigen Aufwandsaufkommen handelt es sich um Geschäftsaufwendungen sowie Aufwendungen für Bürobedarf, Porto und Fachliteratur.',
  'Bei dem noch übrigen Aufwandsaufkommen handelt es sich um Aufwendungen, die im Zusammenhang mit Dienstfahrzeugen anfallen.',
  'Bei dem noch übrigen Aufwandsaufkommen handelt es sich um kleinere Beschaffungen unter 800 € netto.',
  'Bei dem noch übrigen Aufwandsaufkommen handelt es sich um Aufwendungen für die Bewirtschaftung der genutzten Räume.',
];
export const CLOSING_IN: readonly string[] = [
  'Bei dem noch verbleibenden Ertragsaufkommen handelt es sich um Erträge aus der Auflösung von Sonderposten.',
];
export const CLOSING_IN_NO_SONDERPOSTEN: readonly string[] = [
  'Bei dem noch verbleibenden Ertragsaufkommen handelt es sich um kleinere Erstattungen Dritter.',
];

/** A long paragraph on Sonderposten, long enough for a page to end inside it. */
export const SONDERPOSTEN_PARAGRAPH =
  'Das noch verbleibende Ertragsaufkommen bezieht sich auf Erträge aus der Auflösung von Sonderposten. Hierbei handelt es sich um Zuwendungen für abnutzbares Anlagevermögen, die in einem Sonderposten auf der Passivseite der Bilanz einzustellen und über die Nutzungsdauer des Vermögensgegenstandes ertragswirksam aufzulösen sind.';

export const TF_SONDERPOSTEN: readonly string[] = [
  'Die Erträge aus der Auflösung von Sonderposten sind nicht zahlungswirksam. Den Ertragskonten stehen daher keine Finanzkonten gegenüber.',
  'Die Erträge aus der Auflösung von Sonderposten sind nicht zahlungswirksam. Daher stehen den Ertragskonten keine Finanzpositionen gegenüber.',
];

export const ABSCHREIBUNGEN_TEXT =
  'Hierbei handelt es sich um die bilanziellen Abschreibungen von beschafften Vermögensgegenständen. Die Belastungen hieraus werden teilweise durch die Erträge aus der Auflösung von Sonderposten (vgl. Erläuterungen zu Zeile 02 des Teilergebnisplans) kompensiert.';

/** What investment measures of a Teilfinanzplan line are called, with the tag of their number ("…MINT"). */
export const INVESTMENT_OBJECTS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  '24': [
    ['Grundstückserwerb', 'GRST'],
    ['Erwerb Gebäude', 'GEB'],
  ],
  '25': [
    ['Sanierung Gebäude', 'SAN'],
    ['Dachsanierung', 'DACH'],
    ['Erweiterung', 'ERW'],
    ['Umbau', 'UMB'],
    ['Brandschutz', 'BRS'],
  ],
  '26': [
    ['Ausstattung/Geräte', 'AUS'],
    ['Fahrzeug', 'FZG'],
    ['IT-Ausstattung', 'IT'],
    ['Büroausstattung', 'BGA'],
    ['Spielgeräte', 'SPG'],
  ],
  '27': [['Beteiligung', 'BET']],
  '28': [
    ['Investitionszuschuss', 'ZUW'],
    ['Zuschuss Träger', 'ZUT'],
  ],
  '29': [['Sonstige Investitionen', 'SONST']],
};
export const SITES: readonly string[] = [
  'Mitte',
  'Nord',
  'Süd',
  'Ost',
  'West',
  'Am Markt',
  'Bahnhof',
  'Rathaus',
  'Schulzentrum',
  'Altstadt',
];
/** Investment line rows as printed, abbreviated (data/schemas/abbreviations.json expands them). */
export const INVESTMENT_LINE_LABELS: Readonly<Record<string, string>> = {
  '24': 'Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden',
  '25': 'Auszahlungen für Baumaßnahmen',
  '26': 'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
  '27': 'Auszahlungen für den Erwerb v. Finanzanlagen',
  '28': 'Auszahlungen v. aktivierbaren Zuwendungen',
  '29': 'Sonstige Investitionsauszahlungen',
};

export const DESCRIPTION_OPENERS: readonly string[] = [
  'Das Produkt umfasst die Planung, Steuerung und Durchführung aller Aufgaben im Bereich #.',
  'Aufgabe ist der Betrieb und die Unterhaltung der Einrichtungen im Bereich #.',
  'Im Produkt # werden die gesetzlichen und freiwilligen Leistungen der Verwaltung in diesem Bereich gebündelt.',
  'Das Produkt # stellt sicher, dass die Leistungen für die Bürgerinnen und Bürger verlässlich und wirtschaftlich erbracht werden.',
];
export const DESCRIPTION_SENTENCES: readonly string[] = [
  'Dazu gehören die Beratung der Bürgerinnen und Bürger, die Bearbeitung von Anträgen und die Zusammenarbeit mit freien Trägern, Vereinen und Verbänden.',
  'Die Aufgaben werden in enger Abstimmung mit den benachbarten Kommunen, dem Kreis und dem Land wahrgenommen.',
  'Ein Schwerpunkt liegt auf der Digitalisierung der Verwaltungsleistungen nach dem Onlinezugangsgesetz.',
  'Die Leistungen orientieren sich am Bedarf vor Ort und werden regelmäßig mit den politischen Gremien abgestimmt.',
  'Fördermittel des Landes und des Bundes werden eingeworben und an die Träger weitergeleitet.',
  'Die Qualität der Angebote wird durch regelmäßige Auswertungen und Befragungen gesichert.',
  'Neben den Beratungsleistungen werden Programme des Landes durchgeführt und bedarfsgerecht eigene Angebote konzipiert.',
];
export const SERVICES: readonly string[] = [
  'die Organisation und Nachbereitung von Sitzungen der Gremien',
  'die Planung, Organisation und Durchführung von Maßnahmen und Projekten',
  'die Unterstützung und Beratung von Einrichtungen und Trägern',
  'die Entwicklung von Konzepten, Vorlagen und Berichten',
  'die Bearbeitung von Anträgen und Widersprüchen',
  'die Sicherstellung der Vernetzung der Akteure in der Region',
  'die Mitarbeit bei Evaluationsarbeiten',
  'die Sicherstellung der verwaltungsmäßigen Arbeiten',
  'die Bewirtschaftung der Haushaltsmittel',
  'die Öffentlichkeitsarbeit',
];
export const LEGAL_BASES: readonly string[] = [
  'Gemeindeordnung NRW',
  'Sozialgesetzbuch VIII',
  'Sozialgesetzbuch XII',
  'Schulgesetz NRW',
  'Ordnungsbehördengesetz NRW',
  'Teilhabe- und Integrationsgesetz NRW',
  'Baugesetzbuch',
  'Landesbauordnung NRW',
  'Kinderbildungsgesetz NRW',
  'Gesetz über den öffentlichen Gesundheitsdienst NRW',
];
export const TARGET_GROUPS: readonly string[] = [
  'Bürgerinnen und Bürger',
  'Kinder und Jugendliche',
  'Familien',
  'Seniorinnen und Senioren',
  'Schulen und Schulträger',
  'Vereine und Verbände',
  'Unternehmen',
  'freie Träger',
  'Politik und Verwaltung',
  'Menschen mit Einwanderungsgeschichte',
];
export const GOALS: readonly string[] = [
  'bedarfsgerechtes Angebot sichern',
  'Bearbeitungszeiten verkürzen',
  'Zufriedenheit der Nutzerinnen und Nutzer erhöhen',
  'Kosten je Fall stabil halten',
  'Fördermittel vollständig ausschöpfen',
  'Angebote digital zugänglich machen',
  'Zusammenarbeit mit den Trägern verbessern',
  'Fachkräfte gewinnen und halten',
];
export const GOAL_HEADINGS: readonly string[] = ['Allgemein:', 'Drei-Jahres-Plan:'];

/** Kennzahlen rows: label and how its values are drawn. */
export const KENNZAHLEN: readonly { readonly label: string; readonly kind: 'count' | 'percent' | 'euro' }[] =
  [
    { label: 'Fallzahlen', kind: 'count' },
    { label: 'Anträge', kind: 'count' },
    { label: 'Veranstaltungen und Sitzungen', kind: 'count' },
    { label: 'Teilnehmende', kind: 'count' },
    { label: 'Beratungsgespräche', kind: 'count' },
    { label: 'Kostendeckungsgrad in %', kind: 'percent' },
    { label: 'Auslastung in %', kind: 'percent' },
    { label: 'Aufwand je Fall in €', kind: 'euro' },
  ];
