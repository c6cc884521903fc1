// The folder rules of docs/architecture.md as lint: which folder may import which. One table (`MAY_IMPORT`),
// turned into `no-restricted-imports` blocks per source directory: a relative import that reaches a folder the
// table does not allow fails the lint, as does a Node built-in where the table says the code is pure. Tests
// (`*.test.ts`) may import anything. test/boundaries.test.ts proves that a forbidden import fails.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** What the server may import: every adapter, the store, and what they build on. */
const SERVER_MAY_IMPORT = [
  'src/core',
  'src/formats',
  'src/importers',
  'src/exporters',
  'src/reports',
  'src/publish',
  'src/store',
  'data',
];

/** Source folders (relative to the repository root) and the folders each may import besides itself. */
export const MAY_IMPORT = {
  'src/core': ['data'],
  'src/formats': ['src/core'],
  'src/importers': ['src/core', 'src/formats', 'data'],
  'src/exporters': ['src/core', 'src/formats'],
  'src/reports': ['src/core'],
  'src/publish': ['src/core'],
  'src/generate': ['src/core', 'data'],
  'src/store': ['src/core', 'data'],
  'src/server': SERVER_MAY_IMPORT,
  // the command: everything the server may, the generator, and the server itself
  'src/cli': [...SERVER_MAY_IMPORT, 'src/generate', 'src/server'],
  'web/src': ['src/core'],
};

/** Folders whose code is pure (runs in the browser or anywhere): no Node built-ins. */
export const PURE = ['src/core', 'src/formats', 'web/src'];

/** Folders whose types (only their types: `import type`) the web page may use: the server's answers. */
export const WEB_TYPES_FROM = ['src/server', 'src/store'];

const FOLDERS = [...new Set([...Object.keys(MAY_IMPORT), 'data', 'bench', 'test'])];

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function directories(root, dir) {
  const out = [dir];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true }))
    if (e.isDirectory()) out.push(...directories(root, path.join(dir, e.name)));
  return out;
}

/** The regular expression of relative imports from `dir` into `folder` (and below it). */
function reaching(dir, folder) {
  const rel = path.relative(dir, folder).split(path.sep).join('/');
  const spec = rel.startsWith('.') ? rel : `./${rel}`;
  return `^${escape(spec)}(?:/|$)`;
}

/** The lint blocks for every directory of every source folder under `root`. */
export function boundaries(root) {
  const blocks = [];
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    const forbidden = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
    for (const dir of directories(root, folder)) {
      const patterns = forbidden.map((f) => ({
        regex: reaching(dir, f),
        message: `${folder} darf ${f} nicht importieren (docs/architecture.md, Ordner und Abhängigkeiten).`,
        ...(folder === 'web/src' && WEB_TYPES_FROM.includes(f) ? { allowTypeImports: true } : {}),
      }));
      if (PURE.includes(folder))
        patterns.push({
          regex: '^node:',
          message: `${folder} ist rein (läuft auch im Browser): keine Node-Module.`,
        });
      blocks.push({
        files: [`${dir}/*.ts`, `${dir}/*.tsx`],
        ignores: ['**/*.test.ts', '**/*.test.tsx'],
        rules: {
          'no-restricted-imports': 'off',
          '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
        },
      });
    }
  }
  return blocks;
}
