import { describe, expect, it } from 'vitest';
import { auditWhat, settingsText } from './audit-text.js';

describe('auditWhat without the budget', () => {
  it('names the parts of a key in German even when the version cannot be read', () => {
    const cell = { action: 'cell', target: '7.2|teilfinanzplan|24|planung:2028', old: 1, new: 2 };
    expect(auditWhat(cell)).toBe('Einheit 7.2 · Teilfinanzplan, Zeile 24 · Planung 2028');
    const erl = { action: 'erlaeuterung', target: '7.2|teilergebnisplan|13|0', old: null, new: null };
    expect(auditWhat(erl)).toBe('Einheit 7.2 · Erläuterung zu Teilergebnisplan, Zeile 13, Posten 1');
    const finding = {
      action: 'finding-accept',
      target: 'rounding|7.2|teilergebnisplan|10|ansatz:2026',
      old: null,
      new: null,
    };
    expect(auditWhat(finding)).toBe(
      'Befund „rounding“ · Einheit 7.2 · Teilergebnisplan, Zeile 10 · Ansatz 2026',
    );
    expect(
      auditWhat({
        action: 'import',
        target: '/srv/daten/plan.pdf, C:\\up\\konten.csv',
        old: null,
        new: null,
      }),
    ).toBe('Import aus plan.pdf, konten.csv');
    const handBack = {
      action: 'anmeldung-rueckgabe',
      target: 'Anmeldung Produktbereich 43',
      old: 'abgegeben',
      new: 'in Arbeit',
    };
    expect(auditWhat(handBack)).toBe('Anmeldung Produktbereich 43 zur Überarbeitung zurückgegeben');
  });
});

describe('settingsText', () => {
  it('says the version settings in words and nothing for other values', () => {
    expect(settingsText({ fachbereichEdit: true, publicRead: false })).toBe(
      'Fachbereiche dürfen ändern: ja; öffentlich lesbar: nein',
    );
    expect(settingsText({ publicRead: true })).toBe('öffentlich lesbar: ja');
    expect(settingsText({ amount: 5 })).toBeUndefined();
    expect(settingsText([])).toBeUndefined();
    expect(settingsText(null)).toBeUndefined();
  });
});
