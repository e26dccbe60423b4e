import type { ServiceContext } from './context.ts';
import { createLogger } from './logger.ts';
import { closeOnSignal, runMain } from './process.ts';
import { startSubgraph, type SubgraphDefinition } from './service.ts';

/** The whole `index.ts` of a subgraph: start it from the environment and stop it on a signal. */
export async function serveSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends ServiceContext>(
  definition: SubgraphDefinition<Client, Context>,
): Promise<void> {
  await runMain(async () => {
    const running = await startSubgraph(definition);
    closeOnSignal(() => running.close(), createLogger({ service: definition.name }));
  });
}
