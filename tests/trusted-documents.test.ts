import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type RunningGateway } from '@fed/gateway';
import * as sdk from '@fed/sdk';
import { CatalogPageDocument, createClient, documentHash, documentText } from '@fed/sdk';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../gateway/src/trusted-documents.ts';
import { users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Trusted documents across two enforcing gateways and a logging one, all on one Redis: the SDK's
 * manifest is registered once by the command, and every replica serves exactly its documents.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const prefix = `fed:test:trusted:${randomUUID()}:`;
const AD_HOC = '{ products(first: 1) { totalCount } }';

let graph: TestStack;
let replica: RunningGateway;
let logging: RunningGateway;
let folder: string;
let manifestPath: string;

const command = (script: string, args: string[]) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@fed/source', '--import', 'tsx', join(ROOT, 'scripts', script), ...args],
      { cwd: ROOT, env: { ...process.env, REDIS_URL, REDIS_KEY_PREFIX: prefix } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });

const post = async (url: string, payload: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'fed-trusted-'));
  // The SDK's manifest exactly as its build writes it (packages/sdk/scripts/finish-build.mjs).
  const manifest: Record<string, string> = {};
  for (const [name, value] of Object.entries(sdk))
    if (name.endsWith('Document') && typeof value === 'object' && value && 'kind' in value && value.kind === 'Document') {
      const text = documentText(value);
      manifest[sha256Hex(text)] = text;
    }
  manifestPath = join(folder, 'persisted-documents.json');
  await writeFile(manifestPath, JSON.stringify(manifest));
  const registered = await command('trusted-documents.ts', [
    'register',
    '--client',
    'storefront',
    '--version',
    '1.0.0',
    '--manifest',
    manifestPath,
  ]);
  expect(registered.output).toContain(`registered ${Object.keys(manifest).length} documents for storefront@1.0.0`);

  graph = await startTestStack({ REDIS_URL, REDIS_KEY_PREFIX: prefix, TRUSTED_DOCUMENTS: 'enforce' });
  const gatewayEnv = (mode: string) => ({
    LOG_LEVEL: 'silent',
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    TRUSTED_DOCUMENTS: mode,
    AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
    ...Object.fromEntries(
      Object.entries(graph.stack.subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url]),
    ),
  });
  [replica, logging] = await Promise.all([
    startGateway({ env: gatewayEnv('enforce'), port: 0 }),
    startGateway({ env: gatewayEnv('log'), port: 0 }),
  ]);
});

afterAll(async () => {
  await Promise.all([replica?.close(), logging?.close()]);
  await graph?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('TRUSTED_DOCUMENTS=enforce on two gateways sharing one Redis', () => {
  it('refuses an ad-hoc document on both, and its APQ registration', async () => {
    const token = await graph.login(users.alice.email); // LoginDocument is in the manifest
    for (const url of [graph.stack.gateway.url, replica.url]) {
      const refused = await post(url, { query: AD_HOC }, { authorization: `Bearer ${token}` });
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      // Registering it through APQ is no way around the list.
      const apq = await post(url, { query: AD_HOC, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(AD_HOC) } } });
      expect(apq.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });

  it('serves a document of the registered manifest by documentId on both, registered once', async () => {
    const token = await graph.login(users.alice.email);
    for (const url of [graph.stack.gateway.url, replica.url]) {
      const shop = createClient({ url, token, documents: 'documentId', clientName: 'storefront', clientVersion: '1.0.0' });
      const { products } = await shop.request(CatalogPageDocument, { first: 2 });
      expect(products.totalCount).toBeGreaterThan(0);
      expect(products.edges).toHaveLength(2);
      // The APQ hash alone works too: the gateway knows the text from the manifest.
      const apq = createClient({ url, token, documents: 'apq' });
      expect((await apq.request(CatalogPageDocument, { first: 1 })).products.edges).toHaveLength(1);
    }
  });

  it('answers an unknown or malformed documentId with a clear code', async () => {
    const unknown = await post(replica.url, { documentId: `sha256:${sha256Hex(AD_HOC)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await post(replica.url, { documentId: 'md5:abc' });
    expect(malformed.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
      message: expect.stringContaining('documentId'),
    });
  });
});

describe('TRUSTED_DOCUMENTS=log', () => {
  it('serves an unknown document and records it for the unknown command', async () => {
    const token = await graph.login(users.alice.email);
    const served = await post(
      logging.url,
      { query: AD_HOC },
      { authorization: `Bearer ${token}`, 'apollographql-client-name': 'scratchpad' },
    );
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data).toEqual({ products: { totalCount: expect.any(Number) } });
    const unknown = await command('trusted-documents.ts', ['unknown']);
    expect(unknown.output).toContain(`${sha256Hex(AD_HOC)}\tscratchpad@unknown`);
    // A registered document is not recorded.
    await createClient({ url: logging.url, token }).request(CatalogPageDocument, { first: 1 });
    expect((await command('trusted-documents.ts', ['unknown'])).output).not.toContain(
      await documentHash(documentText(CatalogPageDocument)),
    );
  });
});

describe('schema:check against registered clients', () => {
  it('fails when a schema change breaks an operation a registered client ships, and passes otherwise', async () => {
    const schema = await readFile(join(ROOT, 'schema.graphql'), 'utf8');
    const unchanged = await command('schema-check.ts', []);
    expect(unchanged.output).toContain("registered clients' operations validate (1 client build)");
    expect(unchanged.code).toBe(0);

    const withoutSku = schema.replace(/(type Product [^{]*\{[\s\S]*?)\n\s+sku: String!/, '$1');
    expect(withoutSku).not.toBe(schema);
    const next = join(folder, 'schema.graphql');
    await writeFile(next, withoutSku);
    const broken = await command('schema-check.ts', ['--schema', next]);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(
      /BREAKS A REGISTERED CLIENT: client storefront@1\.0\.0: operation CatalogPage .*Cannot query field "sku" on type "Product"/,
    );
  });
});
