import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * @fed/sdk as another team gets it: built, `npm pack`ed, installed from the tarball into a fresh
 * app in a temporary folder outside the repository (no workspace, no tsx, no path mapping), then
 * type-checked under both module resolutions and run with plain node against a running graph.
 * The install is offline: the SDK's dependencies come from tarballs packed from the repository's
 * own node_modules, so the test proves the tarball declares what it needs (a missing dependency
 * fails the install or the run).
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_MODULES = join(ROOT, 'node_modules');
const sh = (file: string, args: string[], cwd: string) =>
  run(file, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 16 * 1024 * 1024 });
const npm = (args: string[], cwd: string) => sh('npm', args, cwd);

let graph: TestStack;
let app: string;
const packageVersion = async (name: string) =>
  (JSON.parse(await readFile(join(NODE_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'fed-sdk-app-'));
  const [started] = await Promise.all([
    startTestStack(),
    (async () => {
      await npm(['run', 'build', '-w', '@fed/sdk'], ROOT);
      await npm(['pack', join(ROOT, 'packages/sdk'), '--pack-destination', app], ROOT);
      // What the app would otherwise fetch from the registry, from the repository's node_modules.
      const dependencies = ['graphql', 'typescript', '@graphql-typed-document-node/core'];
      await npm(['pack', ...dependencies.map((name) => join(NODE_MODULES, name)), '--pack-destination', app], ROOT);
    })(),
  ]);
  graph = started;
  const sdkVersion = await packageVersion('@fed/sdk');
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'someone-elses-app', private: true, type: 'module' }));
  const tarballs = [
    `fed-sdk-${sdkVersion}.tgz`,
    `graphql-${await packageVersion('graphql')}.tgz`,
    `typescript-${await packageVersion('typescript')}.tgz`,
    `graphql-typed-document-node-core-${await packageVersion('@graphql-typed-document-node/core')}.tgz`,
  ];
  await npm(['install', '--offline', '--no-audit', '--no-fund', ...tarballs.map((file) => `./${file}`)], app);

  await mkdir(join(app, 'src'));
  await writeFile(join(app, 'src/endpoint.ts'), `export const endpoint = ${JSON.stringify(graph.stack.gateway.url)};\n`);
  // Typed data: `price` is a Decimal string (toFixed would not compile on unknown), the variables are checked.
  await writeFile(
    join(app, 'src/app.ts'),
    `import { createClient, GraphQLRequestError, LoginDocument, CatalogPageDocument, type Decimal, type DateTime } from '@fed/sdk';
import { clientPresetOutput } from '@fed/sdk/codegen';
import { endpoint } from './endpoint.js';

const graph = createClient({ url: endpoint });
const { login } = await graph.request(LoginDocument, {
  input: { tenantSlug: 'acme', email: ${JSON.stringify(users.alice.email)}, password: ${JSON.stringify(DEMO_PASSWORD)} },
});
const shop = createClient({ url: endpoint, token: login.accessToken });
const { products } = await shop.request(CatalogPageDocument, { first: 3 });
const prices: Decimal[] = products.edges.map((edge) => edge.node.price);
const firstPrice: string = prices[0]!.padStart(1);
const expires: DateTime = login.accessTokenExpiresAt;
let refused = '';
try {
  await shop.request(CatalogPageDocument, { first: -1 });
} catch (error) {
  if (error instanceof GraphQLRequestError) refused = error.codes.join(',');
}
console.log(JSON.stringify({ totalCount: products.totalCount, prices, firstPrice, expires: expires.length > 0, refused, scalars: clientPresetOutput.config.scalars }));
`,
  );
  await writeFile(
    join(app, 'src/wrong.ts'),
    `import { createClient, CatalogPageDocument } from '@fed/sdk';
const shop = createClient({ url: 'http://127.0.0.1:1/graphql' });
// @ts-expect-error first is an Int, not a string: the variables are typed
await shop.request(CatalogPageDocument, { first: 'ten' });
const { products } = await shop.request(CatalogPageDocument, { first: 1 });
// @ts-expect-error price is a Decimal string, not a number
const price: number = products.edges[0]!.node.price;
export { price };
`,
  );
  const base = { strict: true, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false };
  await writeFile(
    join(app, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'ESNext', moduleResolution: 'bundler', noEmit: true }, include: ['src'] }),
  );
  await writeFile(
    join(app, 'tsconfig.node.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' }, include: ['src'] }),
  );
}, 240_000);

