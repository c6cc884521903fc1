/** Paths tests read from: the repository root and the shared folder beside it (reference document, real budgets). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const REFERENCE = path.join(SHARED, 'reference/kreis-coesfeld-2026-pb43.txt');
export const DATA = path.join(SHARED, 'data');
