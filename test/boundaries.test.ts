/**
 * The folder rules are enforced: the lint's boundary blocks (eslint.boundaries.js, part of the project's
 * eslint.config.js and so of `npm run lint`) refuse an import a folder may not make and let the allowed ones
 * pass, through the real ESLint. The probe files are linted as text under a path in the folder, never written
 * (without type information: the type-aware rules need files of the project, the boundaries do not).
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { boundaries, MAY_IMPORT, PURE } from '../eslint.boundaries.js';
import { REPO_ROOT } from './paths.js';

const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...boundaries(REPO_ROOT),
  ],
});

/** The boundary messages ESLint gives for `code` as if it stood at `file`. */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('folder boundaries in the lint', () => {
  it('are part of the project lint for every source folder', async () => {
    const project = new ESLint({ cwd: REPO_ROOT });
    for (const file of [
      'src/core/money.ts',
      'src/importers/index.ts',
      'src/store/store.ts',
      'web/src/api.ts',
    ]) {
      const config = (await project.calculateConfigForFile(`${REPO_ROOT}/${file}`)) as {
        rules: Record<string, [string, { patterns: unknown[] }]>;
      };
      const rule = config.rules['@typescript-eslint/no-restricted-imports'];
      expect(rule?.[0], file).toBe(2);
      expect(rule?.[1].patterns.length, file).toBeGreaterThan(3);
    }
  }, 60_000);

  it('refuses the core importing an adapter or a Node module', async () => {
    const found = await refusals(
      'src/core/check/rules/probe.ts',
      "import { importFiles } from '../../../importers/index.js';\nimport { readFileSync } from 'node:fs';\nexport const x = [importFiles, readFileSync];\n",
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/src\/core darf src\/importers nicht importieren/u);
    expect(found[1]).toMatch(/keine Node-Module/u);
  }, 60_000);

  it('refuses an importer importing an exporter, and the store importing the server', async () => {
    expect(
      await refusals(
        'src/importers/tidy-csv/probe.ts',
        "import { toTidyCsv } from '../../exporters/tidy-csv.js';\nexport const x = toTidyCsv;\n",
      ),
    ).toEqual([expect.stringMatching(/src\/importers darf src\/exporters nicht importieren/u)]);
    expect(
      await refusals(
        'src/store/probe.ts',
        "import { buildServer } from '../server/server.js';\nexport const x = buildServer;\n",
      ),
    ).toHaveLength(1);
  }, 60_000);

  it('lets the web page use the core, and the server only for types', async () => {
    expect(
      await refusals(
        'web/src/probe.ts',
        "import { formatGerman } from '../../src/core/money.js';\nimport type { NodeView } from '../../src/server/node-view.js';\nexport const x: NodeView | string = formatGerman(1, 0);\n",
      ),
    ).toEqual([]);
    expect(
      await refusals(
        'web/src/probe.ts',
        "import { nodeView } from '../../src/server/node-view.js';\nexport const x = nodeView;\n",
      ),
    ).toEqual([expect.stringMatching(/web\/src darf src\/server nicht importieren/u)]);
  }, 60_000);

  it('allows what the table allows: the server the store, the importers the shared formats', async () => {
    expect(
      await refusals(
        'src/server/routes/probe.ts',
        "import { openStore } from '../../store/store.js';\nexport const x = openStore;\n",
      ),
    ).toEqual([]);
    expect(
      await refusals(
        'src/importers/tidy-csv/probe.ts',
        "import { TIDY_HEADER } from '../../formats/tidy-csv.js';\nexport const x = TIDY_HEADER;\n",
      ),
    ).toEqual([]);
  }, 60_000);
});

/** Every directory under `folder` (itself included), relative to the repository root. */
function directories(folder: string): string[] {
  const out = [folder];
  for (const e of readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true }))
    if (e.isDirectory()) out.push(...directories(`${folder}/${e.name}`));
  return out;
}

/**
 * The folders a README's "May import" sentence names (backticked, up to the sentence's end), its own top
 * folder left out: `src/core`, `data/` → `src/core`, `data`.
 */
function namedImports(readme: string, own: string): string[] | undefined {
  const at = readme.search(/May import\**:/u);
  if (at < 0) return undefined;
  const sentence = readme.slice(at).split(/\.(?:\s|$)/u)[0]!;
  const named = [...sentence.matchAll(/`((?:src|web)\/[a-z-]+|data)\/?`/gu)].map((m) => m[1]!);
  return [...new Set(named)].filter((f) => f !== own).sort();
}

describe('folder READMEs', () => {
  it('read the "May import" sentence as the folders it names', () => {
    expect(
      namedImports('x\n- **May import**: `src/core`, `data/`, Node. Never `src/server`.', 'src/store'),
    ).toEqual(['data', 'src/core']);
    expect(namedImports('May import: only `src/core` and `data/`.', 'src/core')).toEqual(['data']);
    expect(namedImports('no such line', 'src/core')).toBeUndefined();
  });

  it('stand in every source folder and name exactly what the lint lets it import', () => {
    const wrong: string[] = [];
    if (!existsSync(path.join(REPO_ROOT, 'src/README.md'))) wrong.push('src: no README.md');
    for (const [top, allowed] of Object.entries(MAY_IMPORT))
      for (const dir of directories(top)) {
        const file = path.join(REPO_ROOT, dir, 'README.md');
        if (!existsSync(file)) {
          wrong.push(`${dir}: no README.md`);
          continue;
        }
        const text = readFileSync(file, 'utf8');
        const named = namedImports(text, top);
        const expected = [...allowed].sort();
        if (named === undefined) wrong.push(`${dir}: no "May import" sentence`);
        else if (JSON.stringify(named) !== JSON.stringify(expected))
          wrong.push(`${dir}: names ${named.join(', ')}; the lint allows ${expected.join(', ')}`);
        if (PURE.includes(top) && !/no `node:` modules/iu.test(text))
          wrong.push(`${dir}: pure, but its README does not say "no \`node:\` modules"`);
      }
    expect(wrong).toEqual([]);
  });
});
