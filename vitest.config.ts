import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/.tmp/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Suites that run the CLI or a browser are heavy: one file at a time on 2 cores.
    fileParallelism: false,
    // a temporary folder where browser test files that build the same pages share one build (test/helpers/site.ts)
    globalSetup: ['test/helpers/globalSetup.ts'],
  },
});
