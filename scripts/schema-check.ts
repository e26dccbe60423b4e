/**
 * `npm run schema:check`: fails on breaking changes to the public API schema (schema.graphql)
 * unless schema-changes.allow.json lists them with a reason.
 *   default    the working tree's schema.graphql against the one committed at HEAD (run before committing)
 *   --history  every commit that changed schema.graphql against its parent (CI)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSchemaChange, type AllowedChange } from '../gateway/src/schema-check.ts';

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
  comparisons.push({ label: 'working tree vs HEAD', previous: schemaAt('HEAD'), next: readFileSync(`${root}/schema.graphql`, 'utf8') });
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
if (failed) {
  console.error(
    '\nBreaking changes to the public API. Keep the old field (deprecate it) or, if clients are ready, add each message above to schema-changes.allow.json with a reason.',
  );
  process.exit(1);
}
console.log(`schema check passed (${comparisons.length} comparison${comparisons.length === 1 ? '' : 's'})`);
