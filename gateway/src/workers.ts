import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@fed/service-kit/edge';
import { collectWorkerMetrics } from './worker-metrics.ts';

/** A worker that dies this soon after it started counts as a crash loop, not a one-off failure. */
const CRASH_WINDOW_MS = 5_000;
const MAX_QUICK_CRASHES = 3;

/**
 * Runs the gateway in `count` worker processes that share one listening port (node:cluster; the
 * primary hands out connections round-robin), or in this process when `count` is 1. Node runs
 * JavaScript on one core per process: workers are how one gateway uses every core of its machine.
 *
 * The primary only supervises: a worker that dies is replaced (a crash loop stops the gateway
 * instead), and SIGTERM/SIGINT are passed to every worker, which drain their in-flight requests
 * as a single-process gateway does; the primary exits 0 once all of them exited 0.
 */
export async function runWorkers(count: number, startWorker: () => Promise<void>, logger: Logger): Promise<void> {
  if (count <= 1 || cluster.isWorker) {
    await startWorker();
    return;
  }
  let stopping = false;
  let failedExits = 0;
  let quickCrashes = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      // A worker still starting has no handler yet and ends by the signal itself: that is clean too.
      if (code !== 0 && signal !== 'SIGTERM') failedExits++;
      if (startedAt.size === 0) process.exit(failedExits === 0 ? 0 : 1);
      return;
    }
    logger.error('gateway worker died', { pid: worker.process.pid, code, signal });
    quickCrashes = lived < CRASH_WINDOW_MS ? quickCrashes + 1 : 0;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      logger.error('gateway workers keep dying at start; stopping', { crashes: quickCrashes });
      stopping = true;
      failedExits++;
      for (const other of startedAt.keys()) other.process.kill('SIGTERM');
      if (startedAt.size === 0) process.exit(1);
      return;
    }
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down workers', { signal, workers: startedAt.size });
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  collectWorkerMetrics(() => startedAt.keys());
  for (let index = 0; index < count; index++) fork();
  logger.info('gateway workers started', { workers: count });
}
