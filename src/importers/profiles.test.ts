import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/paths.js';
import { loadProfile } from './profiles.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-profile-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});
function profileFile(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}
async function refusal(name: string, content: unknown): Promise<string> {
  const file = profileFile(name, typeof content === 'string' ? content : JSON.stringify(content));
  const r = await loadProfile(file);
  if (r.ok) throw new Error(`${name}: accepted`);
  expect(r.error.file).toBe(file);
  return r.error.message;
}

const ACCOUNTS = {
  id: 'konten',
  title: 'Konten',
  kind: 'accounts',
  columns: { product: 'Produkt', account: 'Konto' },
  productCode: { pattern: '^(\\d{2})(\\d{2})$', levels: ['produktbereich', 'produktgruppe'] },
  signs: 'sap',
};

describe('loadProfile', () => {
  it('reads the shipped profiles of every kind', async () => {
    for (const name of ['koeln-open-data.json', 'long-beispiel.json', 'wesel-sap.json']) {
      const r = await loadProfile(path.join(REPO_ROOT, 'data/profiles', name));
      expect(r.ok, name).toBe(true);
    }
  });

  it('names what is wrong with a profile, in German', async () => {
    expect(await refusal('kaputt.json', '{"id": ')).toMatch(/^Profil nicht lesbar: /u);
    expect(await refusal('ohne-titel.json', { id: 'x' })).toBe(
      'Profil braucht mindestens die Felder „id“ und „title“',
    );
    expect(await refusal('konten-ohne-spalten.json', { id: 'k', title: 'K', kind: 'accounts' })).toBe(
      'Kontenprofil braucht „columns“ (product, account) und „productCode“ (pattern, levels)',
    );
    expect(
      await refusal('konten-muster.json', { ...ACCOUNTS, productCode: { pattern: '(\\d', levels: [] } }),
    ).toBe('Muster „(\\d“ in productCode ist kein gültiger regulärer Ausdruck');
    expect(
      await refusal('tabelle-muster.json', {
        id: 't',
        title: 'T',
        nodeFromFileName: [{ pattern: 'PG(\\d{2}', level: 'produktgruppe' }],
      }),
    ).toBe('Muster „PG(\\d{2}“ in nodeFromFileName ist kein gültiger regulärer Ausdruck');
  });

  it('accepts an account profile whose pattern is a valid expression', async () => {
    const r = await loadProfile(profileFile('konten.json', JSON.stringify(ACCOUNTS)));
    expect(r.ok && r.profile.id).toBe('konten');
  });
});
