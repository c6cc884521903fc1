/**
 * The figures of a printed Haushaltssatzung: each amount in euros (`1.234.567 EUR`, `1.234.567,89 €`) goes to the
 * figure whose label (or alias, `data/parts/nrw-satzung.json`) stands before it on its line, or on the line
 * before when the amount wrapped onto the next; the Hebesätze ("Grundsteuer B … 495 v. H.") and the Kreisumlage
 * ("… 34,5 % der Umlagegrundlagen") as printed; the year from "Haushaltsjahr 2026"; a Kreis by its Kreistag.
 * An amount that stands after no label is reported, never guessed.
 */
import type { ImportNote, Source } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import type { Hebesatz, Satzung } from '../../core/parts/satzung.js';
import { SATZUNG } from '../../core/parts/spec.js';
import { normalise, type PartRead, type PartReadAmount } from './querschnitt.js';

const MONEY = /(-?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|-?\d+(?:,\d{1,2})?)\s*(?:EUR|€|Euro)\b/gu;
const HEBESATZ =
  /^\s*(?:-\s*)?(?:für\s+(?:die\s+)?)?(Grundsteuer\s*[AB]\w*|Grundsteuer[^\d:]*|Gewerbesteuer)[^\d]*?(\d+(?:,\d+)?)\s*(?:v\.\s*H\.|%|vom Hundert)/iu;
// the rate, also after the year ("Die Kreisumlage wird für das Haushaltsjahr 2026 auf 34,5 % … festgesetzt")
const KREISUMLAGE = /Kreisumlage\b.*?(?<![\d,])(\d{1,3}(?:,\d+)?)\s*(?:%|v\.\s*H\.|vom Hundert)/iu;
const YEAR = /Haushaltsjahre?s?\s+(20\d{2})/u;
/** A column of euros headed "EUR" (a table of the figures): its amounts stand at the line's end, unmarked. */
const EURO_HEAD = /(?:^|\s)(?:in\s+)?(?:EUR|€|Euro)\s*$/u;
const BARE = /(?:^|\s)(-?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|-?\d+(?:,\d{1,2})?)\s*$/du;
const AUSGLEICH_JAHR = /Haushaltsausgleich\b[^.]*?\b((?:19|20)\d\d)\b/u;

/** The labels with their figure, longest first (so that the longer of two overlapping labels wins). */
const LABELS = SATZUNG.figures
  .flatMap((f) => [f.label, ...f.aliases].map((l) => ({ id: f.id, text: normalise(l) })))
  .sort((a, b) => b.text.length - a.text.length);

/** Where in the line each label stands (by the position of its first letter in the line). */
function labelsIn(line: string): { id: string; at: number }[] {
  // positions in the normalised text map back to the line through this index
  const map: number[] = [];
  let flat = '';
  for (let i = 0; i < line.length; i++) {
    const n = normalise(line[i]!);
    if (n !== '') {
      flat += n;
      for (let k = 0; k < n.length; k++) map.push(i);
    }
  }
  const taken = new Array<boolean>(flat.length).fill(false);
  const found: { id: string; at: number }[] = [];
  for (const l of LABELS) {
    for (let from = flat.indexOf(l.text); from >= 0; from = flat.indexOf(l.text, from + 1)) {
      if (taken.slice(from, from + l.text.length).some(Boolean)) continue;
      taken.fill(true, from, from + l.text.length);
      found.push({ id: l.id, at: map[from]! });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

function note(severity: ImportNote['severity'], message: string, source: Source): ImportNote {
  return { severity, rule: 'import-satzung', message, source };
}

/** The Satzung's figures from its text lines. */
export function readSatzung(text: string, file: string): PartRead<Satzung> {
  const lines = text.split(/\r\n|\r|\n/u);
  const notes: ImportNote[] = [];
  const amounts: PartReadAmount[] = [];
  const figures: Record<string, PartAmount> = {};
  const hebesaetze: Hebesatz[] = [];
  let kreisumlage: string | undefined;
  let year: number | undefined;
  let kreis = false;
  let ausgleichJahr: number | undefined;
  let euroColumn = false;
  let waiting: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\f/gu, '');
    const source: Source = { file, line: i + 1 };
    const y = YEAR.exec(line);
    if (y && year === undefined) year = Number(y[1]);
    if (/\bKreistag|\bKreisumlage/u.test(line)) kreis = true;
    const k = KREISUMLAGE.exec(line);
    if (k) kreisumlage = k[1];
    const h = HEBESATZ.exec(line);
    if (h) hebesaetze.push({ name: h[1]!.replace(/\s+/gu, ' ').trim(), satz: h[2]! });
    const a = AUSGLEICH_JAHR.exec(line);
    if (a) ausgleichJahr = Number(a[1]);
    const labels = labelsIn(line);
    let money: { 0: string; 1: string; index: number }[] = [...line.matchAll(MONEY)].map((m) => ({
      0: m[0],
      1: m[1]!,
      index: m.index,
    }));
    if (money.length === 0 && EURO_HEAD.test(line)) euroColumn = true;
    const bare = euroColumn && money.length === 0 && (labels.length > 0 || waiting) ? BARE.exec(line) : null;
    if (bare) money = [{ 0: bare[1]!, 1: bare[1]!, index: bare.indices![1]![0] }];
    // a label of the line before whose amount wrapped onto this line
    const carried = waiting;
    waiting = undefined;
    for (const m of money) {
      const parsed = parseGermanAmount(m[1]);
      if (!parsed) continue;
      const amount: PartAmount = { amount: parsed.cents, decimals: parsed.decimals, source };
      const id = labels.filter((l) => l.at < m.index).at(-1)?.id ?? carried;
      if (id === undefined || figures[id]) {
        const why =
          id === undefined
            ? 'steht hinter keiner Angabe der Satzung'
            : `ist schon die zweite Angabe für „${SATZUNG.figures.find((f) => f.id === id)!.label}“`;
        notes.push(
          note('warning', `${file}, Zeile ${i + 1}: der Betrag ${m[0]} ${why}; nicht übernommen`, source),
        );
        amounts.push({ amount, placed: false, reason: 'Betrag der Satzung ohne Angabe' });
        continue;
      }
      figures[id] = amount;
      amounts.push({ amount, placed: true });
    }
    const last = labels.at(-1);
    if (last && !money.some((m) => (m.index ?? 0) > last.at)) waiting = last.id;
  });
  if (Object.keys(figures).length === 0)
    return {
      notes,
      amounts,
      error: {
        message:
          'Keine Angabe einer Haushaltssatzung mit Betrag gefunden (erwartet z. B. „Gesamtbetrag der Erträge auf 1.234.567 EUR“)',
      },
    };
  if (year === undefined)
    return {
      notes,
      amounts,
      error: {
        message: 'Das Haushaltsjahr der Satzung ist nicht zu erkennen (erwartet „Haushaltsjahr 2026“)',
      },
    };
  return {
    part: {
      year,
      kind: kreis ? 'kreis' : 'gemeinde',
      figures,
      ...(hebesaetze.length > 0 ? { hebesaetze } : {}),
      ...(kreisumlage !== undefined ? { kreisumlage } : {}),
      ...(ausgleichJahr !== undefined ? { ausgleichJahr } : {}),
      source: { file, line: 1 },
    },
    notes,
    amounts,
  };
}
