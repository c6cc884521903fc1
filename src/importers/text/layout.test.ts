import { describe, expect, it } from 'vitest';
import { importText } from './index.js';
import { joinWrapped, parseTitle, prepareLines } from './lines.js';
import { parseZuZeile } from './erlaeuterungen.js';

const TE_HEADER = 'Nr.\tBezeichnung\tErgebnis 2023\tAnsatz 2024\tAnsatz 2025\tPlanung 2026';
const labels = [
  'Steuern und ähnliche Abgaben',
  'Zuwendungen und allgemeine Umlagen',
  'Sonstige Transfererträge',
  'Öffentlich-rechtliche Leistungsentgelte',
  'Privatrechtliche Leistungsentgelte',
  'Kostenerstattungen und Kostenumlagen',
  'Sonstige ordentliche Erträge',
  'Aktivierte Eigenleistungen',
  'Bestandsveränderungen',
  'Ordentliche Erträge',
];

describe('page furniture of other producers', () => {
  it('learns the running header and drops footers and repeated titles', () => {
    const doc = [
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
      'Stadt Musterstadt - Haushaltsplan 2025',
      'Erläuterungen',
      'Zu Zeile 02:',
      '- a) Landesmittel = 1.000 € (= Ansatz 2024)',
      'Seite 3 von 9',
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
      'Stadt Musterstadt - Haushaltsplan 2025',
      '- b) Bundesmittel = 2.000 € (Ansatz 2024 = 1.500 €)',
    ].join('\n');
    const prepared = prepareLines(doc);
    expect(prepared.runningHeader).toBe('Stadt Musterstadt - Haushaltsplan 2025');
    // the title printed again stays, marked as repeated (its section continues)
    expect(prepared.lines.filter((l) => l.repeated).map((l) => l.text)).toEqual([
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
    ]);
    expect(prepared.lines.filter((l) => !l.repeated).map((l) => l.text)).toEqual([
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
      'Erläuterungen',
      'Zu Zeile 02:',
      '- a) Landesmittel = 1.000 € (= Ansatz 2024)',
      '- b) Bundesmittel = 2.000 € (Ansatz 2024 = 1.500 €)',
    ]);
  });

  it('reads a plan that prints only some lines, with the number in the label cell', () => {
    const doc = [
      'Teilergebnisplan Produktgruppe 0101 Rat und Ausschüsse',
      TE_HEADER,
      `02 ${labels[1]!}\t1.000\t2.000\t3.000\t3.000`,
      `10 ${labels[9]!}\t1.000\t2.000\t3.000\t3.000`,
    ].join('\n');
    const r = importText(doc, 'm.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [node] = r.budget.nodes;
    expect(node).toMatchObject({ code: '0101', level: 'produktgruppe', name: 'Rat und Ausschüsse' });
    expect(node!.plans[0]!.lines.map((l) => [l.line, l.label, l.cells.length])).toEqual([
      ['02', labels[1], 4],
      ['10', labels[9], 4],
    ]);
    expect(r.budget.year).toBe(2025);
  });

  it('reads cents and trailing-minus amounts exactly', () => {
    const doc = [
      'Teilergebnisplan Produkt 1.1.1 Test',
      TE_HEADER,
      `02\t${labels[1]!}\t1.234,56\t2.000,-\t46.323.827,04-\t0,01`,
    ].join('\n');
    const r = importText(doc, 'c.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.budget.nodes[0]!.plans[0]!.lines[0]!.cells.map((c) => [c.amount, c.decimals])).toEqual([
      [123_456, 2],
      [200_000, 0],
      [-4_632_382_704, 2],
      [1, 2],
    ]);
  });
});

