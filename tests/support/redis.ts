import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { eventually } from './eventually.ts';

/** Tests that stop Redis start a private redis-server, so they need the binary (CI has it). */
export const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A private Redis for this test only, so stopping it disturbs nothing else on the machine. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await eventually(
    () =>
      new Promise<void>((resolve, reject) => {
        const socket = createConnection(port);
        socket.once('connect', () => {
          socket.end();
          resolve();
        });
        socket.once('error', reject);
      }),
    { timeoutMs: 10_000 },
  );
  return child;
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
