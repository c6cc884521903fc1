// Investment rows laid out by a producer (layout text as `pdftotext -layout` writes it): a measure's name wrapped
// above its amounts, then a Teilfinanzplan line whose label is wrapped over three lines with its number and
// amounts on the last. The lines between them go to the line (its whole label is the schema's), not to the
// measure: that the label's tail is also an alias of the line ("Erwerb von Grundstücken und Gebäuden") must not
// make the split a tie that the layout's guess decides.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../index.js';

const PAGE = [
  'Investitionen Produktgruppe 01.01 Organisation und Informationstechnik',
  '                                         Ist   Vorjahr        Planjahr',
  '                                    Ergebnis   Ansatz      Ansatz',
  'Nr.       Bezeichnung                  2024     2025        2026           VE',
  '                                         T€        T€          T€          T€',
  '          OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)',
  '          010126ZUW',
  '          Investitionszuschuss',
  '          Ost                             0     (182)       (576)        (249)',
  '          010226BGA',
  '          Büroausstattung',
  '          Schulzentrum                 (640)   (1.563)     (1.574)     (1.511)',
  '          010526BRS',
  '          Brandschutz Mitte            (157)   (1.020)     (1.956)          0',
  '          010726IT',
  '          IT-Ausstattung Mitte            0     (354)       (503)        (215)',
  '          010926GRST',
  '          Grundstückserwerb Am',
  '          Markt                        (370)    (248)      (1.055)          0',
  '          Auszahlungen für den',
  '          Erwerb v. Grundstücken',
  '24    -   u. Gebäuden                  (370)    (248)      (1.055)          0',
  '          Auszahlungen für',
  '25    -   Baumaßnahmen                 (157)   (1.020)     (1.956)          0',
  '          Auszahlungen für den',
  '          Erwerb v. bew.',
  '26    -   Anlagevermögen               (640)   (1.917)     (2.076)     (1.726)',
  '          Auszahlungen v.',
  '          aktivierbaren',
  '28    -   Zuwendungen                     0     (182)       (576)        (249)',
];

describe('investment labels in layout text', () => {
  it("give a line's wrapped label to the line, not to the measure above it", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-inv-')), 'investitionen.txt');
    writeFileSync(file, PAGE.join('\n'));
    const r = await importFiles([file]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const rows = r.budget.nodes.find((n) => n.code === '01.01')!.investitionen!.rows;
    const labels = rows.map((x) =>
      x.type === 'group' ? 'group' : x.type === 'line' ? `${x.line} ${x.label}` : `${x.number} ${x.name}`,
    );
    expect(labels).toEqual([
      'group',
      '010126ZUW Investitionszuschuss Ost',
      '010226BGA Büroausstattung Schulzentrum',
      '010526BRS Brandschutz Mitte',
      '010726IT IT-Ausstattung Mitte',
      '010926GRST Grundstückserwerb Am Markt',
      '24 Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden',
      '25 Auszahlungen für Baumaßnahmen',
      '26 Auszahlungen für den Erwerb v. bew. Anlagevermögen',
      '28 Auszahlungen v. aktivierbaren Zuwendungen',
    ]);
  });
});
