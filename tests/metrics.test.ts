import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES, type SubgraphName } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { families, parsePrometheus, series, total, type Sample } from './support/prometheus.ts';
import { familyOf, metricsNamedByRulesAndDashboard } from './support/promql.ts';
import { readmeOrdersQuery } from './support/readme-query.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Every service serves Prometheus metrics at /metrics on its own port, behind METRICS_TOKEN: after
 * an operation mix (the README query, mutations that travel the outbox to the audit log, refused
 * input), each scrape holds the series METRICS.md promises, with values that follow from the mix.
 */
const METRICS_TOKEN = 'metrics-test-token-0123456789';
const PUBLISHERS: SubgraphName[] = ['users', 'catalog', 'shipping', 'exports'];

let graph: TestStack;

const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');
const urlOf = (service: SubgraphName | 'gateway') =>
  metricsUrl(service === 'gateway' ? graph.stack.gateway.url : graph.stack.subgraphs[service].url);

async function scrape(service: SubgraphName | 'gateway'): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(urlOf(service), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await response.text();
  return { text, samples: parsePrometheus(text) };
}

beforeAll(async () => {
  // Housekeeping every 200 ms, deleting delivered outbox rows at once: its metrics have something to count.
  graph = await startTestStack({ METRICS_TOKEN, HOUSEKEEPING_INTERVAL_MS: '200', OUTBOX_PUBLISHED_RETENTION_MINUTES: '0' });
  const admin = await graph.login(users.acmeAdmin.email);
  await graph.ok(readmeOrdersQuery(), admin);
  await graph.ok(readmeOrdersQuery(), admin);
  // A change in catalog: its audit event travels outbox -> relay -> bus -> audit ingest.
  await graph.ok(`mutation { createCategory(input: { name: "Metrics", slug: "metrics-test" }) { id } }`, admin);
  // Refused input: an error code to count.
  const refused = await graph.query(`mutation { createCategory(input: { name: "Bad", slug: "Not A Slug" }) { id } }`, { token: admin });
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await graph.ok<{ verifyAuditChain: { valid: boolean } }>('{ verifyAuditChain { valid } }', admin)).verifyAuditChain.valid).toBe(
    true,
  );
  // Wait until the audit log has committed the events (the login is audited by users, the category by catalog).
  await eventually(async () => {
    const { samples } = await scrape('audit');
    expect(total(samples, 'events_consumed_total', { group: 'audit' })).toBeGreaterThanOrEqual(2);
  });
});

afterAll(async () => {
  await graph?.close();
});

