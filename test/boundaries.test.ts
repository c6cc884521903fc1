/**
 * The folder rules are enforced: the lint's boundary blocks (eslint.boundaries.js, part of the project's
 * eslint.config.js and so of `npm run lint`) refuse an import a folder may not make and let the allowed ones
 * pass, through the real ESLint. The probe files are linted as text under a path in the folder, never written
 * (without type information: the type-aware rules need files of the project, the boundaries do not).
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../eslint.boundaries.js';
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
