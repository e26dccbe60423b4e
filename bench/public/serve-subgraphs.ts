/**
 * Child-process entry: serves the four public-scenario subgraphs on the ports given in
 * PUBLIC_SUBGRAPH_PORTS (JSON, e.g. {"accounts":4201,…}), so their CPU time is measured apart
 * from the gateways' and the load generator's. Stops on SIGTERM.
 */
import { closeOnSignal, createLogger, runMain } from '@fed/service-kit/edge';
import { servePublicSubgraphs, type PublicSubgraphName } from './subgraphs.ts';

await runMain(async () => {
  const ports = JSON.parse(process.env.PUBLIC_SUBGRAPH_PORTS ?? '{}') as Partial<Record<PublicSubgraphName, number>>;
  const running = await servePublicSubgraphs(ports);
  closeOnSignal(() => running.close(), createLogger({ service: 'public-subgraphs', level: 'warn' }));
});
