import { closeOnSignal, createLogger, runMain } from '@fed/service-kit';
import { startGateway } from './server.ts';

await runMain(async () => {
  const gateway = await startGateway();
  closeOnSignal(() => gateway.close(), createLogger({ service: 'gateway' }));
});
