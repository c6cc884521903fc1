/**
 * The Anmeldung of the Fachbereiche (issue 17) on SQLite and PostgreSQL alike: a requested figure stays beside
 * the Kämmerei's figure, the Produktbereich goes in Arbeit → abgegeben → geprüft, taking over writes the cell
 * through the one cell write (totals, one revision, audit), a rejection needs a comment and leaves the cell,
 * the Entwurf reads the requests of the Anmeldung it came from, and every role is held to its part. The
 * follow-ups: the Kämmerei hands a submitted Produktbereich back for rework with a comment (in Arbeit again,
 * decided requests stay decided, the comment kept with who and when); the requests of one node are read at once
 * for the plan's marks, by those who may see the Anmeldung only.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budget, Column } from '../../src/core/model.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/core/workflow.js';
import { importText } from '../../src/importers/text/index.js';
import type { VersionInfo } from '../../src/store/api.js';
import type { KyselyStore } from '../../src/store/store.js';
import { REFERENCE } from '../paths.js';
import { BACKENDS, cleanupStores, freshStore, rejects } from './backends.js';

const ANSATZ: Column = { kind: 'ansatz', year: 2026 };
const PLANUNG: Column = { kind: 'planung', year: 2027 };
const LESER: Actor = { id: 9101, name: 'leserin', role: 'leser', produktbereiche: [] };
const FB43: Actor = { id: 9102, name: 'fb43', role: 'fachbereich', produktbereiche: ['43'] };
const FB01: Actor = { id: 9103, name: 'fb01', role: 'fachbereich', produktbereiche: ['01'] };
const KAEMMEREI: Actor = { id: 9104, name: 'kaemmerin', role: 'kaemmerei', produktbereiche: [] };
const PLAN = 'teilergebnisplan' as const;

function reference(): Budget {
  const r = importText(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt');
  if (!r.ok) throw new Error('reference does not import');
  return r.budget;
}

function amount(budget: Budget, node: string, line: string, column: Column): number | undefined {
  const l = planOf(
    budget.nodes.find((n) => n.code === node)!,
    PLAN,
  )!.lines.find((x) => x.line === line)!;
  return cellOf(l, column)?.amount;
}

afterAll(cleanupStores);

describe.each(BACKENDS)('Anmeldung on %s', (backend) => {
  let store: KyselyStore;
  let v: VersionInfo;
  const entry = (line: string, cents: number, column: Column = ANSATZ) => ({
    node: '43.01',
    plan: PLAN,
    line,
    column,
    amount: cents,
    reason: `Bedarf Zeile ${line}`,
  });

  beforeAll(async () => {
    store = await freshStore(backend, `anmeldung_${backend}`);
    v = await store.importBudget(SYSTEM_ACTOR, { budget: reference(), name: 'Kreis', stage: 'anmeldung' });
  }, 120_000);
  afterAll(() => store.close());

  it('keeps requests beside the figures and holds each role to its part', async () => {
    const before = await store.loadBudget(KAEMMEREI, v.id);
    const r13 = await store.requestFigure(FB43, v.id, entry('13', -60_000_000));
    expect(r13).toMatchObject({
      produktbereich: '43',
      status: 'offen',
      amount: -60_000_000,
      createdBy: 'fb43',
    });
    // entered again: the same request, changed
    const again = await store.requestFigure(FB43, v.id, entry('13', -58_000_000));
    expect(again.id).toBe(r13.id);
    await store.requestFigure(FB43, v.id, entry('15', -45_000_000, PLANUNG));
    // the cell keeps the Kämmerei's figure
    const after = await store.loadBudget(KAEMMEREI, v.id);
    expect(amount(after, '43.01', '13', ANSATZ)).toBe(amount(before, '43.01', '13', ANSATZ));

    // entry rules, rights, places
    await rejects(
      store.requestFigure(FB43, v.id, entry('13', -1, { kind: 'ansatz', year: 2025 })),
      'invalid',
    );
    await rejects(store.requestFigure(FB43, v.id, entry('10', 100)), 'invalid'); // a total
    await rejects(store.requestFigure(FB43, v.id, entry('13', -123_45)), 'invalid'); // cents in a whole-euro plan
    await rejects(store.requestFigure(FB01, v.id, entry('13', -100)), 'forbidden');
    await rejects(store.requestFigure(KAEMMEREI, v.id, entry('13', -100)), 'forbidden');
    await rejects(store.anmeldung(LESER, v.id), 'forbidden');
    await rejects(store.anmeldung(undefined, v.id), 'forbidden');
    expect((await store.anmeldung(FB01, v.id)).requests).toEqual([]);

    const a = await store.anmeldung(FB43, v.id);
    expect(a.areas.map((x) => [x.produktbereich, x.status, x.open])).toEqual([['43', 'in-arbeit', 2]]);
    // the Kämmerei may not decide before the Fachbereich submitted
    await rejects(
      store.decideAnmeldung(KAEMMEREI, v.id, { request: r13.id, decision: 'uebernehmen', comment: '' }),
      'invalid',
    );
    await rejects(store.submitAnmeldung(FB01, v.id, '43', 'abgegeben'), 'forbidden');
    const submitted = await store.submitAnmeldung(FB43, v.id, '43', 'abgegeben');
    expect(submitted).toMatchObject({ status: 'abgegeben', submittedBy: 'fb43', open: 2 });
    // locked once submitted
    await rejects(store.requestFigure(FB43, v.id, entry('16', -1_000_000)), 'invalid');
    await rejects(store.withdrawRequest(FB43, v.id, r13.id), 'invalid');
    await rejects(store.submitAnmeldung(FB43, v.id, '43', 'abgegeben'), 'invalid');
  });

  it('takes a figure over through the cell write and rejects another with a comment', async () => {
    const { requests } = await store.anmeldung(KAEMMEREI, v.id);
    const r13 = requests.find((r) => r.line === '13')!;
    const r15 = requests.find((r) => r.line === '15')!;
    const before = await store.loadBudget(KAEMMEREI, v.id);
    const revision = (await store.getVersion(KAEMMEREI, v.id)).revision;
    await rejects(
      store.decideAnmeldung(FB43, v.id, { request: r13.id, decision: 'uebernehmen', comment: '' }),
      'forbidden',
    );
    const taken = await store.decideAnmeldung(KAEMMEREI, v.id, {
      request: r13.id,
      decision: 'uebernehmen',
      comment: '',
    });
    expect(taken).toEqual({ decided: 1, revision: revision + 1 });
    const after = await store.loadBudget(KAEMMEREI, v.id);
    const delta = -58_000_000 - amount(before, '43.01', '13', ANSATZ)!;
    expect(amount(after, '43.01', '13', ANSATZ)).toBe(-58_000_000);
    // the totals follow: Ordentliche Aufwendungen of 43.01 and of the Produktbereich 43
    expect(amount(after, '43.01', '17', ANSATZ)).toBe(amount(before, '43.01', '17', ANSATZ)! + delta);
    expect(amount(after, '43', '17', ANSATZ)).toBe(amount(before, '43', '17', ANSATZ)! + delta);
    for (const line of ['18', '29', '31'])
      expect(amount(after, '43', line, ANSATZ), line).toBe(amount(before, '43', line, ANSATZ)! + delta);
    // decided once only
    await rejects(
      store.decideAnmeldung(KAEMMEREI, v.id, { request: r13.id, decision: 'ablehnen', comment: 'x' }),
      'invalid',
    );
    // a rejection needs a comment, and leaves the cell
    await rejects(
      store.decideAnmeldung(KAEMMEREI, v.id, { request: r15.id, decision: 'ablehnen', comment: ' ' }),
      'invalid',
    );
    await store.decideAnmeldung(KAEMMEREI, v.id, {
      request: r15.id,
      decision: 'ablehnen',
      comment: 'Eckwert überschritten',
    });
    const final = await store.loadBudget(KAEMMEREI, v.id);
    expect(amount(final, '43.01', '15', PLANUNG)).toBe(amount(before, '43.01', '15', PLANUNG));

    const seen = await store.anmeldung(FB43, v.id);
    expect(seen.areas[0]).toMatchObject({ status: 'geprueft', open: 0, taken: 1, rejected: 1 });
    expect(seen.requests.map((r) => [r.line, r.status, r.comment])).toEqual([
      ['13', 'uebernommen', null],
      ['15', 'abgelehnt', 'Eckwert überschritten'],
    ]);
    const trail = await store.audit(FB43, { versionId: v.id });
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['anmeldung', 'anmeldung-abgabe', 'anmeldung-entscheidung', 'cell']),
    );
  });

  it('shows the requests in the Entwurf made from the Anmeldung, and decides there', async () => {
    const other = await store.importBudget(SYSTEM_ACTOR, {
      budget: reference(),
      name: 'Zwei',
      stage: 'anmeldung',
    });
    await store.setEckwert(KAEMMEREI, other.id, '43', 50_000_000);
    await rejects(store.setEckwert(FB43, other.id, '43', 1), 'forbidden');
    await store.requestFigure(FB43, other.id, entry('16', -80_000_000));
    await store.requestFigure(FB43, other.id, entry('11', -1_400_000_00));
    await store.submitAnmeldung(FB43, other.id, '43', 'abgegeben');
    const entwurf = await store.advance(KAEMMEREI, other.id, 'Entwurf aufstellen');
    // the Anmeldung is closed: nothing more is entered, but the Entwurf shows it and decides it
    const a = await store.anmeldung(KAEMMEREI, entwurf.id);
    expect(a).toMatchObject({ versionId: other.id, open: false });
    expect(a.areas[0]).toMatchObject({ eckwert: 50_000_000, open: 2 });
    const result = await store.decideAnmeldung(KAEMMEREI, entwurf.id, {
      produktbereich: '43',
      decision: 'uebernehmen',
      comment: '',
    });
    expect(result.decided).toBe(2);
    const e = await store.loadBudget(KAEMMEREI, entwurf.id);
    expect(amount(e, '43.01', '16', ANSATZ)).toBe(-80_000_000);
    expect(amount(e, '43.01', '11', ANSATZ)).toBe(-1_400_000_00);
    // the closed Anmeldung keeps the Kämmerei's figure it had
    const closed = await store.loadBudget(KAEMMEREI, other.id);
    expect(amount(closed, '43.01', '16', ANSATZ)).not.toBe(-80_000_000);
    const seen = await store.anmeldung(FB43, other.id);
    expect(seen.areas[0]).toMatchObject({ status: 'geprueft', taken: 2 });
    expect(seen.requests.every((r) => r.decidedIn === entwurf.id)).toBe(true);
  });

  it('hands a submitted Produktbereich back with a comment; decided requests stay decided', async () => {
    // a version of its own: the walk above leaves PB 43 geprüft
    v = await store.importBudget(SYSTEM_ACTOR, { budget: reference(), name: 'Drei', stage: 'anmeldung' });
    const r13 = await store.requestFigure(FB43, v.id, entry('13', -58_000_000));
    const r15 = await store.requestFigure(FB43, v.id, entry('15', -45_000_000, PLANUNG));
    // nothing to hand back while in Arbeit
    await rejects(store.handBackAnmeldung(KAEMMEREI, v.id, '43', 'bitte prüfen'), 'invalid');
    await store.submitAnmeldung(FB43, v.id, '43', 'abgegeben');
    await store.decideAnmeldung(KAEMMEREI, v.id, { request: r13.id, decision: 'uebernehmen', comment: '' });

    await rejects(store.handBackAnmeldung(FB43, v.id, '43', 'selbst'), 'forbidden');
    await rejects(store.handBackAnmeldung(LESER, v.id, '43', 'x'), 'forbidden');
    await rejects(store.handBackAnmeldung(KAEMMEREI, v.id, '43', '  '), 'invalid');
    await rejects(store.handBackAnmeldung(KAEMMEREI, v.id, '99', 'x'), 'not-found');
    const back = await store.handBackAnmeldung(KAEMMEREI, v.id, '43', ' Zeile 15 bitte begründen ');
    expect(back).toMatchObject({
      status: 'in-arbeit',
      returnedBy: 'kaemmerin',
      returnComment: 'Zeile 15 bitte begründen',
      open: 1,
      taken: 1,
      checkedAt: null,
    });
    expect(back.returnedAt).not.toBeNull();

    // in Arbeit again: the open request may change, a new one be added; the one taken over stays
    const changed = await store.requestFigure(FB43, v.id, {
      ...entry('15', -44_000_000, PLANUNG),
      reason: 'Tarifsteigerung 2,5 %',
    });
    expect(changed).toMatchObject({ id: r15.id, amount: -44_000_000, status: 'offen' });
    await store.requestFigure(FB43, v.id, entry('16', -1_000_000));
    await rejects(store.requestFigure(FB43, v.id, entry('13', -1_000_000)), 'invalid');
    await rejects(store.withdrawRequest(FB43, v.id, r13.id), 'invalid');
    // the Kämmerei waits for the new submission
    await rejects(
      store.decideAnmeldung(KAEMMEREI, v.id, { request: r15.id, decision: 'uebernehmen', comment: '' }),
      'invalid',
    );

    const again = await store.submitAnmeldung(FB43, v.id, '43', 'überarbeitet');
    expect(again).toMatchObject({ status: 'abgegeben', open: 2, taken: 1 });
    const seen = await store.anmeldung(FB43, v.id);
    expect(seen.areas[0]).toMatchObject({
      returnedBy: 'kaemmerin',
      returnComment: 'Zeile 15 bitte begründen',
    });
    expect(seen.requests.find((r) => r.id === r13.id)).toMatchObject({ status: 'uebernommen' });

    await store.decideAnmeldung(KAEMMEREI, v.id, {
      produktbereich: '43',
      decision: 'ablehnen',
      comment: 'Eckwert überschritten',
    });
    await rejects(store.handBackAnmeldung(KAEMMEREI, v.id, '43', 'noch einmal'), 'invalid');
    const trail = await store.audit(KAEMMEREI, { versionId: v.id });
    const handBack = trail.find((e) => e.action === 'anmeldung-rueckgabe');
    expect(handBack).toMatchObject({
      actor: 'kaemmerin',
      old: 'abgegeben',
      new: 'in Arbeit',
      reason: 'Zeile 15 bitte begründen',
    });
  });

  it('reads the requests of one node for those who may see the Anmeldung', async () => {
    const k = await store.nodeRequests(KAEMMEREI, v.id, '43.01');
    expect(k.map((r) => [r.line, r.status])).toEqual([
      ['13', 'uebernommen'],
      ['15', 'abgelehnt'],
      ['16', 'abgelehnt'],
    ]);
    expect(k[1]).toMatchObject({ amount: -44_000_000, comment: 'Eckwert überschritten', createdBy: 'fb43' });
    expect((await store.nodeRequests(FB43, v.id, '43.01')).length).toBe(3);
    expect(await store.nodeRequests(FB01, v.id, '43.01')).toEqual([]);
    expect(await store.nodeRequests(KAEMMEREI, v.id, '43')).toEqual([]);
    await rejects(store.nodeRequests(LESER, v.id, '43.01'), 'forbidden');
    await rejects(store.nodeRequests(undefined, v.id, '43.01'), 'forbidden');

    // the Entwurf shows the requests of the Anmeldung it came from
    const entwurf = await store.advance(KAEMMEREI, v.id, 'Entwurf aufstellen');
    expect((await store.nodeRequests(KAEMMEREI, entwurf.id, '43.01')).length).toBe(3);
    // a version with no Anmeldung behind it has none
    const plain = await store.importBudget(SYSTEM_ACTOR, {
      budget: reference(),
      name: 'Ohne',
      stage: 'entwurf',
    });
    expect(await store.nodeRequests(KAEMMEREI, plain.id, '43.01')).toEqual([]);
  });
});