afterAll(async () => {
  await graph?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

const tsc = (project: string) => sh(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', project], app);

describe('@fed/sdk installed from its npm pack tarball into a fresh app', () => {
  it("gives client-preset codegen the graph's scalars and NodeNext-safe imports", async () => {
    // The team's own codegen tooling: the repository's CLI and client preset (linked, not packed).
    await mkdir(join(app, 'node_modules/@graphql-codegen'), { recursive: true });
    await symlink(join(NODE_MODULES, '@graphql-codegen/client-preset'), join(app, 'node_modules/@graphql-codegen/client-preset'));
    await mkdir(join(app, 'codegen-app/src'), { recursive: true });
    await writeFile(
      join(app, 'codegen-app/src/shop.graphql'),
      'query ShopPage($first: Int) { products(first: $first) { edges { node { sku price createdAt } } } }\n',
    );
    await writeFile(
      join(app, 'codegen-app/codegen.mjs'),
      `import { clientPresetOutput } from '@fed/sdk/codegen';
export default { schema: ${JSON.stringify(join(ROOT, 'schema.graphql'))}, documents: ['src/**/*.graphql'], generates: { './src/gql/': clientPresetOutput } };
`,
    );
    await sh(
      process.execPath,
      [join(NODE_MODULES, '@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.mjs'],
      join(app, 'codegen-app'),
    );
    await writeFile(
      join(app, 'codegen-app/src/use.ts'),
      `import type { ShopPageQuery } from './gql/graphql.js';
export const prices = (page: ShopPageQuery): string[] => page.products.edges.map((edge) => edge.node.price.padStart(1) + edge.node.createdAt.slice(0, 4));
`,
    );
    await writeFile(
      join(app, 'codegen-app/tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          noEmit: true,
        },
        include: ['src'],
      }),
    );
    await sh(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], join(app, 'codegen-app'));
    const manifest = JSON.parse(await readFile(join(app, 'codegen-app/src/gql/persisted-documents.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.values(manifest).join('\n')).toContain('query ShopPage');
  });

  it('ships built JavaScript, declarations and the persisted-documents manifest, and nothing of the sources', async () => {
    const installed = join(app, 'node_modules/@fed/sdk');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.peerDependencies).toMatchObject({ graphql: expect.any(String) });
    expect(manifest.dependencies).toMatchObject({ '@graphql-typed-document-node/core': expect.any(String) });
    const { stdout } = await sh('tar', ['-tzf', join(app, `fed-sdk-${await packageVersion('@fed/sdk')}.tgz`)], app);
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/persisted-documents.json');
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('type-checks under moduleResolution bundler, and refuses wrongly typed variables and data', async () => {
    await expect(tsc('tsconfig.bundler.json')).resolves.toBeDefined();
  });

  it('compiles under moduleResolution NodeNext and runs a typed query with plain node against the graph', async () => {
    await tsc('tsconfig.node.json');
    const { stdout } = await sh(process.execPath, ['out/app.js'], app);
    const answer = JSON.parse(stdout) as { totalCount: number; prices: string[]; refused: string; expires: boolean; scalars: unknown };
    expect(answer.totalCount).toBeGreaterThan(0);
    expect(answer.prices.length).toBe(Math.min(3, answer.totalCount));
    for (const price of answer.prices) expect(price).toMatch(/^\d+(\.\d+)?$/);
    expect(answer.expires).toBe(true);
    expect(answer.refused).toBe('BAD_USER_INPUT');
    expect(answer.scalars).toEqual({ DateTime: 'string', Decimal: 'string', JSON: 'unknown' });
  });
});
