import { closeOnSignal, createLogger, runMain } from '@fed/service-kit/edge';
import { supergraphArgument } from './config.ts';
import { startGateway } from './server.ts';

await runMain(async () => {
  // `--supergraph <path>` wins over SUPERGRAPH_PATH.
  const gateway = await startGateway({ env: { ...process.env, ...supergraphArgument(process.argv.slice(2)) } });
  closeOnSignal(() => gateway.close(), createLogger({ service: 'gateway' }));
});
