/**
 * Einwendungen on both backends: recorded while a version is ausgelegt with the day received and the unit
 * concerned, answered with a decision (also once the version went on), refused before and for others; and
 * every field of an Erläuterung item edited, its previous-year amount too, which fixes the sample's warning
 * on 43.01 line 13.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/workflow.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { KyselyStore } from '../../src/store/store.js';
import { referenceBudget } from '../server/helpers.js';
import { BACKENDS, cleanupStores, freshStore, rejects } from './backends.js';

const KAEMMEREI: Actor = { id: null, name: 'kaemmerin', role: 'kaemmerei', produktbereiche: [] };
const LESER: Actor = { id: null, name: 'leserin', role: 'leser', produktbereiche: [] };

const opened: KyselyStore[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  await cleanupStores();
});

describe.each(BACKENDS)('Einwendungen and Erläuterung items (%s)', (backend) => {
  it('records an Einwendung while ausgelegt, answers it, and refuses what is not allowed', async () => {
    const store = await freshStore(backend, 'einwendungen');
    opened.push(store);
    const entwurf = await store.importBudget(SYSTEM_ACTOR, { budget: await referenceBudget(), name: 'B' });
    await rejects(store.recordEinwendung(KAEMMEREI, entwurf.id, { author: 'A', text: 'T' }), 'invalid');
    const bestaetigt = await store.advance(KAEMMEREI, entwurf.id, 'bestätigt');
    const ausgelegt = await store.advance(KAEMMEREI, bestaetigt.id, 'ausgelegt');
    const given = { author: 'Erika Muster', text: 'Die Kreisumlage ist zu hoch.', receivedOn: '2026-01-15' };
    await rejects(store.recordEinwendung(LESER, ausgelegt.id, given), 'forbidden');
    await rejects(store.recordEinwendung(KAEMMEREI, ausgelegt.id, { ...given, unit: '99.99' }), 'invalid');
    await rejects(
      store.recordEinwendung(KAEMMEREI, ausgelegt.id, { ...given, receivedOn: '2026-02-30' }),
      'invalid',
    );
    const made = await store.recordEinwendung(KAEMMEREI, ausgelegt.id, { ...given, unit: '43.01' });
    expect(made).toMatchObject({
      ...given,
      unit: '43.01',
      answer: null,
      decision: null,
      recordedBy: 'kaemmerin',
    });
    await rejects(
      store.answerEinwendung(LESER, ausgelegt.id, made.id, { answer: 'x', decision: 'stattgegeben' }),
      'forbidden',
    );
    await rejects(
      store.answerEinwendung(KAEMMEREI, ausgelegt.id, made.id + 1, { answer: 'x', decision: 'stattgegeben' }),
      'not-found',
    );
    // the Rat decides on them at the Beschluss: answered also once the Auslegung has ended
    const next = await store.advance(KAEMMEREI, ausgelegt.id, 'Veränderungsliste');
    const answered = await store.answerEinwendung(KAEMMEREI, ausgelegt.id, made.id, {
      answer: 'Die Umlage folgt dem Bedarf.',
      decision: 'zurueckgewiesen',
    });
    expect(answered).toMatchObject({ decision: 'zurueckgewiesen', answeredBy: 'kaemmerin' });
    expect(await store.listEinwendungen(KAEMMEREI, ausgelegt.id)).toEqual([answered]);
    await rejects(store.listEinwendungen(LESER, ausgelegt.id), 'forbidden');
    await rejects(store.recordEinwendung(KAEMMEREI, next.id, { author: 'B', text: 'zu spät' }), 'invalid');
    const trail = await store.audit(KAEMMEREI, { versionId: ausgelegt.id });
    expect(trail.filter((e) => e.action === 'einwendung').map((e) => e.reason)).toEqual([
      'Einwendung erfasst',
      'Einwendung beantwortet',
    ]);
  });

  it('edits every field of an Erläuterung item; the previous-year amount fixes the warning of 43.01 line 13', async () => {
    const store = await freshStore(backend, 'erl_items');
    opened.push(store);
    const v = await store.importBudget(SYSTEM_ACTOR, { budget: await referenceBudget(), name: 'B' });
    const warning = (await store.findings(KAEMMEREI, v.id, { node: '43.01' })).open.find(
      (f) => f.severity === 'warning' && f.line === '13' && f.kind === 'ansatz',
    );
    expect(warning?.difference).toBeDefined();
    const { node, rev } = await store.getNode(KAEMMEREI, v.id, '43.01');
    const index = node.erlaeuterungen.findIndex((e) => e.plan === 'teilergebnisplan' && e.line === '13');
    const items = node.erlaeuterungen[index]!.items;
    const at = items.findIndex((it) => (it.previous?.amount ?? 0) > Math.abs(warning!.difference!));
    const item = items[at]!;
    const previous = { ...item.previous!, amount: item.previous!.amount! - warning!.difference! };
    const after = await store.editErlaeuterung(KAEMMEREI, v.id, {
      node: '43.01',
      erlaeuterung: index,
      item: at,
      text: item.text,
      letter: 'z',
      previous,
      itemReason: 'Vorjahresbetrag berichtigt',
      remark: null,
      rev,
      reason: 'Vorjahresbetrag wie im Haushalt 2025',
    });
    const edited = after.node.erlaeuterungen[index]!.items[at]!;
    expect(edited).toMatchObject({
      letter: 'z',
      previous,
      reason: 'Vorjahresbetrag berichtigt',
      amount: item.amount,
    });
    expect(edited.remark).toBeUndefined();
    const open = (await store.findings(KAEMMEREI, v.id, { node: '43.01' })).open;
    expect(open.filter((f) => f.rule === warning!.rule && f.line === '13' && f.kind === 'ansatz')).toEqual(
      [],
    );
    // the previous amount removed: no year named, no comparison
    const removed = await store.editErlaeuterung(KAEMMEREI, v.id, {
      node: '43.01',
      erlaeuterung: index,
      item: at,
      text: item.text,
      previous: null,
      rev: after.rev,
      reason: 'ohne Vorjahr',
    });
    expect(removed.node.erlaeuterungen[index]!.items[at]!.previous).toBeUndefined();
    expect(removed.node.erlaeuterungen[index]!.items[at]!.letter).toBe('z');
  });
});
