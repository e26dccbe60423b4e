import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { GATEWAY_PROOF_HEADER, signGatewayRequest } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { generatePrivateJwk } from '../subgraphs/users/src/sessions/keys.ts';
import { eventually } from './support/eventually.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The graph's edges in production mode (#17 items 3, 4 and 6): HTTP bodies over the limit, slow
 * and malformed requests, over raw sockets, at the gateway and at a subgraph; subgraphs that answer
 * only the gateway; no suggestions; request ids a client cannot choose.
 */
const currentSecret = randomBytes(32).toString('base64');
const previousSecret = randomBytes(32).toString('base64');
let graph: TestStack;
let trustingGateway: RunningGateway;
let adminToken: string;

beforeAll(async () => {
  graph = await startTestStack({
    NODE_ENV: 'production',
    METRICS_TOKEN: 'hostile-edges-metrics-token',
    JWT_PRIVATE_JWKS: JSON.stringify({ keys: [await generatePrivateJwk()] }),
    CARRIER_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    // Mid-rotation: the gateway signs with the first, subgraphs accept both.
    GATEWAY_SUBGRAPH_SECRET: `${currentSecret},${previousSecret}`,
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
    MAX_DEPTH: '12',
  });
  adminToken = await graph.login(users.acmeAdmin.email);
  // A second gateway over the same subgraphs, told it sits behind a trusted proxy.
  trustingGateway = await startGateway({
    env: {
      ...graph.env,
      ...Object.fromEntries(
        Object.entries(graph.stack.subgraphs).map(([name, subgraph]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, subgraph.url]),
      ),
      AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
      TRUST_PROXY: 'true',
    },
    port: 0,
  });
}, 120_000);

afterAll(async () => {
  await trustingGateway?.close();
  await graph?.close();
});

interface RawAnswer {
  head: string;
  status: number;
  headers: Record<string, string>;
  /** Resolves once the server closed the connection. */
  closed: Promise<void>;
}

/** Opens a raw TCP connection to the server of `url` and returns it with a reader of the first answer. */
function rawConnection(url: string): Promise<{ socket: Socket; answer: Promise<RawAnswer> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      const answer = new Promise<RawAnswer>((done) => {
        let received = '';
        const onData = (chunk: Buffer) => {
          received += chunk.toString('latin1');
          const end = received.indexOf('\r\n\r\n');
          if (end === -1) return;
          socket.off('data', onData);
          const head = received.slice(0, end);
          const [statusLine = '', ...lines] = head.split('\r\n');
          const headers = Object.fromEntries(
            lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
          );
          done({ head, status: Number(statusLine.split(' ')[1]), headers, closed });
        };
        socket.on('data', onData);
      });
      resolve({ socket, answer });
    });
    socket.on('error', (error) => {
      // The server may reset a connection whose body it refused to read; the answer came first.
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
    });
  });
}

const subgraphUrl = () => graph.stack.subgraphs.catalog.url;
/** A well-formed proof header, so a subgraph reads the body (its signature is checked after). */
const proofShape = () => `${GATEWAY_PROOF_HEADER}: ${signGatewayRequest(currentSecret, 'not this body')}\r\n`;

