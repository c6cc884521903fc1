import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    // property tests: one seed per run (test/global-setup.ts), the commit's in CI, applied per file
    setupFiles: ['test/property-seed.ts'],
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
