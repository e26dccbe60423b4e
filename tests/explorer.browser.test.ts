import { readFile } from 'node:fs/promises';
import { explorerDemoEnv, explorerDefaultQuery } from '@fed/stack/explorer-demo';
import { loadGatewayConfig } from '@fed/gateway';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The gateway's explorer in a real browser (Debian's chromium, headless, through playwright-core)
 * that may reach nothing but 127.0.0.1: every other request is aborted and recorded, as behind a
 * strict proxy or offline. It loads, signs in as a demo user in one click and runs the README's query.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let graph: TestStack;
let browser: Browser;
const blocked: string[] = [];

beforeAll(async () => {
  [graph, browser] = await Promise.all([
    startTestStack(explorerDemoEnv()),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

async function offlinePage(): Promise<Page> {
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return context.newPage();
}

/** What an editor shows (Monaco renders spaces as no-break spaces). */
const visibleText = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\u00a0/g, ' ');

describe('the explorer on GET /graphql', () => {
  it("shows the README's query in a new tab", async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(
      `then, with the header \`Authorization: Bearer <accessToken>\`:\n\n\`\`\`graphql\n${explorerDefaultQuery()}\`\`\``,
    );
  });

  it('loads with nothing but 127.0.0.1, signs in as a demo user in one click and runs the README query', async () => {
    const page = await offlinePage();
    page.on(
      'request',
      (request) =>
        process.env.EXPLORER_DEBUG && console.warn('request:', request.method(), request.url(), (request.postData() ?? '').slice(0, 120)),
    );
    page.on('console', (message) => process.env.EXPLORER_DEBUG && console.warn('browser:', message.text()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(graph.stack.gateway.url);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => visibleText(page, '.graphiql-query-editor'), { timeout: 30_000 }).toContain('orders(first: 5)');
    // The header editor is there and open.
    await page.getByText('Headers', { exact: true }).first().waitFor();

    await page.locator('#explorer-demo-user').selectOption({ label: users.acmeAdmin.email });
    await page.locator('#explorer-sign-in').click();
    await page.getByText(`Signed in as ${users.acmeAdmin.email}`).waitFor({ timeout: 30_000 });

    const expected = await graph.ok<{ orders: { totalCount: number; edges: { node: { number: string } }[] } }>(
      explorerDefaultQuery(),
      await graph.login(users.acmeAdmin.email),
    );
    const answer = page.waitForResponse(
      (response) => response.url() === graph.stack.gateway.url && /orders\(first: ?5\)/.test(response.request().postData() ?? ''),
    );
    await page.locator('.graphiql-execute-button').first().click();
    if (process.env.EXPLORER_DEBUG) await page.screenshot({ path: '/tmp/explorer.png' });
    const body = (await (await answer).json()) as { data?: typeof expected; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.orders.totalCount).toBe(expected.orders.totalCount);
    await expect
      .poll(() => visibleText(page, '.graphiql-response'), { timeout: 30_000 })
      .toContain(`"totalCount": ${expected.orders.totalCount}`);
    await expect.poll(() => visibleText(page, '.graphiql-response')).toContain(expected.orders.edges[0]!.node.number);
    expect(pageErrors).toEqual([]);
    // Sandbox is a link away for those online; nothing of it was fetched.
    expect(await page.locator('#explorer-sandbox').getAttribute('href')).toContain(
      'https://studio.apollographql.com/sandbox/explorer?endpoint=',
    );
    expect(blocked).toEqual([]);
  });

  it('leaves GraphQL GET requests and non-browser clients to the GraphQL endpoint', async () => {
    const url = `${graph.stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    const response = await fetch(url, { headers: { accept: 'text/html,application/json', 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    const json = await fetch(graph.stack.gateway.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toContain('text/html');
  });

  it('is off in production unless enabled, and never offers demo sign-in there', () => {
    // Production needs its metrics token whatever else is set.
    const production = { NODE_ENV: 'production', METRICS_TOKEN: 'explorer-test-metrics-token' };
    expect(loadGatewayConfig(production).explorer).toBe(false);
    expect(loadGatewayConfig({ ...production, GRAPHQL_INTROSPECTION: 'true' }).explorer).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'development', EXPLORER_ENABLED: 'false' }).explorer).toBe(false);
    expect(() => loadGatewayConfig({ ...production, ...explorerDemoEnv() })).toThrow(
      /EXPLORER_DEMO_LOGINS: demo sign-in is for development/,
    );
  });
});
