import { describe, expect, it } from 'vitest';
import {
  anmeldungReadRefusal,
  decisionRefusal,
  handBackRefusal,
  mayEditCells,
  mayReadAnmeldung,
  requestRefusal,
  statusAfterDecision,
  submitRefusal,
} from './anmeldung.js';
import type { Actor } from './workflow.js';

const FB: Actor = { id: 1, name: 'fb', role: 'fachbereich', produktbereiche: ['43'] };
const K: Actor = { id: 2, name: 'k', role: 'kaemmerei', produktbereiche: [] };
const L: Actor = { id: 3, name: 'l', role: 'leser', produktbereiche: [] };
const OPEN = { stage: 'anmeldung', closed: false } as const;

describe('Anmeldung rules', () => {
  it('lets the Fachbereich of the Produktbereich enter requests while in Arbeit, nobody else', () => {
    expect(requestRefusal(FB, OPEN, '43', 'in-arbeit')).toBeUndefined();
    expect(requestRefusal(FB, OPEN, '44', 'in-arbeit')?.code).toBe('forbidden');
    expect(requestRefusal(K, OPEN, '43', 'in-arbeit')?.message).toContain('Kämmerei entscheidet');
    expect(requestRefusal(FB, OPEN, '43', 'abgegeben')?.message).toBe(
      'Die Anmeldung des Produktbereichs 43 ist abgegeben; sie kann nicht mehr geändert werden.',
    );
    expect(requestRefusal(FB, { stage: 'entwurf', closed: false }, '43', 'in-arbeit')?.code).toBe('invalid');
    expect(requestRefusal(FB, { stage: 'anmeldung', closed: true }, '43', 'in-arbeit')?.code).toBe('invalid');
    // a Produktbereich's code is not a prefix match of another ("4" is not "43")
    expect(requestRefusal({ ...FB, produktbereiche: ['4'] }, OPEN, '43', 'in-arbeit')?.code).toBe(
      'forbidden',
    );
  });

  it('submits once', () => {
    expect(submitRefusal(FB, OPEN, '43', 'in-arbeit')).toBeUndefined();
    expect(submitRefusal(FB, OPEN, '43', 'geprueft')?.message).toBe(
      'Die Anmeldung des Produktbereichs 43 ist bereits geprüft.',
    );
    expect(submitRefusal(L, OPEN, '43', 'in-arbeit')?.code).toBe('forbidden');
  });

  it('lets the Kämmerei decide submitted requests, a rejection with a comment', () => {
    expect(decisionRefusal(K, OPEN, 'abgegeben', 'offen', 'uebernehmen', '')).toBeUndefined();
    expect(
      decisionRefusal(K, { stage: 'entwurf', closed: false }, 'abgegeben', 'offen', 'ablehnen', 'zu hoch'),
    ).toBeUndefined();
    expect(decisionRefusal(K, OPEN, 'abgegeben', 'offen', 'ablehnen', '  ')?.message).toBe(
      'Eine Ablehnung braucht einen Kommentar für den Fachbereich.',
    );
    expect(decisionRefusal(K, OPEN, 'in-arbeit', 'offen', 'uebernehmen', '')?.code).toBe('invalid');
    expect(decisionRefusal(K, OPEN, 'abgegeben', 'abgelehnt', 'uebernehmen', '')?.message).toContain(
      'bereits entschieden (abgelehnt)',
    );
    expect(
      decisionRefusal(K, { stage: 'bestaetigt', closed: false }, 'abgegeben', 'offen', 'uebernehmen', '')
        ?.code,
    ).toBe('invalid');
    expect(decisionRefusal(FB, OPEN, 'abgegeben', 'offen', 'uebernehmen', '')?.code).toBe('forbidden');
  });

  it('is geprüft once nothing is open; readable by the Kämmerei and the own Fachbereich only', () => {
    expect(statusAfterDecision(['uebernommen', 'abgelehnt'])).toBe('geprueft');
    expect(statusAfterDecision(['uebernommen', 'offen'])).toBe('abgegeben');
    expect(mayReadAnmeldung(FB, '43')).toBe(true);
    expect(mayReadAnmeldung(FB, '44')).toBe(false);
    expect(mayReadAnmeldung(K, '44')).toBe(true);
    expect(mayReadAnmeldung(L, '43')).toBe(false);
    expect(anmeldungReadRefusal(undefined)?.code).toBe('forbidden');
    expect(anmeldungReadRefusal(L)?.message).toBe(
      'Die Anmeldungen sind der Kämmerei und den Fachbereichen vorbehalten.',
    );
    expect(anmeldungReadRefusal(FB)).toBeUndefined();
  });

  it('keeps a Fachbereich from overwriting amounts in the Anmeldung, not in an Entwurf opened to it', () => {
    const state = { stage: 'anmeldung', closed: false, fachbereichEdit: false, publicRead: false } as const;
    expect(mayEditCells(FB, state, '43.01', '43')).toBe(false);
    expect(mayEditCells(K, state, '43.01', '43')).toBe(true);
    expect(mayEditCells(FB, { ...state, stage: 'entwurf', fachbereichEdit: true }, '43.01', '43')).toBe(true);
    expect(mayEditCells(FB, { ...state, stage: 'entwurf' }, '43.01', '43')).toBe(false);
  });

  it('lets the Kämmerei hand a submitted Produktbereich back with a comment, decided requests stay decided', () => {
    expect(handBackRefusal(K, OPEN, '43', 'abgegeben', 'Zeile 13 bitte begründen')).toBeUndefined();
    expect(handBackRefusal(FB, OPEN, '43', 'abgegeben', 'bitte')?.message).toBe(
      'Zur Überarbeitung zurückgeben kann nur die Kämmerei.',
    );
    expect(handBackRefusal(L, OPEN, '43', 'abgegeben', 'bitte')?.code).toBe('forbidden');
    expect(handBackRefusal(K, OPEN, '43', 'abgegeben', '  ')?.message).toBe(
      'Bitte einen Kommentar angeben: der Fachbereich soll wissen, was er überarbeiten soll.',
    );
    expect(handBackRefusal(K, OPEN, '43', 'geprueft', 'bitte')?.message).toBe(
      'Die Anmeldung des Produktbereichs 43 ist bereits geprüft; sie kann nicht mehr zurückgegeben werden.',
    );
    expect(handBackRefusal(K, OPEN, '43', 'in-arbeit', 'bitte')?.code).toBe('invalid');
    // the Fachbereich reworks in the open Anmeldung only: not once the Entwurf is made
    expect(handBackRefusal(K, { stage: 'anmeldung', closed: true }, '43', 'abgegeben', 'bitte')?.code).toBe(
      'invalid',
    );
    // handed back (in Arbeit again): open requests may change, decided ones not
    expect(requestRefusal(FB, OPEN, '43', 'in-arbeit', 'offen')).toBeUndefined();
    expect(requestRefusal(FB, OPEN, '43', 'in-arbeit', 'uebernommen')?.message).toBe(
      'Über diese Anmeldung hat die Kämmerei bereits entschieden (übernommen); sie bleibt so.',
    );
    expect(requestRefusal(FB, OPEN, '43', 'in-arbeit', 'abgelehnt')?.code).toBe('invalid');
  });
});
