/**
 * The Land of a budget from the city a descriptor names (`cityCode` "Münster (Westf.)", a title "Potsdam
 * Haushalt 2018 Entwurf"), through the list of kreisfreie Städte in `data/gemeinden/kreisfreie-staedte.json`.
 * Only a name that points to one Land counts ("Frankfurt" alone is am Main or an der Oder: no answer). The Land
 * decides which line schemas and which Kontenrahmen a long table's lines are read with; a profile's `land`
 * always wins, and line labels can tell it too (`lines.ts`).
 */
import cities from '../../../data/gemeinden/kreisfreie-staedte.json' with { type: 'json' };
import { normalizeHeader } from './vocabulary.js';

/** The name without what qualifies it: "Münster (Westf.)" → "muenster", "Mülheim an der Ruhr" → "muelheim". */
function base(name: string): string {
  return normalizeHeader(
    name.replace(/\(.*?\)/gu, ' ').replace(/\b(?:am|an der|an|in der|im|in|ob der)\s+\S+(?:\s+\S+)?$/iu, ' '),
  );
}

const BY_NAME = new Map<string, Set<string>>();
for (const [land, names] of Object.entries(cities.laender as Record<string, string[]>)) {
  for (const name of names) {
    for (const key of new Set([normalizeHeader(name), base(name)])) {
      if (key === '') continue;
      const set = BY_NAME.get(key) ?? new Set<string>();
      set.add(land);
      BY_NAME.set(key, set);
    }
  }
}

/** The Land of the city a text names, if the text names exactly one kreisfreie Stadt of one Land. */
export function landOfCity(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const found = new Set<string>();
  for (const key of [normalizeHeader(text), base(text)]) {
    const lands = BY_NAME.get(key);
    if (lands?.size === 1) return [...lands][0];
  }
  // a title naming the city among other words
  const words = ` ${normalizeHeader(text)} `;
  for (const [key, lands] of BY_NAME) if (words.includes(` ${key} `)) for (const l of lands) found.add(l);
  return found.size === 1 ? [...found][0] : undefined;
}
