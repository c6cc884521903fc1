/**
 * What the book prints of each part, Haushalt reads back (issue 18: "the round trip keeps them"), as it does
 * for the plans: a budget with every part is printed (HTML → Chromium PDF), read back through the PDF importer
 * and through `pdftotext -layout` text, and each part compared with the budget's, exactly: the Satzung's figures
 * and Hebesätze or Kreisumlage, the VE overview with its years of payment, the Haushaltsquerschnitt, the
 * Rücklagen, the Stellenplan's rows and sums, the Investitionsprogramm, the Verbindlichkeiten, the Fraktionen;
 * the plans read back stay exactly the plans as printed (whole euros). Two prints: a generated Gemeinde with its Anlagen and Münster's
 * Rücklagen and Stellenplan; the sample (a Kreis) with its Satzung printed from the template and a Stellenplan by
 * pay groups.
 *
 * Not read back, with reason (reported, every number, as `import-derived-part` notes): the Vorbericht's key
 * figures and charts (derived from the plans), the § 76 and § 75 GO NRW tests under the Rücklagen (computed from
 * them), the Stellenplan's change column and the Personalaufwendungen per post (computed), the treasurer's
 * Vorbericht text and the Satzung's template text (prose, no part figures).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import { roundToEuro } from '../src/core/money.js';
import { deriveInvestitionsprogramm } from '../src/core/parts/investitionsprogramm.js';
import { deriveQuerschnitt } from '../src/core/parts/querschnitt.js';
import { deriveSatzung, type Satzung } from '../src/core/parts/satzung.js';
import { deriveVeUebersicht, type VeUebersicht } from '../src/core/parts/ve.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { renderBookPdf } from '../src/publish/pdf.js';
import { generatedWithAnlagen } from './anlagen-budgets.js';
import { plansOf } from './fixtures.js';
import { MUENSTER } from './parts-budgets.js';
import { REFERENCE, REPO_ROOT } from './paths.js';
import { comparable, partsOf } from './readback.js';

/** The plans as tidy CSV in whole euros: the book prints whole euros. */
function planEuros(b: Budget): string {
  return toTidyCsv(plansOf(b))
    .split('\n')
    .map((line) => {
      const cells = line.split(',');
      const amount = Number(cells[6]);
      if (cells.length < 7 || cells[6] === '' || Number.isNaN(amount)) return line;
      cells[6] = String(roundToEuro(Math.round(amount * 100)) / 100);
      return cells.join(',');
    })
    .join('\n');
}

