/**
 * The German names of the parts, for the message of a merge that finds one part in two files (`mergeParts` in
 * `../merge.ts`). A part not named here is called by its key. Pure.
 */
export const PART_LABEL: Readonly<Record<string, string>> = {
  ruecklagen: 'Die Entwicklung der Rücklagen',
  stellenplan: 'Der Stellenplan',
  satzung: 'Die Haushaltssatzung',
  querschnitt: 'Der Haushaltsquerschnitt',
  veUebersicht: 'Die Übersicht der Verpflichtungsermächtigungen',
  verbindlichkeiten: 'Die Übersicht über den Stand der Verbindlichkeiten',
  fraktionen: 'Die Übersicht über die Zuwendungen an die Fraktionen',
  investitionsprogramm: 'Das Investitionsprogramm',
  vorbericht: 'Der Text des Vorberichts',
};
