import { closeOnSignal, createLogger, runMain } from '@fed/service-kit/edge';
import { loadGatewayConfig, supergraphArgument } from './config.ts';
import { startGateway } from './server.ts';
import { runWorkers } from './workers.ts';

await runMain(async () => {
  // `--supergraph <path>` wins over SUPERGRAPH_PATH.
  const env = { ...process.env, ...supergraphArgument(process.argv.slice(2)) };
  // Checked once up front, so a bad variable stops the primary instead of crash-looping workers.
  const config = loadGatewayConfig(env);
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  await runWorkers(
    config.workers,
    async () => {
      const gateway = await startGateway({ env });
      closeOnSignal(() => gateway.close(), logger);
    },
    logger,
  );
});
