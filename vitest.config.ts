import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    // The CLI and read-pool tests run the compiled code (bin/masthead.js, worker threads).
    globalSetup: ['tests/helpers/build-main.ts'],
  },
});
