import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Services under benchmark run as child processes, so their CPU time and memory can be read from
 * /proc apart from the load generator's (which runs in the benchmark's own process). Linux only:
 * the figures come from /proc/<pid>/stat and /proc/<pid>/status.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The node flags our services run with in production (the Dockerfile's NODE_OPTIONS and every
 * package's `start` script): the benchmark starts our gateway and subgraphs with them, the
 * baseline gateways as their documentation starts them.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

export interface ServiceOptions {
  /** For messages and output prefixes. */
  name: string;
  /** A TypeScript or JavaScript entry point, run with `node --import tsx` from the repository root. */
  entry: string;
  args?: readonly string[];
  /** Added to the benchmark's own environment (a value of undefined removes the variable). */
  env?: Record<string, string | undefined>;
  /** Extra node flags before the entry, e.g. `--cpu-prof`, `--cpu-prof-dir=…`. */
  nodeOptions?: readonly string[];
  /** Polled until it answers over HTTP; the service counts as started only then. */
  readyUrl: string;
  /** Which answers mean ready (default: any HTTP answer below 500). */
  readyWhen?: (status: number) => boolean;
  readyTimeoutMs?: number;
}

export interface ServiceProcess {
  name: string;
  pid: number;
  /** The last ~256 KB of stdout and stderr, interleaved as received. */
  output(): string;
  /** stderr lines and JSON log lines at level error/fatal: what a run should report. */
  errorLines(): string[];
  /** CPU time (user + system) of the process and every live descendant, in milliseconds. */
  cpuTimeMs(): number;
  /** Peak resident memory, summed over the process and every live descendant, in bytes. */
  peakRssBytes(): number;
  /** Resident memory now, summed over the process and every live descendant, in bytes. */
  rssBytes(): number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const OUTPUT_LIMIT = 256 * 1024;

export async function startService(options: ServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeOptions ?? []), options.entry, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: withoutUndefined({ ...process.env, ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${options.name}: could not be started`);
  const pid = child.pid;

  let output = '';
  const errors: string[] = [];
  const keep = (text: string) => {
    output = (output + text).slice(-OUTPUT_LIMIT);
  };
  child.stdout!.setEncoding('utf8').on(
    'data',
    byLine(keep, (line) => {
      if (/"level":"(error|fatal)"/.test(line)) errors.push(line);
    }),
  );
  child.stderr!.setEncoding('utf8').on(
    'data',
    byLine(keep, (line) => {
      if (line.trim() && !isHarmlessWarning(line)) errors.push(line);
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const service: ServiceProcess = {
    name: options.name,
    pid,
    output: () => output,
    errorLines: () => [...errors],
    cpuTimeMs: () => sumOverTree(pid, cpuTimeOfProcessMs),
    peakRssBytes: () => sumOverTree(pid, peakRssOfProcessBytes),
    rssBytes: () => sumOverTree(pid, rssOfProcessBytes),
    exited,
    async stop(graceMs = 15_000) {
      if (hasExited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };

  try {
    await waitForHttp(options.readyUrl, {
      timeoutMs: options.readyTimeoutMs ?? 60_000,
      readyWhen: options.readyWhen,
      givesUp: () => (hasExited ? `${options.name} exited before it was ready` : null),
    });
  } catch (error) {
    await service.stop(2_000);
    throw new Error(`${(error as Error).message}\n--- ${options.name} output ---\n${output.slice(-4000)}`, { cause: error });
  }
  return service;
}

/** A chunk handler that hands over the raw text and then each complete line (a chunk may end mid-line). */
function byLine(raw: (text: string) => void, line: (text: string) => void): (chunk: string) => void {
  let partial = '';
  return (chunk) => {
    raw(chunk);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const complete of lines) line(complete);
  };
}

/** Node's own warnings (`(node:<pid>) XWarning: …`: experimental features, deprecations, listener counts) are not failures. */
function isHarmlessWarning(line: string): boolean {
  return /^\(node:\d+\) \w*Warning|--trace-warnings|--trace-deprecation/.test(line);
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Polls `url` until it answers; throws after `timeoutMs` or as soon as `givesUp` names a reason. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs?: number; readyWhen?: (status: number) => boolean; givesUp?: () => string | null } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const readyWhen = options.readyWhen ?? ((status: number) => status < 500);
  let last = 'no answer';
  while (Date.now() < deadline) {
    const reason = options.givesUp?.();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (readyWhen(response.status)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready (${last})`);
}

/** A TCP port nobody listens on right now (the kernel picks it; it is released before returning). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---- /proc readings ------------------------------------------------------------------------

let clockTicksPerSecond: number | undefined;
/** Kernel clock ticks per second, the unit of utime/stime (almost always 100). */
function clockTicks(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * utime + stime of one process, plus cutime + cstime (children it has already waited for, e.g. a
 * cluster worker that was replaced), in milliseconds; 0 once the process is gone.
 */
export function cpuTimeOfProcessMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14..17.
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return (ticks * 1000) / clockTicks();
}

/** VmHWM (peak resident set) of one process in bytes; 0 once the process is gone. */
export function peakRssOfProcessBytes(pid: number): number {
  return statusBytes(pid, 'VmHWM');
}

/** VmRSS (resident set now) of one process in bytes; 0 once the process is gone. */
export function rssOfProcessBytes(pid: number): number {
  return statusBytes(pid, 'VmRSS');
}

function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and all its live descendants (cluster workers, anything they fork). */
export function processTree(pid: number): number[] {
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    tree.push(current);
    pending.push(...childrenOf(current));
  }
  return tree;
}

function childrenOf(pid: number): number[] {
  try {
    // Every thread of the process lists the children it started.
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return childrenByScanningProc(pid);
  }
}

/** For kernels without /proc/<pid>/task/<tid>/children: the processes whose parent is `pid`. */
function childrenByScanningProc(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/**
 * Sums a per-process reading over the tree. For peak memory this is an upper bound of the tree's
 * real peak (each process's own peak, which need not have happened at the same moment).
 */
export function sumOverTree(pid: number, reading: (pid: number) => number): number {
  return processTree(pid).reduce((sum, member) => sum + reading(member), 0);
}

/** Stops every service given, in parallel (errors of one do not keep the others running). */
export async function stopAll(services: readonly (ServiceProcess | { stop(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.allSettled(services.map((service) => service?.stop()));
}
