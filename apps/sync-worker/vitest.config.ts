import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts its own database (PGlite: a WASM initdb of 2-3 s, plus migrations).
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
