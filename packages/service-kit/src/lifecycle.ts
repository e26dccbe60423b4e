import type { Logger } from './logger.ts';
import type { ServiceContext } from './context.ts';
import { createLogger } from './logger.ts';
import { startSubgraph, type SubgraphDefinition } from './service.ts';

/**
 * Runs a service until SIGTERM/SIGINT, then closes it (which finishes in-flight requests within
 * the grace period and closes pools) and exits 0. A second signal exits at once.
 */
export function closeOnSignal(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info('shutting down', { signal });
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Entry point helper: start, print why it failed (e.g. a config error naming the variable), exit 1. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** The whole `index.ts` of a subgraph: start it from the environment and stop it on a signal. */
export async function serveSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends ServiceContext>(
  definition: SubgraphDefinition<Client, Context>,
): Promise<void> {
  await runMain(async () => {
    const running = await startSubgraph(definition);
    closeOnSignal(() => running.close(), createLogger({ service: definition.name }));
  });
}
