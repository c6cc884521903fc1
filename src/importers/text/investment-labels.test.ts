import { describe, expect, it } from 'vitest';
import { labelRows, type PrintedLine } from './investment-labels.js';

const source = { file: 'inv.txt', line: 1 };
const text = (t: string, row?: number): PrintedLine => ({
  kind: 'text',
  text: t,
  source,
  ...(row !== undefined ? { row } : {}),
});
const row = (r: number, own: string): PrintedLine => ({ kind: 'row', row: r, own });
/** A schema that knows one label per row (the rows that are Teilfinanzplan lines). */
const knows =
  (labels: Record<number, string>) =>
  (r: number, label: string): number =>
    labels[r] === label ? 2 : 0;
const labels = (printed: PrintedLine[], fit: (r: number, label: string) => number): string[] =>
  labelRows(printed, fit).pieces.map((p) => (p.kind === 'group' ? `group: ${p.label}` : p.label));

describe('labels of an investment table divided between its rows', () => {
  it('gives the line above a Teilfinanzplan line printing its amounts beside its last line to that line', () => {
    // the amounts beside the last line of each label: the line between the rows is the line's first
    const printed = [
      text('UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)'),
      text('430125MINT Ausstattung/Geräte'),
      row(0, 'MINT- Werkstatt'),
      text('Auszahlungen für den Erwerb v.', 0), // given to the measure by the layout
      row(1, 'bew. Anlagevermögen'),
    ];
    expect(labels(printed, knows({ 1: 'Auszahlungen für den Erwerb v. bew. Anlagevermögen' }))).toEqual([
      'group: UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)',
      '430125MINT Ausstattung/Geräte MINT- Werkstatt',
      'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
    ]);
    // without the schema's word the layout's geometry stays
    expect(labels(printed, () => 0)[2]).toBe('bew. Anlagevermögen');
  });

  it('goes on with a group heading whose threshold wraps: an amount starting a line is no measure number', () => {
    const printed = [
      text('OBERHALB Investition (Auszahlung >='),
      text('100.000 EUR inkl. MWST)'),
      text('010126ZUW Investitionszuschuss'),
      row(0, 'Ost'),
    ];
    expect(labels(printed, () => 0)).toEqual([
      'group: OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)',
      '010126ZUW Investitionszuschuss Ost',
    ]);
  });

  it('starts a measure at its number, whichever row the layout gave the line to', () => {
    const printed = [
      text('OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)'),
      text('010126ZUW Investitionszuschuss'),
      row(0, 'Ost'),
      text('010226BGA Büroausstattung', 0),
      row(1, 'Verwaltung'),
    ];
    expect(labels(printed, () => 0)).toEqual([
      'group: OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)',
      '010126ZUW Investitionszuschuss Ost',
      '010226BGA Büroausstattung Verwaltung',
    ]);
  });

  it('keeps the lines below a row printing its measure number beside its amounts, and a label wrapped below the last row', () => {
    // the amounts beside the first line of each label; the last label's end after the table's last row
    const printed = [
      row(0, '430125MINT'),
      text('Ausstattung/Geräte'),
      text('MINT- Werkstatt'),
      row(1, 'Auszahlungen für den'),
      text('Erwerb v. bew.'),
      text('Anlagevermögen'),
      text('Die Maßnahme wird 2027 abgeschlossen.'),
    ];
    const result = labelRows(printed, knows({ 1: 'Auszahlungen für den Erwerb v. bew. Anlagevermögen' }));
    expect(result.pieces.map((p) => (p.kind === 'row' ? p.label : ''))).toEqual([
      '430125MINT Ausstattung/Geräte MINT- Werkstatt',
      'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
    ]);
    expect(result.left.map((l) => l.text)).toEqual(['Die Maßnahme wird 2027 abgeschlossen.']);
  });

  it('divides the lines of a label centred on its amounts that the layout left between the rows', () => {
    // the amounts in the middle of each label, no line given to a row (the last label ends below the table)
    const printed = [
      text('430125MINT Ausstattung/Geräte'),
      row(0, ''),
      text('MINT- Werkstatt'),
      text('Auszahlungen für den Erwerb v. bew.'),
      row(1, ''),
      text('Anlagevermögen'),
    ];
    expect(labels(printed, knows({ 1: 'Auszahlungen für den Erwerb v. bew. Anlagevermögen' }))).toEqual([
      '430125MINT Ausstattung/Geräte MINT- Werkstatt',
      'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
    ]);
  });

  it('ends a label where the table goes on with the later years', () => {
    const printed = [
      row(0, 'Auszahlungen für'),
      text('Baumaßnahmen'),
      { kind: 'break' } as const,
      text('Auszahlungen für'),
      row(1, 'Baumaßnahmen'),
    ];
    // the schema would take both lines for either row: the break divides them
    const fit = (_: number, label: string): number => (label === 'Auszahlungen für Baumaßnahmen' ? 2 : 0);
    expect(labels(printed, fit)).toEqual(['Auszahlungen für Baumaßnahmen', 'Auszahlungen für Baumaßnahmen']);
  });

  it('divides the runs above the last rows again once the label wrapped below the last row is known', () => {
    // the amounts beside each label's first line; the layout gave the measure's last line to the line below it
    const printed = [
      row(0, '010226GRST'),
      text('Grundstückserwerb Am', 0),
      text('Markt', 1),
      row(1, 'Auszahlungen für den'),
      text('Erwerb v. Grundstücken', 1),
      text('u. Gebäuden', 2),
      row(2, 'Auszahlungen für den'),
      text('Erwerb v. bew.', 2),
      text('Anlagevermögen'),
    ];
    const fit = knows({
      1: 'Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden',
      2: 'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
    });
    expect(labels(printed, fit)).toEqual([
      '010226GRST Grundstückserwerb Am Markt',
      'Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden',
      'Auszahlungen für den Erwerb v. bew. Anlagevermögen',
    ]);
  });
});
