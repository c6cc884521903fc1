/**
 * The text of the Haushaltssatzung from a template the treasurer can edit (`data/parts/haushaltssatzung-nrw.txt`):
 * lines starting with `#` are comments; `{{id}}` is replaced by the figure of that id in whole euros the German
 * way (`1.234.567`), or by `{{jahr}}`, `{{name}}`, `{{beschlussdatum}}`, `{{hebesaetze}}` (one line per Hebesatz),
 * `{{kreisumlage}}`, `{{ausgleichJahr}}`, `{{vertretung}}` (Rat / Kreistag); a block between `[[id]]` and `[[/id]]`
 * is kept only when `id` is given (`gemeinde` and `kreis` choose the wording). A placeholder without a value
 * prints as `…` (to be filled in), never as a wrong number. Pure.
 */
import { formatGerman } from '../money.js';
import type { Satzung } from './satzung.js';
import { SATZUNG } from './spec.js';

/**
 * The values a template's placeholders take, by name (undefined: not given); `extra`: more of them (another
 * Land's law and plan words for `data/parts/haushaltssatzung-laender.txt`).
 */
export function satzungValues(
  satzung: Satzung,
  extra: Readonly<Record<string, string>> = {},
): ReadonlyMap<string, string | undefined> {
  const wording = SATZUNG.wording[satzung.kind];
  const values = new Map<string, string | undefined>([
    ['jahr', String(satzung.year)],
    ['name', satzung.name],
    ['beschlussdatum', satzung.beschlussdatum],
    ['vertretung', wording.vertretung],
    ['koerperschaft', wording.koerperschaft],
    [satzung.kind, wording.koerperschaft],
    ['kreisumlage', satzung.kreisumlage],
    ['ausgleichJahr', satzung.ausgleichJahr !== undefined ? String(satzung.ausgleichJahr) : undefined],
    [
      'hebesaetze',
      satzung.hebesaetze && satzung.hebesaetze.length > 0
        ? satzung.hebesaetze.map((h) => `${h.name}: ${h.satz} v. H.`).join('\n')
        : undefined,
    ],
  ]);
  for (const f of SATZUNG.figures) {
    const a = satzung.figures[f.id];
    values.set(f.id, a ? formatGerman(a.amount) : undefined);
  }
  for (const [name, value] of Object.entries(extra)) values.set(name, value);
  return values;
}

/** The Satzung's text from a template (see the module comment). */
export function fillSatzung(
  template: string,
  satzung: Satzung,
  extra: Readonly<Record<string, string>> = {},
): string {
  const values = satzungValues(satzung, extra);
  const out: string[] = [];
  const open: { name: string; keep: boolean }[] = [];
  for (const raw of template.split(/\r\n|\r|\n/u)) {
    if (raw.startsWith('#')) continue;
    const start = /^\[\[([A-Za-z]+)\]\]\s*$/u.exec(raw);
    if (start) {
      open.push({ name: start[1]!, keep: values.get(start[1]!) !== undefined });
      continue;
    }
    const end = /^\[\[\/([A-Za-z]+)\]\]\s*$/u.exec(raw);
    if (end && open.at(-1)?.name === end[1]) {
      open.pop();
      continue;
    }
    if (open.some((b) => !b.keep)) continue;
    out.push(raw.replace(/\{\{([A-Za-z]+)\}\}/gu, (_, name: string) => values.get(name) ?? '…'));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}
