/**
 * Golden files: `expectGolden(name, actual)` compares with `test/golden/<name>`. `npm run test:update`
 * (UPDATE_GOLDEN=1) writes and rewrites them deliberately; review the diff. A missing golden file fails, in CI
 * and on a developer's machine alike (a test that writes its own expectation cannot fail).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from './paths.js';

export const GOLDEN_DIR = path.join(REPO_ROOT, 'test/golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  const update = process.env.UPDATE_GOLDEN === '1';
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden file ${name} is missing; write it with npm run test:update and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
