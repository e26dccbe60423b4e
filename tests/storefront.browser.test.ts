import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * examples/storefront (Vite, plain TypeScript on @fed/sdk) in headless Chromium against the graph,
 * with every request outside 127.0.0.1 blocked: it signs in, lists products and places an order.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let graph: TestStack;
let vite: ViteDevServer;
let browser: Browser;
const blocked: string[] = [];

beforeAll(async () => {
  graph = await startTestStack();
  vite = await createServer({
    root: fileURLToPath(new URL('../examples/storefront', import.meta.url)),
    configFile: fileURLToPath(new URL('../examples/storefront/vite.config.ts', import.meta.url)),
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    define: { 'import.meta.env.VITE_GRAPH_URL': JSON.stringify(graph.stack.gateway.url) },
    logLevel: 'silent',
  });
  await vite.listen();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await graph?.close();
});

describe('the example storefront', () => {
  it('signs in, lists products and places an order, seeing its status', async () => {
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(vite.resolvedUrls!.local[0]!);
    await page.locator('#sign-in button').click();
    await page.getByText(`Signed in as ${users.alice.email}`).waitFor({ timeout: 60_000 });
    const rows = page.locator('#products li');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);

    const orderable = page.locator('#products li button:not([disabled])').first();
    await orderable.click();
    await expect
      .poll(() => page.locator('#order-status').innerText(), { timeout: 30_000 })
      .toMatch(/^ORD-\d+: PENDING, \d+\.\d{2} [A-Z]{3}$/);
    const number = (await page.locator('#order-status').innerText()).split(':')[0]!;

    const alice = await graph.login(users.alice.email);
    const mine = await graph.ok<{ orders: { edges: { node: { number: string; status: string } }[] } }>(
      '{ orders(first: 1) { edges { node { number status } } } }',
      alice,
    );
    expect(mine.orders.edges[0]?.node).toEqual({ number, status: 'PENDING' });
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
