import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    // property tests: one seed per run, the commit's in CI (test/property-seed.ts)
    setupFiles: ['test/property-seed.ts'],
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