describe('amounts in thousands of euros', () => {
  it('are read with their unit kept on the cell, in cents of euros', () => {
    const doc = [
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
      'Nr.\tBezeichnung\tErgebnis 2023 (T€)\tAnsatz 2024 (T€)\tAnsatz 2025 (T€)\tPlanung 2026 (T€)',
      '02\tZuwendungen und allgemeine Umlagen\t1.234\t1.300\t1.400\t1.400',
    ].join('\n');
    const r = importText(doc, 't.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const cells = r.budget.nodes[0]!.plans[0]!.lines[0]!.cells;
    expect(cells.map((c) => [c.amount, c.decimals, c.scale])).toEqual([
      [123_400_000, 0, 1000],
      [130_000_000, 0, 1000],
      [140_000_000, 0, 1000],
      [140_000_000, 0, 1000],
    ]);
    expect(r.ledger[0]!.layout?.join('; ')).toContain('Tausend Euro');
  });
});

describe('section titles of other producers', () => {
  it.each([
    [
      'Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum',
      '43.01',
      'Kommunales Integrationszentrum',
    ],
    [
      'Teilergebnisplan – Produktgruppe 43.01 – Kommunales Integrationszentrum',
      '43.01',
      'Kommunales Integrationszentrum',
    ],
    ['Teilfinanzplan für die Produktgruppe 0101: Rat und Ausschüsse', '0101', 'Rat und Ausschüsse'],
    ['Produktbeschreibung Produkt 1.1.1', '1.1.1', ''],
  ])('reads %j', (title, code, name) => {
    expect(parseTitle(title)).toMatchObject({ code, name });
  });

  it('does not take running text for a title', () => {
    expect(parseTitle('Teilergebnisplan 43.01')).toBeUndefined();
    expect(parseTitle('Produkte des Produktbereichs 43 sind …')).toBeUndefined();
  });
});

describe('Erläuterung headings', () => {
  it.each([
    ['Zu Zeile 02:', '02'],
    ['Zeile 13:', '13'],
    ['Erläuterung zu Zeile 13:', '13'],
    ['Erläuterungen zu Zeilen 13 und 14:', '13'],
    ['Zu Pos. 5: Zuwendungen', '05'],
    ['Zu Zeile 1.5:', '1.5'],
    ['Erläuterungen zu Zeilen 3.1 und 3.3: Personal', '3.1'],
  ])('reads %j', (heading, line) => {
    expect(parseZuZeile(heading)?.line).toBe(line);
  });

  it('does not take running text for a heading', () => {
    expect(parseZuZeile('Zeile 13 enthält die Sachkosten.')).toBeUndefined();
  });
});

describe('table headers without a number column', () => {
  it('reads rows whose number stands in the label cell', () => {
    const doc = [
      'Teilergebnisplan Produktbereich 05 Soziale Leistungen',
      'Ertrags- und Aufwandsarten\tErgebnis 2023\tAnsatz 2024\tAnsatz 2025',
      '02 Zuwendungen und allgemeine Umlagen\t1.000\t2.000\t3.000',
      '10 Ordentliche Erträge\t1.000\t2.000\t3.000',
    ].join('\n');
    const r = importText(doc, 'h.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.budget.nodes[0]!.plans[0]!.lines.map((l) => [l.line, l.cells.length])).toEqual([
      ['02', 3],
      ['10', 3],
    ]);
  });
});

describe('Kennzahlen with a unit column', () => {
  it('keeps the unit apart from the values', () => {
    const doc = [
      'Produktbeschreibung Produkt 01.01.01 Rat',
      '',
      'Beschreibung Sitzungen des Rates.',
      '',
      'Kennzahlen\tEinheit\tIst 2023\tPlanwert 2024\tPlanwert 2025',
      'Sitzungen\tAnzahl\t12\t12\t11',
      'Auslastung\t%\t87,5\t90\t90',
    ].join('\n');
    const r = importText(doc, 'k.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const [table] = r.budget.nodes[0]!.kennzahlen;
    expect(table!.columns.map((c) => c.year)).toEqual([2023, 2024, 2025]);
    expect(table!.rows.map((row) => [row.label, row.unit, row.values.map((v) => v.value)])).toEqual([
      ['Sitzungen', 'Anzahl', ['12', '12', '11']],
      ['Auslastung', '%', ['87.5', '90', '90']],
    ]);
  });
});

describe('lines of one wrapped text', () => {
  it('join a compound broken at its hyphen without a space, and everything else with one', () => {
    expect(joinWrapped('IT-', 'Ausstattung Ost')).toBe('IT-Ausstattung Ost');
    expect(joinWrapped('Covid-', '19-Hilfen')).toBe('Covid-19-Hilfen');
    expect(joinWrapped('aus Investitionszuweisungen, -', 'zuschüssen und Beiträgen')).toBe(
      'aus Investitionszuweisungen, -zuschüssen und Beiträgen',
    );
    expect(joinWrapped('Hin-', 'und Rückfahrt')).toBe('Hin- und Rückfahrt');
    expect(joinWrapped('Sach- und', 'Dienstleistungen')).toBe('Sach- und Dienstleistungen');
    expect(joinWrapped('Betrag von 100 -', 'Euro')).toBe('Betrag von 100 - Euro');
    expect(joinWrapped('', 'Gebäude')).toBe('Gebäude');
    expect(joinWrapped('Gebäude', '')).toBe('Gebäude');
  });

  it('keep the text of a plan line wrapped at a hyphen as one word', () => {
    const doc = [
      'Teilergebnisplan Produktgruppe 0101 Rat und Ausschüsse',
      TE_HEADER,
      `13\tAufwendungen für IT-\t1.000\t2.000\t3.000\t3.000`,
      'Dienstleistungen',
      `14\tBilanzielle Abschreibungen\t1.000\t2.000\t3.000\t3.000`,
    ].join('\n');
    const r = importText(doc, 'm.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.budget.nodes[0]!.plans[0]!.lines[0]!.label).toBe('Aufwendungen für IT-Dienstleistungen');
  });
});
