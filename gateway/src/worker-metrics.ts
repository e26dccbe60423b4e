import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { MetricSnapshot } from '@fed/service-kit/edge';
import { GatewayMetrics } from './metrics.ts';

/**
 * One scrape of a gateway with workers answers for the whole process: the worker that received
 * the scrape asks the primary, the primary asks every worker for a snapshot of its metrics over
 * the cluster's IPC channel and hands the set back, and the first worker merges and renders them.
 * A worker that does not answer within COLLECT_TIMEOUT_MS (busy, dying) is left out of that scrape;
 * `gateway_worker_processes` says how many answered.
 */
const COLLECT_TIMEOUT_MS = 2000;

type Message =
  | { kind: 'fed:metrics:collect'; id: string }
  | { kind: 'fed:metrics:snapshot-request'; id: string }
  | { kind: 'fed:metrics:snapshot'; id: string; snapshot: MetricSnapshot[] }
  | { kind: 'fed:metrics:collected'; id: string; sets: MetricSnapshot[][] };

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && String((value as { kind?: unknown }).kind).startsWith('fed:metrics:');

/** In a worker: answers the primary's snapshot requests, and returns a renderer that collects from all workers. */
export function workerMetrics(metrics: GatewayMetrics): { render(): Promise<string>; stop(): void } {
  if (!cluster.isWorker || !process.send) return { render: () => metrics.render(), stop: () => {} };
  const waiting = new Map<string, (sets: MetricSnapshot[][]) => void>();
  const onMessage = (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.kind === 'fed:metrics:snapshot-request') {
      void metrics.registry.snapshot().then((snapshot) => process.send?.({ kind: 'fed:metrics:snapshot', id: message.id, snapshot }));
    } else if (message.kind === 'fed:metrics:collected') {
      waiting.get(message.id)?.(message.sets);
      waiting.delete(message.id);
    }
  };
  process.on('message', onMessage);
  return {
    async render() {
      const id = randomUUID();
      const sets = await new Promise<MetricSnapshot[][] | null>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, COLLECT_TIMEOUT_MS * 2);
        waiting.set(id, (value) => {
          clearTimeout(timer);
          resolve(value);
        });
        process.send?.({ kind: 'fed:metrics:collect', id });
      });
      // No primary answer at all (it is shutting down): this worker's own metrics are better than none.
      return sets ? GatewayMetrics.renderMerged(sets) : metrics.render();
    },
    stop: () => process.off('message', onMessage),
  };
}

/** In the primary: fans a worker's collect request out to every worker and answers with what came back. */
export function collectWorkerMetrics(workers: () => Iterable<Worker>): void {
  const collections = new Map<string, { sets: MetricSnapshot[][]; expected: number; done: () => void }>();
  cluster.on('message', (from, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.kind === 'fed:metrics:snapshot') {
      const collection = collections.get(message.id);
      if (!collection) return;
      collection.sets.push(message.snapshot);
      if (collection.sets.length >= collection.expected) collection.done();
      return;
    }
    if (message.kind !== 'fed:metrics:collect') return;
    const live = [...workers()].filter((worker) => worker.isConnected());
    const sets: MetricSnapshot[][] = [];
    const finish = () => {
      clearTimeout(timer);
      collections.delete(message.id);
      if (from.isConnected()) from.send({ kind: 'fed:metrics:collected', id: message.id, sets });
    };
    const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
    collections.set(message.id, { sets, expected: live.length, done: finish });
    for (const worker of live) worker.send({ kind: 'fed:metrics:snapshot-request', id: message.id });
  });
}
