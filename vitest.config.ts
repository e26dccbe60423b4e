import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { defineConfig } from 'vitest/config';

/** The multi-process scale-out test: replicas as OS processes on PostgreSQL databases and Redis. */
const SCALE_OUT = 'tests/scale-out.test.ts';
/** Tests that need a Redis server (shared caches and limits across gateways). */
const NEEDS_REDIS = [
  'tests/gateway-caching.test.ts',
  'tests/gateway-warm-up.test.ts',
  'tests/gateway-limits.test.ts',
  'tests/gateway-workers.test.ts',
  'packages/service-kit/src/event-lag.test.ts',
  'tests/trusted-documents.test.ts',
  SCALE_OUT,
];
/** Tests that drive a real browser (Debian's chromium through playwright-core; .ci/run installs it). */
const NEEDS_CHROMIUM = ['tests/explorer.browser.test.ts', 'tests/storefront.browser.test.ts'];
/** Tests that need a PostgreSQL server (TEST_DATABASE_URL): separate processes cannot share an embedded database. */
const NEEDS_POSTGRES = [SCALE_OUT, 'tests/backup.test.ts', 'tests/housekeeping-lease.test.ts'];

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export default defineConfig(async () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await reachable(redisUrl);
  if (!redis) {
    // Said out loud, never silently: CI always has Redis, so these run there.
    console.warn(`No Redis at ${redisUrl} (set TEST_REDIS_URL): not running ${NEEDS_REDIS.join(', ')}`);
  }
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const chromium = existsSync(chromiumPath);
  if (!chromium)
    console.warn(
      `No chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH): not running ${NEEDS_CHROMIUM.join(', ')}`,
    );
  const postgres = Boolean(process.env.TEST_DATABASE_URL);
  if (!postgres) {
    console.warn(`TEST_DATABASE_URL is not set (embedded run): not running ${NEEDS_POSTGRES.join(', ')}`);
  }
  // Workspace packages resolve to their TypeScript sources (the `@fed/source` export condition),
  // not to the built dist/ that their published tarballs carry (packages/sdk).
  const conditions = ['@fed/source', 'node', 'development|production'];
  return {
    ssr: { resolve: { conditions } },
    test: {
      include: ['packages/**/*.test.ts', 'gateway/**/*.test.ts', 'subgraphs/**/*.test.ts', 'tests/**/*.test.ts', 'bench/**/*.test.ts'],
      exclude: [
        '**/node_modules/**',
        ...(redis ? [] : NEEDS_REDIS),
        ...(chromium ? [] : NEEDS_CHROMIUM),
        ...(postgres ? [] : NEEDS_POSTGRES),
      ],
      globalSetup: ['./vitest.global-setup.ts'],
      pool: 'forks',
      // Two cores: more workers only contend for them (each test file runs real databases).
      maxWorkers: 2,
      testTimeout: 60_000,
      hookTimeout: 180_000,
      env: { LOG_LEVEL: 'silent' },
    },
  };
});
