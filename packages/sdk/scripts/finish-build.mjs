// The last step of `npm run build` of @fed/sdk, on the compiled dist/:
// 1. Declaration files keep the sources' `./x.ts` specifiers (tsc rewrites them only in .js); a
//    consumer's tsc without allowImportingTsExtensions, or an older one, wants `./x.js`.
// 2. dist/persisted-documents.json: every document the SDK exports, keyed by the sha256 (hex) of the
//    exact text the SDK sends, the client preset's persisted-documents format. It is the manifest a
//    gateway with trusted documents registers for this SDK's client name and version
//    (`npm run trusted-documents -- register`). Hashing the built output hashes what ships.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
for (const entry of readdirSync(dist, { recursive: true })) {
  const file = join(dist, String(entry));
  if (!file.endsWith('.d.ts')) continue;
  const source = readFileSync(file, 'utf8');
  const rewritten = source.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2');
  if (rewritten !== source) writeFileSync(file, rewritten);
}

const sdk = await import(new URL('../dist/index.js', import.meta.url).href);
const manifest = {};
for (const [name, value] of Object.entries(sdk)) {
  if (!name.endsWith('Document') || typeof value !== 'object' || value?.kind !== 'Document') continue;
  const text = sdk.documentText(value);
  manifest[createHash('sha256').update(text).digest('hex')] = text;
}
const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(dist, 'persisted-documents.json'), `${JSON.stringify(sorted, null, 2)}\n`);
process.stdout.write(`@fed/sdk built: dist/ with ${Object.keys(sorted).length} persisted documents\n`);
