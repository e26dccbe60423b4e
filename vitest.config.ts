import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['./vitest.global-setup.ts'],
    pool: 'forks',
    // Two cores: more workers only contend for them (each test file runs real databases).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
