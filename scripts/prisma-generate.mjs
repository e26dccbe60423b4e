#!/usr/bin/env node
// Generates each subgraph's Prisma client from prisma/<subgraph>/schema.prisma, skipping schemas
// whose client is already generated from the same source (so `npm start`/`npm test` stay fast).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const subgraphs = ['users', 'catalog', 'shipping', 'exports', 'audit'];
const prismaVersion = createRequire(import.meta.url)('prisma/package.json').version;
const force = process.argv.includes('--force');

// `prisma generate` never runs the native schema engine, but the CLI downloads it unless one is
// configured; pointing at any existing file keeps generation offline-safe.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

for (const name of subgraphs) {
  const schema = join(root, 'prisma', name, 'schema.prisma');
  const output = join(root, 'subgraphs', name, 'src', 'generated', 'prisma');
  const stamp = join(output, '.source-hash');
  const hash = createHash('sha256').update(readFileSync(schema)).update(prismaVersion).digest('hex');
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
  execFileSync(process.execPath, [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schema], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, hash);
  console.log(`prisma client generated for ${name}`);
}
