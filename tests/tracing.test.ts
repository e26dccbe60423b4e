import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createLogger, flushTraces } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { readmeOrdersQuery } from './support/readme-query.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * OpenTelemetry traces end to end, exported over OTLP/HTTP as JSON (OTEL_EXPORTER_OTLP_PROTOCOL=
 * http/json) to a real receiver in this process that decodes what the exporter sends.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };
const valueOf = (value: AnyValue) => value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
const attributesOf = (list: KeyValue[] = []) => Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

const SERVER = 2;
const received: ReceivedSpan[] = [];
const contentTypes = new Set<string>();
const logLines: Record<string, unknown>[] = [];
let receiver: Server;
let graph: TestStack;
let admin: string;

function startReceiver(): Promise<number> {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      contentTypes.add(String(request.headers['content-type']));
      const payload = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: KeyValue[] };
          scopeSpans: {
            spans: {
              traceId: string;
              spanId: string;
              parentSpanId?: string;
              name: string;
              kind: number;
              attributes?: KeyValue[];
              links?: { traceId: string; spanId: string }[];
            }[];
          }[];
        }[];
      };
      for (const resourceSpans of payload.resourceSpans) {
        const service = String(attributesOf(resourceSpans.resource.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans)
          for (const span of scope.spans)
            received.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              links: (span.links ?? []).map(({ traceId, spanId }) => ({ traceId, spanId })),
            });
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  return new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve((receiver.address() as { port: number }).port)));
}

/** A traceparent of our own, so the test knows the trace id the gateway continues. */
const newTraceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
};

const spansOf = (traceId: string) => received.filter((span) => span.traceId === traceId);
const isSql = (span: ReceivedSpan) => span.name === 'prisma:client:db_query' || span.name.startsWith('pg.query');

beforeAll(async () => {
  const port = await startReceiver();
  graph = await startTestStack(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    {
      logger: createLogger({ service: 'test', level: 'info', sink: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    },
  );
  admin = await graph.login(users.acmeAdmin.email);
});

afterAll(async () => {
  await graph?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('traces across the graph', () => {
  it("the README's orders query is one trace: gateway, planning, every fetch, four or more subgraphs, SQL, correctly parented", async () => {
    const { traceId, traceparent } = newTraceparent();
    const result = await graph.query(readmeOrdersQuery(), { token: admin, headers: { traceparent } });
    expect(result.errors).toBeUndefined();

    const spans = await eventually(async () => {
      await flushTraces();
      const trace = spansOf(traceId);
      const subgraphs = new Set(trace.filter((span) => span.kind === SERVER && span.service !== 'gateway').map((span) => span.service));
      expect(subgraphs.size).toBeGreaterThanOrEqual(4);
      expect(trace.some(isSql)).toBe(true);
      // On PostgreSQL the pg instrumentation adds the statements as sent on the wire.
      if (process.env.TEST_DATABASE_URL) expect(trace.some((span) => span.name.startsWith('pg.query'))).toBe(true);
      expect(trace.map((span) => `${span.service}:${span.name}`)).toContain('gateway:gateway.plan');
      return trace;
    });
    expect([...contentTypes]).toContain('application/json');

    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const external = traceparent.split('-')[2]!;
    // Every span's parent is in the trace, except the gateway's server span, whose parent is the caller's.
    for (const span of spans) {
      if (span.parentSpanId === external) {
        expect(span).toMatchObject({ service: 'gateway', kind: SERVER });
        continue;
      }
      expect(byId.has(span.parentSpanId), `parent of ${span.service} ${span.name}`).toBe(true);
    }
    const ancestors = (span: ReceivedSpan) => {
      const chain: ReceivedSpan[] = [];
      for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
      return chain;
    };
    const gatewaySpans = spans.filter((span) => span.service === 'gateway');
    const request = gatewaySpans.find((span) => span.name === 'gateway.request')!;
    expect(request).toBeDefined();
    // Planning and each fetch of the plan are children (or grandchildren) of the operation's span.
    const fetches = gatewaySpans.filter((span) => span.name === 'gateway.fetch');
    expect(fetches.length).toBeGreaterThanOrEqual(4);
    for (const span of [...fetches, gatewaySpans.find((candidate) => candidate.name === 'gateway.plan')!])
      expect(ancestors(span)).toContain(request);
    // Each subgraph's request span is a child of one of the gateway's fetch spans.
    for (const server of spans.filter((span) => span.kind === SERVER && span.service !== 'gateway')) {
      expect(byId.get(server.parentSpanId)).toMatchObject({ service: 'gateway', name: 'gateway.fetch' });
    }
    // SQL statements belong to the subgraph that sent them, under its request span, through Prisma's operation span.
    for (const sql of spans.filter(isSql)) {
      const chain = ancestors(sql);
      expect(sql.service).not.toBe('gateway');
      expect(chain.some((span) => span.kind === SERVER && span.service === sql.service)).toBe(true);
      expect(chain.some((span) => span.name === 'prisma:client:operation' && span.service === sql.service)).toBe(true);
    }
  });

  it("a mutation's trace reaches the audit log: the audit ingest links to the mutation's span", async () => {
    const { traceId, traceparent } = newTraceparent();
    const created = await graph.query(`mutation { createCategory(input: { name: "Traced", slug: "traced-category" }) { id } }`, {
      token: admin,
      headers: { traceparent },
    });
    expect(created.errors).toBeUndefined();
    const ingest = await eventually(async () => {
      await flushTraces();
      const consumer = received.find((span) => span.service === 'audit' && span.links.some((link) => link.traceId === traceId));
      expect(consumer).toBeDefined();
      return consumer!;
    });
    expect(ingest.name).toBe('audit process');
    // The link points at a span of the mutation's trace in the catalog (the one that wrote the outbox row).
    const linked = spansOf(traceId).find((span) => ingest.links.some((link) => link.spanId === span.spanId));
    expect(linked?.service).toBe('catalog');
    // The catalog's outbox delivery links to the mutation too.
    expect(
      received.some(
        (span) => span.service === 'catalog' && span.name === 'outbox publish' && span.links.some((link) => link.traceId === traceId),
      ),
    ).toBe(true);
    // The ingest's own SQL statements are its children.
    expect(received.some((span) => span.traceId === ingest.traceId && span.service === 'audit' && isSql(span))).toBe(true);
  });

  it('every log line written during a traced operation carries its trace_id', async () => {
    const { traceId, traceparent } = newTraceparent();
    await graph.query('{ me { email } }', { token: admin, headers: { traceparent } });
    const operationLine = await eventually(async () => {
      const line = logLines.find((candidate) => candidate.msg === 'graphql operation' && candidate.trace_id === traceId);
      expect(line).toBeDefined();
      return line!;
    });
    expect(operationLine.span_id).toMatch(/^[0-9a-f]{16}$/);
  });
});
