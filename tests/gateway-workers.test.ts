import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MeDocument } from '@fed/sdk';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { parsePrometheus, total } from './support/prometheus.ts';
import { holdRequest, tryConnect } from './support/processes.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * GATEWAY_WORKERS: one gateway process whose workers share its port, as `npm start`-less
 * production runs it (`node gateway/src/index.ts`), in front of the in-process subgraphs.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = 'workers-test-metrics-token-0123';
const gatewayEntry = fileURLToPath(new URL('../gateway/src/index.ts', import.meta.url));

let graph: TestStack;
let gateway: ChildProcess;
let output = '';
let url: string;
let token: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The worker processes of the gateway (its direct children). */
async function workerPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // tsx runs esbuild as a child process of its own; workers are the node children.
    if (!stat.includes('(node)')) continue;
    // Fields after the parenthesised command name: state, ppid, ...
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === gateway.pid) pids.push(Number(entry));
  }
  return pids.sort();
}

beforeAll(async () => {
  graph = await startTestStack();
  token = await graph.login(users.alice.email);
  const port = await freePort();
  url = `http://127.0.0.1:${port}/graphql`;
  const subgraphUrls = Object.fromEntries(
    Object.entries(graph.stack.subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url]),
  );
  gateway = spawn(process.execPath, ['--import', 'tsx', gatewayEntry], {
    env: {
      ...process.env,
      ...subgraphUrls,
      NODE_ENV: 'production',
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      GATEWAY_WORKERS: '2',
      REDIS_URL,
      REDIS_KEY_PREFIX: `test:workers:${randomBytes(4).toString('hex')}:`,
      AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
      SHUTDOWN_GRACE_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  gateway.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(
    async () => {
      const response = await fetch(url.replace('/graphql', '/ready'));
      expect(response.status, output).toBe(200);
    },
    { timeoutMs: 60_000 },
  );
});

afterAll(async () => {
  if (gateway?.exitCode === null) gateway.kill('SIGKILL');
  await graph?.close();
});

const me = () => graph.client(token, url).request(MeDocument);

describe('GATEWAY_WORKERS=2', () => {
  it('serves the graph from two worker processes on one port', async () => {
    await eventually(async () => expect(await workerPids()).toHaveLength(2), { timeoutMs: 20_000 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => me()));
    expect(answers.every((answer) => answer.me?.email === users.alice.email)).toBe(true);
  });

  it('answers one scrape for the whole gateway: every worker counted, whichever took the scrape', async () => {
    // Separate connections, which the primary hands to the workers in turn.
    const scrape = () =>
      new Promise<string>((resolve, reject) => {
        const request = httpGet(
          url.replace('/graphql', '/metrics'),
          { agent: false, headers: { authorization: `Bearer ${METRICS_TOKEN}` } },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => (response.statusCode === 200 ? resolve(text) : reject(new Error(`status ${response.statusCode}`))));
          },
        );
        request.on('error', reject);
      });
    for (const text of await Promise.all(Array.from({ length: 4 }, scrape))) {
      const samples = parsePrometheus(text);
      expect(total(samples, 'gateway_worker_processes')).toBe(2);
      // The 20 operations of the test before, however the workers shared them.
      expect(total(samples, 'gateway_graphql_operations_total', { operation: 'Me' })).toBe(20);
    }
  });

  it('replaces a worker that dies, and keeps serving meanwhile', async () => {
    const [victim, survivor] = await workerPids();
    process.kill(victim!, 'SIGKILL');
    await eventually(
      async () => {
        const pids = await workerPids();
        expect(pids).toHaveLength(2);
        expect(pids).toContain(survivor);
        expect(pids).not.toContain(victim);
      },
      { timeoutMs: 20_000 },
    );
    const answers = await Promise.all(Array.from({ length: 10 }, () => me()));
    expect(answers.every((answer) => answer.me?.email === users.alice.email)).toBe(true);
  });

  it('stops on SIGTERM: workers drain and the primary exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    // Requests the workers have taken on (headers read, body still coming: nothing depends on
    // timing) when the signal arrives; on separate connections, so both workers hold some.
    const pool = new Agent({ keepAlive: true });
    onTestFinished(() => pool.destroy());
    const body = JSON.stringify({ query: '{ me { email } }' });
    const held = await Promise.all(Array.from({ length: 4 }, () => holdRequest(url, body, { authorization: `Bearer ${token}` }, pool)));
    gateway.kill('SIGTERM');
    // The workers stop accepting: the port refuses new connections while the held requests are open.
    await eventually(async () => expect(await tryConnect(Number(new URL(url).port))).toBe('ECONNREFUSED'), { timeoutMs: 10_000 });
    const answers = await Promise.all(held.map((request) => request.finish()));
    for (const answer of answers) {
      expect(answer.status, output).toBe(200);
      expect((JSON.parse(answer.body) as { data: { me: { email: string } } }).data.me.email).toBe(users.alice.email);
    }
    expect(await exited, output).toBe(0);
    expect(await workerPids()).toEqual([]);
  });
});
