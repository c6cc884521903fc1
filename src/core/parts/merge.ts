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

/**
 * Every amount of a part with its place in the part's structure (object keys, row positions), without names,
 * labels and sources: two prints of one part with equal amounts (the document and its tidy CSV) are one part.
 */
export function partAmounts(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => partAmounts(v, `${at}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'source') continue;
    if ((k === 'amount' || k === 'value') && typeof v === 'number') out.push(`${at}.${k} ${v}`);
    else if ((k === 'satz' || k === 'kreisumlage') && typeof v === 'string') out.push(`${at}.${k} ${v}`);
    else out.push(...partAmounts(v, `${at}.${k}`));
  }
  return out;
}

/** How much a print of a part says beyond its amounts (names, labels): of two equal prints the richer is kept. */
export function partDetail(value: unknown): number {
  return JSON.stringify(value, (k, v: unknown) => (k === 'source' ? undefined : v)).length;
}
