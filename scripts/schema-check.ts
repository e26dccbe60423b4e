/**
 * `npm run schema:check`: fails on breaking changes to the public API schema (schema.graphql)
 * unless schema-changes.allow.json lists them with a reason.
 *   default    the working tree's schema.graphql against the one committed at HEAD (run before committing)
 *   --history  every commit that changed schema.graphql against its parent (CI)
 *   --schema <file>  that file instead of the working tree's schema.graphql
 * With REDIS_URL it also validates every registered client's trusted documents (`npm run
 * trusted-documents -- register`) against the new schema: a change that breaks an operation a
 * registered client build ships fails, allow-listed or not (unregister the retired build first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { checkClientOperations, checkSchemaChange, type AllowedChange } from '../gateway/src/schema-check.ts';
import { loadRegisteredClients } from '../gateway/src/trusted-registry.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const schemaAt = (ref: string): string | null => {
  try {
    return git('show', `${ref}:schema.graphql`);
  } catch {
    return null;
  }
};
const allowPath = `${root}/schema-changes.allow.json`;
const allowList = existsSync(allowPath) ? (JSON.parse(readFileSync(allowPath, 'utf8')) as AllowedChange[]) : [];

const comparisons: { label: string; previous: string | null; next: string }[] = [];
if (process.argv.includes('--history')) {
  for (const commit of git('log', '--format=%H', '--', 'schema.graphql').split('\n').filter(Boolean)) {
    const next = schemaAt(commit);
    if (next) comparisons.push({ label: `commit ${commit.slice(0, 10)}`, previous: schemaAt(`${commit}^`), next });
  }
} else {
  const schemaIndex = process.argv.indexOf('--schema');
  const nextPath = schemaIndex >= 0 ? process.argv[schemaIndex + 1] : `${root}/schema.graphql`;
  if (!nextPath) throw new Error('--schema: needs a file path');
  comparisons.push({
    label: schemaIndex >= 0 ? `${nextPath} vs HEAD` : 'working tree vs HEAD',
    previous: schemaAt('HEAD'),
    next: readFileSync(nextPath, 'utf8'),
  });
}

let failed = false;
for (const { label, previous, next } of comparisons) {
  if (!previous) continue;
  const result = checkSchemaChange(previous, next, allowList);
  for (const message of result.dangerous) console.log(`${label}: dangerous: ${message}`);
  for (const message of result.allowed) console.log(`${label}: allowed breaking change: ${message}`);
  for (const message of result.breaking) console.error(`${label}: BREAKING: ${message}`);
  if (result.breaking.length > 0) failed = true;
}
if (process.env.REDIS_URL) {
  const latest = comparisons[comparisons.length - 1];
  const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const clients = await loadRegisteredClients(redis, process.env.REDIS_KEY_PREFIX ?? 'fed:gateway:');
    // The newest schema of this run: the working tree's, or the newest commit's with --history.
    const newest = process.argv.includes('--history') ? comparisons[0] : latest;
    const broken = newest ? checkClientOperations(newest.next, clients) : [];
    for (const message of broken) console.error(`BREAKS A REGISTERED CLIENT: ${message}`);
    if (broken.length > 0) failed = true;
    else console.log(`registered clients' operations validate (${clients.length} client build${clients.length === 1 ? '' : 's'})`);
  } finally {
    redis.disconnect();
  }
}
if (failed) {
  console.error(
    '\nBreaking changes to the public API. Keep the old field (deprecate it) or, if clients are ready, add each message above to schema-changes.allow.json with a reason.',
  );
  process.exit(1);
}
console.log(`schema check passed (${comparisons.length} comparison${comparisons.length === 1 ? '' : 's'})`);
