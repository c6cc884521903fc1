/**
 * What an import reads besides the budget's files: an import profile (`data/profiles`: table, account or long
 * profile, checked for the fields and patterns it needs) and a city's account mapping CSV. Errors name the file
 * and what is wrong, in German.
 */
import { readFile } from 'node:fs/promises';
import { isAccountProfile, type AccountProfile } from './accounts/index.js';
import { parseMappingCsv, type AccountMapping } from './accounts/mapping.js';
import { decode } from './decode.js';
import { readProblem } from './files.js';
import type { TableProfile } from './table/index.js';
import type { ImportError } from './types.js';
import { isLongProfile, type LongProfile } from './long/index.js';
import { longProfileProblem } from './long/profile.js';

/** The German error for a pattern that is no valid regular expression; undefined for a valid one. */
function invalidPattern(pattern: string, field: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch {
    return `Muster „${pattern}“ in ${field} ist kein gültiger regulärer Ausdruck`;
  }
}

/** Reads an import profile (see data/profiles); errors name the file and what is wrong. */
export async function loadProfile(
  file: string,
): Promise<
  { ok: true; profile: TableProfile | AccountProfile | LongProfile } | { ok: false; error: ImportError }
> {
  const fail = (message: string): { ok: false; error: ImportError } => ({
    ok: false,
    error: { file, message },
  });
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return fail(`Profil nicht lesbar: ${e instanceof Error ? e.message : String(e)}`);
  }
  const p = raw as { id?: unknown; title?: unknown } | null;
  if (typeof p !== 'object' || p === null || typeof p.id !== 'string' || typeof p.title !== 'string')
    return fail('Profil braucht mindestens die Felder „id“ und „title“');
  if (isLongProfile(raw)) {
    const problem = longProfileProblem(raw);
    return problem ? fail(problem) : { ok: true, profile: raw };
  }
  if (isAccountProfile(raw)) {
    if (typeof raw.columns !== 'object' || typeof raw.productCode !== 'object')
      return fail('Kontenprofil braucht „columns“ (product, account) und „productCode“ (pattern, levels)');
    const problem = invalidPattern(raw.productCode.pattern, 'productCode');
    return problem ? fail(problem) : { ok: true, profile: raw };
  }
  const table = raw as TableProfile;
  for (const f of table.nodeFromFileName ?? []) {
    const problem = invalidPattern(f.pattern, 'nodeFromFileName');
    if (problem) return fail(problem);
  }
  return { ok: true, profile: table };
}

/** Reads a city's account mapping CSV (see src/importers/accounts/mapping.ts). */
export async function loadMapping(
  file: string,
): Promise<{ ok: true; mapping: AccountMapping } | { ok: false; error: ImportError }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return { ok: false, error: { file, message: readProblem(e) } };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, error: { file, message: decoded.message } };
  const r = parseMappingCsv(decoded.text, file);
  return r.ok ? r : { ok: false, error: { file, message: r.message } };
}

/** The profile and the mapping an import is given by file (`--profile`, `--mapping`, an upload's), both read. */
export async function loadSideFiles(files: {
  readonly profile?: string | undefined;
  readonly mapping?: string | undefined;
}): Promise<
  | {
      readonly ok: true;
      readonly profile?: TableProfile | AccountProfile | LongProfile;
      readonly mapping?: AccountMapping;
    }
  | { readonly ok: false; readonly error: ImportError }
> {
  const p = files.profile === undefined ? undefined : await loadProfile(files.profile);
  if (p && !p.ok) return p;
  const m = files.mapping === undefined ? undefined : await loadMapping(files.mapping);
  if (m && !m.ok) return m;
  return { ok: true, ...(p ? { profile: p.profile } : {}), ...(m ? { mapping: m.mapping } : {}) };
}