async function load(...files: string[]): Promise<Budget> {
  const r = await importFiles(files);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.page ?? ''}:${e.line ?? ''} ${e.message}`).join('\n'));
  return r.budget;
}

/** The VE overview of the plans with years of payment: 60 % the next year, the rest the year after. */
function veWithYears(budget: Budget): VeUebersicht {
  const v = deriveVeUebersicht(budget)!;
  const split = (r: VeUebersicht['rows'][number]): VeUebersicht['rows'][number] => {
    const ve = r.ve?.amount ?? 0;
    const first = Math.round((ve * 0.6) / 100) * 100;
    return {
      ...r,
      faellig: {
        [String(v.year + 1)]: { amount: first, decimals: 0 },
        [String(v.year + 2)]: { amount: ve - first, decimals: 0 },
      },
    };
  };
  const printed: VeUebersicht = { ...v };
  delete (printed as { derived?: true }).derived;
  return { ...printed, years: [v.year + 1, v.year + 2], rows: v.rows.map(split), sum: split(v.sum!) };
}

/** A printed Satzung: the plans' figures with what the treasurer gives (not derived: the book prints no note). */
function satzungOf(budget: Budget, input: Parameters<typeof deriveSatzung>[1]): Satzung {
  const s: Satzung = { ...deriveSatzung(budget, input)! };
  delete (s as { derived?: true }).derived;
  delete (s as { ruecklagenBasis?: string }).ruecklagenBasis;
  return s;
}

async function gemeinde(): Promise<Budget> {
  const g = generatedWithAnlagen(false);
  const ms = await load(
    path.join(MUENSTER, 'ruecklagen_2024_2030.csv'),
    path.join(MUENSTER, 'stellenplan_2026_2027.csv'),
  );
  const m = mergeBudgets([g, ms]);
  if (!m.ok) throw new Error(m.conflicts.map((c) => c.message).join('\n'));
  const b = m.budget;
  return {
    ...b,
    parts: {
      ...b.parts,
      satzung: satzungOf(b, {
        kind: 'gemeinde',
        liquiditaetskredite: 50_000_000_00,
        hebesaetze: [
          { name: 'Grundsteuer A', satz: '300' },
          { name: 'Grundsteuer B', satz: '495' },
          { name: 'Gewerbesteuer', satz: '460' },
        ],
        ausgleichJahr: 2029,
      }),
      veUebersicht: veWithYears(b),
    },
  };
}

async function kreis(): Promise<Budget> {
  const b = await load(REFERENCE, path.join(REPO_ROOT, 'test/fixtures/parts/stellenplan-gruppen.csv'));
  return {
    ...b,
    parts: {
      ...b.parts,
      // printed from the template a treasurer edits (its text, the figures filled in)
      satzung: satzungOf(b, {
        kind: 'kreis',
        name: 'des Kreises Coesfeld',
        kreisumlage: '34,5',
        liquiditaetskredite: 20_000_000_00,
        beschlussdatum: '18.12.2025',
        template: readFileSync(path.join(REPO_ROOT, 'data/parts/haushaltssatzung-nrw.txt'), 'utf8'),
      }),
    },
  };
}

interface Printed {
  readonly budget: Budget;
  /** Read back from the PDF and from its `pdftotext -layout` text. */
  readonly back: Readonly<Record<'pdf' | 'text', Budget>>;
}

async function printed(budget: Budget, name: string): Promise<Printed> {
  const dir = mkdtempSync(path.join(tmpdir(), `readback-${name}-`));
  const pdf = path.join(dir, `${name}.pdf`);
  await renderBookPdf(budget, pdf);
  const txt = path.join(dir, `${name}.txt`);
  writeFileSync(txt, execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
  return { budget, back: { pdf: await load(pdf), text: await load(txt) } };
}

const ROUTES = ['pdf', 'text'] as const;

/** The parts as the book prints them: the budget's own, else derived from the plans (saying so). */
function printedParts(b: Budget): Record<string, unknown> {
  const p = b.parts ?? {};
  const programm = p.investitionsprogramm ?? deriveInvestitionsprogramm(b);
  const ve = p.veUebersicht ?? deriveVeUebersicht(b);
  return partsOf({
    ...p,
    querschnitt: p.querschnitt ?? deriveQuerschnitt(b),
    ...(ve ? { veUebersicht: ve } : {}),
    ...(programm ? { investitionsprogramm: programm } : {}),
  });
}

/** Every part read back equals the part printed, and no other part comes back. */
function expectPartsBack(budget: Budget, back: Budget): void {
  const expected = printedParts(budget);
  const read = partsOf(back.parts ?? {});
  expect(Object.keys(read).sort()).toEqual(Object.keys(expected).sort());
  for (const id of Object.keys(expected)) expect([id, read[id]]).toEqual([id, expected[id]]);
}

describe('the book of a Gemeinde with every part, read back', () => {
  let p: Printed;
  beforeAll(async () => {
    p = await printed(await gemeinde(), 'gemeinde');
  }, 240_000);

  for (const route of ROUTES)
    describe(`through the ${route === 'pdf' ? 'PDF' : 'pdftotext -layout text'}`, () => {
      it('keeps the plans exactly (no amount of a part becomes a plan line)', () => {
        expect(planEuros(p.back[route])).toBe(planEuros(p.budget));
      });

      it('reads every part back as the book printed it', () => {
        expectPartsBack(p.budget, p.back[route]);
      });

      it('reports every number of what the book prints only as a derivation, at its place', () => {
        const derived = p.back[route].notes.filter((n) => n.rule === 'import-derived-part');
        const about = (word: string) => derived.filter((n) => n.message.includes(word));
        // the § 76 test per planning year (2026–2030) and the § 75 Haushaltsausgleich per year
        expect(about('§ 76').filter((n) => /^„20\d\d /u.test(n.message.split(': ').at(-1)!)).length).toBe(10);
        // the Vorbericht's key figures and the Personalaufwendungen per post
        expect(about('Vorbericht').some((n) => n.message.includes('Jahresergebnis'))).toBe(true);
        expect(about('Personalaufwendungen je Stelle').length).toBeGreaterThan(0);
        expect(derived.every((n) => n.source?.line !== undefined)).toBe(true);
      });
    });
});

describe('the book of a Kreis (the sample) with its Satzung as text and a Stellenplan by pay groups, read back', () => {
  let p: Printed;
  beforeAll(async () => {
    p = await printed(await kreis(), 'kreis');
  }, 240_000);

  for (const route of ROUTES)
    it(`through the ${route === 'pdf' ? 'PDF' : 'pdftotext -layout text'}: the plans exactly, the Satzung's text with its figures and Kreisumlage, the Stellenplan, the Übersichten and the Investitionsprogramm`, () => {
      const back = p.back[route];
      expect(planEuros(back)).toBe(planEuros(p.budget));
      expectPartsBack(p.budget, back);
      expect(comparable(back.parts?.satzung)).toMatchObject({ kind: 'kreis', kreisumlage: '34,5' });
    });
});
