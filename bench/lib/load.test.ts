import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { closeHttpServer, listen, readBody } from '@fed/service-kit/edge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentiles, runLoad, weightedMix } from './load.ts';
import { cpuTimeOfProcessMs, peakRssOfProcessBytes, processTree, sumOverTree } from './processes.ts';

/**
 * A stand-in GraphQL server: answers `{"op":"ok"}` with data, `{"op":"fail"}` with a GraphQL
 * error (HTTP 200) and `{"op":"down"}` with HTTP 503, and remembers each request's headers.
 */
let server: Server;
let url: string;
const seen: { op: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request, 10_000).then((body) => {
      const { op } = JSON.parse(body) as { op: string };
      seen.push({ op, authorization: request.headers.authorization });
      const [status, answer] =
        op === 'down'
          ? [503, '{"errors":[{"message":"down"}]}']
          : [200, op === 'fail' ? '{"errors":[{"message":"no"}]}' : '{"data":{"ok":true}}'];
      response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/graphql`;
});
afterAll(() => closeHttpServer(server, 100));

describe('runLoad', () => {
  it('sends what the generator builds, reads every answer and keeps figures per operation', async () => {
    seen.length = 0;
    const mix = weightedMix([
      {
        operation: 'ok',
        weight: 6,
        request: ({ sequence }) => ({ body: '{"op":"ok"}', headers: { authorization: `Bearer t${sequence}` } }),
      },
      { operation: 'fail', weight: 3, request: () => ({ body: '{"op":"fail"}' }) },
      { operation: 'down', weight: 1, request: () => ({ body: '{"op":"down"}' }) },
    ]);
    const result = await runLoad({ url, connections: 4, amount: 400, nextRequest: mix });

    expect(result.requests).toBe(400);
    expect(result.perOperation.ok!.requests + result.perOperation.fail!.requests + result.perOperation.down!.requests).toBe(400);
    // Weighted 6:3:1, interleaved (sent order is the generator's order; four connections may answer out of order by a few).
    expect(result.perOperation.ok!.requests).toBeGreaterThanOrEqual(236);
    expect(result.perOperation.fail!.requests).toBeGreaterThanOrEqual(116);
    expect(result.perOperation.down!.requests).toBeGreaterThanOrEqual(36);
    expect(result.perOperation.ok!.errors).toBe(0);
    expect(result.perOperation.fail!.errors).toBe(result.perOperation.fail!.requests);
    expect(result.non2xx).toBe(result.perOperation.down!.requests);
    expect(result.errors).toBe(result.perOperation.fail!.requests + result.perOperation.down!.requests);
    expect(result.sampleError).toMatch(/^(fail: GraphQL errors|down: HTTP 503)/);
    expect(result.latencyMs.p50).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p95);
    // Each request carried its own header.
    const tokens = seen.filter((request) => request.op === 'ok').map((request) => request.authorization);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('runs for a duration and counts requests nobody answered', async () => {
    const result = await runLoad({
      url: 'http://127.0.0.1:9/graphql',
      connections: 2,
      durationSeconds: 1,
      nextRequest: () => ({ body: '{}' }),
    });
    expect(result.requests).toBe(0);
    expect(result.transportErrors).toBeGreaterThan(0);
    expect(result.errors).toBe(result.transportErrors);
  });
});

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(percentiles([])).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
});

describe('process readings', () => {
  it('sum CPU time and peak memory over a process and its children', async () => {
    // A parent that starts a busy child, as node:cluster would. The child spins until killed.
    const parent = spawn(process.execPath, [
      '-e',
      `require('node:child_process').spawn(process.execPath, ['-e', 'const end = Date.now() + 60000; while (Date.now() < end);'], { stdio: 'inherit' }); setTimeout(() => {}, 60000);`,
    ]);
    try {
      // However loaded the machine, wait until the child has spent 300 ms of CPU (not a fixed time).
      let child: number | undefined;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        child = processTree(parent.pid!)[1];
        if (child !== undefined && cpuTimeOfProcessMs(child) >= 300) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(processTree(parent.pid!)).toHaveLength(2);
      expect(cpuTimeOfProcessMs(child!)).toBeGreaterThanOrEqual(300);
      expect(sumOverTree(parent.pid!, cpuTimeOfProcessMs)).toBeGreaterThanOrEqual(cpuTimeOfProcessMs(parent.pid!) + 300);
      expect(sumOverTree(parent.pid!, peakRssOfProcessBytes)).toBeGreaterThan(peakRssOfProcessBytes(parent.pid!));
    } finally {
      for (const pid of processTree(parent.pid!).reverse()) process.kill(pid, 'SIGKILL');
    }
  });
});
