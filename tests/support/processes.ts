import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.ts';

/** The repository root: services are started from there, as `npm start -w …` would. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * One service running as its own OS process (`node --import tsx <entry>`), the way a container
 * runs it. Its output is kept (the last part of it) so a failing test can show what it said.
 */
export interface ServiceProcess {
  readonly label: string;
  readonly pid: number;
  /** Known once the service logged that it listens. */
  readonly url: string;
  readonly port: number;
  /** Everything it wrote so far (bounded), stdout and stderr interleaved. */
  output(): string;
  /** Resolves when the process ends, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly running: boolean;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when a line of its output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 200_000;

/** Children still running: none outlives the test process, whatever happens to it. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** The environment every child gets from this process: what node and tsx need, nothing else. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TZ'];
  return Object.fromEntries(keep.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])));
}

/**
 * Starts `entry` (relative to the repository root) with exactly `env` (plus PATH and the like) and
 * waits for its "listening" log line, which carries its URL (every service logs one at `info`).
 */
export async function startServiceProcess(label: string, entry: string, env: Record<string, string>): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let running = true;
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
    for (const listener of listeners) listener();
  };
  alive.add(child);
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const ended = (code: number | null, signal: NodeJS.Signals | null) => {
      running = false;
      alive.delete(child);
      resolve({ code, signal });
      for (const listener of listeners) listener();
    };
    child.once('exit', ended);
    // Could not be started at all (no 'exit' follows).
    child.once('error', (error) => {
      output += `\n${error.message}`;
      ended(null, null);
    });
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          done();
          resolve();
        } else if (!running) {
          done();
          reject(new Error(`${label} exited before logging ${pattern}:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${label} did not log ${pattern} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  try {
    await waitForOutput(/"msg":"(subgraph|gateway) listening"/);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const listening = output.split('\n').find((line) => /"msg":"(subgraph|gateway) listening"/.test(line)) ?? '';
  const url = (JSON.parse(listening) as { url: string }).url;
  return {
    label,
    pid: child.pid ?? -1,
    url,
    port: Number(new URL(url).port),
    output: () => output,
    exited,
    get running() {
      return running;
    },
    kill: (signal) => {
      if (running) child.kill(signal);
    },
    waitForOutput,
  };
}

/** Polls `GET /ready` until it answers 200. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const readyUrl = service.url.replace(/\/graphql$/, '/ready');
  await eventually(
    async () => {
      if (!service.running) throw new Error(`${service.label} exited:\n${service.output()}`);
      const response = await fetch(readyUrl);
      if (response.status !== 200) throw new Error(`${service.label} not ready: ${await response.text()}`);
    },
    { timeoutMs, intervalMs: 200 },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n--- ${service.label} output:\n${service.output()}`);
  });
}

/** Resolves with the connection error code (`ECONNREFUSED` when nothing listens), or `connected`. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Runs a one-shot command (`node --import tsx <entry>`) to completion; rejects with its output unless it exits 0. */
export function runToCompletion(entry: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...baseEnv(), ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${entry} exited ${code}:\n${output}`))));
  });
}

/** What a held request got back. */
export interface HeldAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An HTTP POST held in flight on a keep-alive connection: sent with `Expect: 100-continue`, so it resolves once the server
 * has read the headers and taken the request on (it answered `100 Continue`), with the first half
 * of the body sent; `finish` sends the rest and reads the answer. A test holds a request in flight
 * across a shutdown this way without relying on timing. Pass a keep-alive `agent` to hold the
 * connection open afterwards, as a gateway's pool or a load balancer would.
 */
export interface HeldRequest {
  finish(): Promise<HeldAnswer>;
}

export function holdRequest(url: string, body: string, headers: Record<string, string>, agent: Agent): Promise<HeldRequest> {
  const payload = Buffer.from(body, 'utf8');
  const half = Math.floor(payload.length / 2);
  return new Promise((accepted, refused) => {
    const outgoing = httpRequest(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length), expect: '100-continue', ...headers },
    });
    const answer = new Promise<HeldAnswer>((resolve, reject) => {
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
    });
    answer.catch(refused);
    outgoing.once('continue', () => {
      outgoing.write(payload.subarray(0, half));
      accepted({
        finish() {
          outgoing.end(payload.subarray(half));
          return answer;
        },
      });
    });
    outgoing.flushHeaders();
  });
}