describe('metrics on every service', () => {
  it.each(['gateway', ...SUBGRAPH_NAMES] as const)('%s refuses a scrape without the token, or with a wrong one', async (service) => {
    expect((await fetch(urlOf(service))).status).toBe(401);
    expect((await fetch(urlOf(service), { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it.each(SUBGRAPH_NAMES)('%s counts and times its operations, and reports its pool', async (name) => {
    const { text, samples } = await scrape(name);
    const types = families(text);
    expect(types.get('subgraph_graphql_operations_total')).toBe('counter');
    expect(types.get('subgraph_graphql_operation_duration_seconds')).toBe('histogram');
    const operations = total(samples, 'subgraph_graphql_operations_total');
    expect(operations).toBeGreaterThan(0);
    // Every operation is timed once; the +Inf bucket holds all of them.
    expect(total(samples, 'subgraph_graphql_operation_duration_seconds_count')).toBe(operations);
    expect(total(samples, 'subgraph_graphql_operation_duration_seconds_bucket', { le: '+Inf' })).toBe(operations);
    expect(total(samples, 'subgraph_graphql_operation_duration_seconds_sum')).toBeGreaterThan(0);
    // Operation names are the planner's fetch names, never empty.
    for (const sample of series(samples, 'subgraph_graphql_operations_total')) expect(sample.labels.operation).not.toBe('');

    const max = total(samples, 'db_pool_connections_max');
    expect(max).toBeGreaterThanOrEqual(1);
    const inUse = total(samples, 'db_pool_connections_in_use');
    expect(inUse).toBeGreaterThanOrEqual(0);
    expect(inUse + total(samples, 'db_pool_connections_idle')).toBeLessThanOrEqual(max);
    expect(total(samples, 'db_pool_waiting_requests')).toBeGreaterThanOrEqual(0);
    expect(total(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
  });

  it('the subgraph that refused input counts the error by its code', async () => {
    const { samples } = await scrape('catalog');
    expect(total(samples, 'subgraph_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'subgraph_graphql_operations_total', { type: 'mutation' })).toBeGreaterThanOrEqual(2);
  });

  it.each(PUBLISHERS)('%s reports its outbox backlog and what it delivered', async (name) => {
    const { samples } = await scrape(name);
    expect(series(samples, 'outbox_pending_events')).toHaveLength(1);
    expect(series(samples, 'outbox_oldest_pending_event_age_seconds')).toHaveLength(1);
    const pending = total(samples, 'outbox_pending_events');
    const age = total(samples, 'outbox_oldest_pending_event_age_seconds');
    expect(pending).toBeGreaterThanOrEqual(0);
    // No backlog, no age; a backlog is younger than this test run.
    if (pending === 0) expect(age).toBe(0);
    else expect(age).toBeLessThan(600);
  });

  it('the services that changed something delivered their events through the outbox', async () => {
    expect(total((await scrape('users')).samples, 'outbox_events_published_total')).toBeGreaterThanOrEqual(1);
    expect(total((await scrape('catalog')).samples, 'outbox_events_published_total')).toBeGreaterThanOrEqual(1);
    expect(total((await scrape('catalog')).samples, 'outbox_pending_events')).toBe(0);
  });

  it('the audit log reports its consumer lag and the end-to-end delay of the events it committed', async () => {
    const { samples } = await scrape('audit');
    expect(series(samples, 'event_consumer_lag_messages', { group: 'audit' })).toHaveLength(1);
    expect(total(samples, 'event_consumer_lag_messages', { group: 'audit' })).toBe(0);
    expect(total(samples, 'event_consumer_pending_messages', { group: 'audit' })).toBe(0);
    const delays = total(samples, 'event_end_to_end_delay_seconds_count', { group: 'audit' });
    expect(delays).toBe(total(samples, 'events_consumed_total', { group: 'audit' }));
    const meanDelay = total(samples, 'event_end_to_end_delay_seconds_sum', { group: 'audit' }) / delays;
    // From the mutation's commit to the audit commit: more than nothing, less than the whole test.
    expect(meanDelay).toBeGreaterThan(0);
    expect(meanDelay).toBeLessThan(60);
  });

  it("shipping reports the lag of its product replica's consumer group", async () => {
    const { samples } = await scrape('shipping');
    expect(series(samples, 'event_consumer_lag_messages', { group: 'shipping-product-replica' })).toHaveLength(1);
  });

  it('the gateway counts operations by name and answers for the whole process', async () => {
    const { samples } = await scrape('gateway');
    expect(total(samples, 'gateway_graphql_operations_total', { type: 'query', operation: 'anonymous' })).toBeGreaterThanOrEqual(2);
    expect(total(samples, 'gateway_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'audit' })).toBeGreaterThanOrEqual(2);
    expect(total(samples, 'gateway_worker_processes')).toBe(1);
  });

  it('scheduled housekeeping deletes delivered outbox rows and counts its runs and what it removed', async () => {
    await eventually(async () => {
      const { samples } = await scrape('catalog');
      expect(total(samples, 'housekeeping_rows_removed_total', { task: 'outbox-published' })).toBeGreaterThanOrEqual(1);
    });
    const [row] = await graph.stack.subgraphs.catalog.sql.query<{ delivered: number }>(
      `SELECT count(*)::int AS delivered FROM "OutboxEvent" WHERE "publishedAt" IS NOT NULL AND "publishedAt" < now() - interval '1 minute'`,
    );
    expect(row!.delivered).toBe(0);
    const audit = (await scrape('audit')).samples;
    expect(total(audit, 'housekeeping_runs_total', { task: 'audit-retention', result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(total(audit, 'housekeeping_runs_total', { result: 'failed' })).toBe(0);
  });

  it('the audit log counts its chain verifications by result', async () => {
    const { samples } = await scrape('audit');
    expect(total(samples, 'audit_chain_verifications_total', { result: 'valid' })).toBe(1);
    expect(total(samples, 'audit_chain_verifications_total', { result: 'broken' })).toBe(0);
  });

  it('every metric the alert rules and the Grafana dashboard read is exported by some service', async () => {
    const exported = new Set<string>();
    for (const service of ['gateway', ...SUBGRAPH_NAMES] as const)
      for (const name of families((await scrape(service)).text).keys()) exported.add(name);
    const missing = [...metricsNamedByRulesAndDashboard()].filter(([name]) => !exported.has(familyOf(name, exported)));
    expect(missing).toEqual([]);
  });

  it('METRICS.md lists every metric a service exports, and nothing else', async () => {
    const documented = new Set(
      [...readFileSync(new URL('../METRICS.md', import.meta.url), 'utf8').matchAll(/^\| `([a-z_:]+)` +\|/gm)].map((match) => match[1]!),
    );
    const exported = new Set<string>();
    for (const service of ['gateway', ...SUBGRAPH_NAMES] as const)
      for (const name of families((await scrape(service)).text).keys()) exported.add(name);
    expect([...exported].filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !exported.has(name))).toEqual([]);
  });
});
