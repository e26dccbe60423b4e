/** Process entry helpers, apart from lifecycle.ts so that processes without a database (the gateway) need not load it. */
import type { Logger } from './logger.ts';
import { shutdownTracing } from './tracing.ts';

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
    // The spans of the last requests are exported before the process goes (a no-op without tracing).
    close()
      .then(() => shutdownTracing().catch(() => {}))
      .then(
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