describe('HTTP edge (raw sockets)', () => {
  const servers = [
    { name: 'gateway', url: () => graph.stack.gateway.url, extra: () => '' },
    { name: 'subgraph', url: subgraphUrl, extra: proofShape },
  ];

  for (const server of servers) {
    it(`${server.name}: a chunked body over the limit gets 413, Connection: close, and the socket is closed`, async () => {
      const { socket, answer } = await rawConnection(server.url());
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n${server.extra()}Transfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = 'x'.repeat(64 * 1024);
      for (let sent = 0; sent < 1_200_000 && !socket.destroyed; sent += chunk.length) {
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      }
      const reply = await answer;
      expect(reply.status).toBe(413);
      expect(reply.headers.connection).toBe('close');
      await reply.closed;
    });

    it(`${server.name}: a declared Content-Length over the limit gets 413 and Connection: close before the body is sent`, async () => {
      const { socket, answer } = await rawConnection(server.url());
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n${server.extra()}Content-Length: 5000000\r\n\r\n{"query":`,
      );
      const reply = await answer;
      expect(reply.status).toBe(413);
      expect(reply.headers.connection).toBe('close');
      await reply.closed;
    });

    it(`${server.name}: headers that never finish and a body that never arrives are cut off (408), not held open`, async () => {
      const slowHeaders = await rawConnection(server.url());
      slowHeaders.socket.write('POST /graphql HTTP/1.1\r\nHost: test\r\n');
      const slowBody = await rawConnection(server.url());
      slowBody.socket.write(
        `POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n${server.extra()}Content-Length: 100\r\n\r\n{"query":`,
      );
      for (const connection of [slowHeaders, slowBody]) {
        const reply = await connection.answer;
        expect(reply.status).toBe(408);
        await reply.closed;
      }
    });

    it(`${server.name}: a malformed request gets 400 and its connection is closed`, async () => {
      const { socket, answer } = await rawConnection(server.url());
      socket.write('NOT HTTP AT ALL\r\n\r\n');
      const reply = await answer;
      expect(reply.status).toBe(400);
      await reply.closed;
    });
  }

  it('gateway: a body that is not JSON is read whole and answered 400, and the connection serves the next request', async () => {
    const { socket, answer } = await rawConnection(graph.stack.gateway.url);
    const broken = '{"query": "{ __typename }"';
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${broken.length}\r\n\r\n${broken}`,
    );
    const reply = await answer;
    expect(reply.status).toBe(400);
    expect(reply.headers.connection).not.toBe('close');
    socket.destroy();
  });
});

describe('subgraphs answer only the gateway (production)', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(subgraphUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a direct call without the gateway proof: no _service, no introspection, no data', async () => {
    for (const query of ['{ _service { sdl } }', '{ __schema { types { name } } }', '{ products(first: 1) { totalCount } }']) {
      const response = await post(JSON.stringify({ query }), { authorization: `Bearer ${adminToken}` });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });

  it('serves a call with the proof, under the current and the previous secret, and refuses a forged, replayed-on-another-body or stale one', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    for (const secret of [currentSecret, previousSecret]) {
      const response = await post(body, { [GATEWAY_PROOF_HEADER]: signGatewayRequest(secret, body) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('type Product');
    }
    const refused = [
      signGatewayRequest(randomBytes(32).toString('base64'), body),
      signGatewayRequest(currentSecret, JSON.stringify({ query: '{ __typename }' })),
      signGatewayRequest(currentSecret, body, Date.now() - 10 * 60_000),
    ];
    for (const proof of refused) expect((await post(body, { [GATEWAY_PROOF_HEADER]: proof })).status).toBe(401);
  });

  it('applies its own depth limit to a caller that has the proof', async () => {
    let selection = 'id';
    for (let level = 0; level < 15; level += 1) selection = `parent { ${selection} }`;
    const body = JSON.stringify({ query: `{ categories { ${selection} } }` });
    const response = await post(body, {
      [GATEWAY_PROOF_HEADER]: signGatewayRequest(currentSecret, body),
      authorization: `Bearer ${adminToken}`,
    });
    const answer = (await response.json()) as { errors: { message: string; extensions: { code: string; limit: string } }[] };
    expect(answer.errors[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'MAX_DEPTH' });
  });

  it('the graph still works through the gateway, which signs every fetch', async () => {
    const answer = await graph.query('{ products(first: 1) { totalCount } }', { token: adminToken });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ products: { totalCount: expect.any(Number) } });
  });

  it('suggests no field names in production, at the gateway or at a subgraph', async () => {
    const query = '{ prodcts(first: 1) { totalCount } }';
    const atGateway = await graph.query(query, { token: adminToken });
    expect(atGateway.errors?.[0]?.message).toBe('Cannot query field "prodcts" on type "Query".');
    const body = JSON.stringify({ query });
    const atSubgraph = (await (await post(body, { [GATEWAY_PROOF_HEADER]: signGatewayRequest(currentSecret, body) })).json()) as {
      errors: { message: string }[];
    };
    expect(atSubgraph.errors[0]?.message).toBe('Cannot query field "prodcts" on type "Query".');
    const enumValue = await graph.query('query ($status: OrderStatus!) { orders(first: 1, status: $status) { totalCount } }', {
      token: adminToken,
      variables: { status: 'PENDNG' },
    });
    expect(enumValue.errors?.[0]?.message).not.toContain('Did you mean');
  });
});

describe('request ids', () => {
  const createCategory = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }';
  const auditedRequestId = async (categoryId: string) => {
    let requestId: string | null = null;
    await eventually(async () => {
      const answer = await graph.query<{ auditEvents: { edges: { node: { requestId: string | null } }[] } }>(
        'query ($id: String!) { auditEvents(first: 1, filter: { entityId: $id }) { edges { node { requestId } } } }',
        { token: adminToken, variables: { id: categoryId } },
      );
      requestId = answer.data?.auditEvents.edges[0]?.node.requestId ?? null;
      expect(requestId).not.toBeNull();
    });
    return requestId;
  };

  it("a client's x-request-id is not taken as the request id: the gateway issues its own, and that one is audited", async () => {
    const chosen = `client-chosen-${randomUUID()}`;
    const answer = await graph.query<{ createCategory: { id: string } }>(createCategory, {
      token: adminToken,
      variables: { input: { name: 'Request ids', slug: `request-ids-${randomUUID().slice(0, 8)}` } },
      headers: { 'x-request-id': chosen },
    });
    const issued = answer.headers.get('x-request-id');
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(chosen);
    expect(await auditedRequestId(answer.data!.createCategory.id)).toBe(issued);
  });

  it('behind a trusted proxy (TRUST_PROXY) the x-request-id the proxy set is kept end to end', async () => {
    const chosen = `proxy-set-${randomUUID()}`;
    const answer = await graph.query<{ createCategory: { id: string } }>(createCategory, {
      url: trustingGateway.url,
      token: adminToken,
      variables: { input: { name: 'Proxied ids', slug: `proxied-ids-${randomUUID().slice(0, 8)}` } },
      headers: { 'x-request-id': chosen },
    });
    expect(answer.headers.get('x-request-id')).toBe(chosen);
    expect(await auditedRequestId(answer.data!.createCategory.id)).toBe(chosen);
  });
});
