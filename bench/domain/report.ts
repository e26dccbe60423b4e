import { formatTable } from '../lib/table.ts';
import type { DomainResults, DomainTarget } from './workload.ts';

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const ratio = (value: number, ours: number) => (ours > 0 ? `${(value / ours).toFixed(2)}×` : '–');

/** Per operation and target: throughput, latency, errors, gateway CPU, and the ratio to ours. */
export function formatDomainTable(results: DomainResults): string {
  const rows: string[][] = [];
  for (const operation of results.operations) {
    const ours = operation.targets.ours;
    for (const [target, figures] of Object.entries(operation.targets) as [
      DomainTarget,
      NonNullable<(typeof operation.targets)['ours']>,
    ][]) {
      rows.push([
        operation.name,
        target,
        fixed(figures.requestsPerSecond, 0),
        ours ? ratio(figures.requestsPerSecond, ours.requestsPerSecond) : '–',
        fixed(figures.latencyMs.p50),
        fixed(figures.latencyMs.p95),
        fixed(figures.latencyMs.p99),
        String(figures.errors),
        figures.gatewayCpuMsPerRequest === null ? '–' : fixed(figures.gatewayCpuMsPerRequest, 2),
        subgraphCpu(figures.subgraphCpuMsPerRequest),
      ]);
    }
  }
  return formatTable(
    ['operation', 'target', 'req/s', 'req/s vs ours', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'gateway CPU ms/req', 'subgraph CPU ms/req'],
    rows,
  );
}

/** The subgraphs that spent at least 0.05 ms per request, busiest first (older result files have none). */
function subgraphCpu(bySubgraph: Partial<Record<string, number>> | undefined): string {
  const spent = Object.entries(bySubgraph ?? {})
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  return spent.length ? spent.map(([name, ms]) => `${name} ${fixed(ms, 2)}`).join(', ') : '–';
}

/** SQL statements per request of each operation, over all subgraphs and per subgraph. */
export function formatStatementTable(results: DomainResults): string {
  return formatTable(
    ['operation', 'SQL statements / request', 'per subgraph'],
    Object.entries(results.statements).map(([name, counts]) => [
      name,
      fixed(counts.perRequest),
      Object.entries(counts.bySubgraph)
        .map(([subgraph, count]) => `${subgraph} ${fixed(count)}`)
        .join(', '),
    ]),
  );
}

export function formatMemoryTable(results: DomainResults): string {
  return formatTable(
    ['process', 'peak RSS MB'],
    Object.entries(results.peakRssMb).map(([name, value]) => [name, String(value)]),
  );
}

/** Resident memory of the gateway and each subgraph over the soak, and its growth per minute. */
export function formatSoakTable(results: DomainResults): string {
  const soak = results.soak;
  if (!soak) return '';
  return formatTable(
    ['process', 'RSS at start MB', 'RSS at end MB', 'peak RSS MB', 'growth MB/min'],
    Object.entries(soak.memory).map(([name, memory]) => [
      name,
      fixed(memory.startMb, 0),
      fixed(memory.endMb, 0),
      fixed(memory.peakMb, 0),
      fixed(memory.growthMbPerMinute, 2),
    ]),
  );
}
