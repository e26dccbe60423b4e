import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeHttpServer, listen, readBody } from './http.ts';

/**
 * Sends a POST with `Expect: 100-continue` on `agent`; resolves once the server took the request
 * on (100 Continue), and `finish` sends the body and reads the answer.
 */
function heldPost(port: number, agent: Agent) {
  return new Promise<{ finish(body: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> }>((accepted) => {
    const outgoing = request({ port, method: 'POST', agent, headers: { 'content-length': '5', expect: '100-continue' } });
    const answer = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
    });
    outgoing.once('continue', () => accepted({ finish: (body) => (outgoing.end(body), answer) }));
    outgoing.flushHeaders();
  });
}

describe('closeHttpServer', () => {
  it('answers a request in flight, closes its kept-alive connection and resolves without waiting for the grace period', async () => {
    const server = createServer(async (incoming, response) => {
      response.end(`echo:${await readBody(incoming, 100)}`);
    });
    const port = await listen(server, 0, '127.0.0.1');
    // A keep-alive pool, like the gateway's towards its subgraphs or a load balancer's.
    const pool = new Agent({ keepAlive: true });
    try {
      const idle = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'first' });
      expect(await idle.text()).toBe('echo:first');
      const held = await heldPost(port, pool);

      const graceMs = 30_000;
      let closed = false;
      const closing = closeHttpServer(server, graceMs).then(() => (closed = true));
      expect(server.listening).toBe(false);

      const answer = await held.finish('hello');
      expect(answer).toMatchObject({ status: 200, body: 'echo:hello' });
      // Told not to reuse the connection, and the server does not wait for the client to drop it.
      expect(answer.headers.connection).toBe('close');
      await closing;
      expect(closed).toBe(true);
    } finally {
      pool.destroy();
      server.closeAllConnections();
    }
    // Far below the grace period: without the fix the server would hold on until it ends.
  }, 10_000);
});
