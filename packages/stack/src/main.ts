/**
 * `npm start`: the whole graph in one process on embedded PGlite databases (persisted under
 * DATA_DIR, default .data/), migrated and seeded with the demo world on first start.
 */
import { closeOnSignal, createLogger, runMain } from '@fed/service-kit';
import { DEMO_PASSWORD, users } from '../../../prisma/demo-world.ts';
import { explorerDemoEnv } from './explorer-demo.ts';
import { startStack } from './stack.ts';

await runMain(async () => {
  const logger = createLogger({ service: 'stack', level: 'info' });
  const embedded = !Object.keys(process.env).some((key) => key.endsWith('_DATABASE_URL'));
  // The demo world exists only on embedded databases: only there does the explorer offer its logins.
  const stack = await startStack({ env: { LOG_LEVEL: 'warn', ...(embedded ? explorerDemoEnv() : {}), ...process.env } });
  closeOnSignal(() => stack.close(), logger);
  const lines = [
    '',
    `  Graph (open it in a browser for the explorer): ${stack.gateway.url}`,
    ...Object.entries(stack.subgraphs).map(([name, service]) => `  ${name.padEnd(9)} subgraph: ${service.url}`),
    '',
  ];
  if (embedded) {
    lines.push(
      '  Demo logins (embedded mode only), tenant "acme" unless noted:',
      `    ${users.acmeAdmin.email} (admin), ${users.acmeManager.email} (manager), ${users.alice.email} (customer)`,
      `    ${users.globexAdmin.email} (tenant "globex")    password for all: ${DEMO_PASSWORD}`,
      '',
      '  Try: mutation { login(input: { tenantSlug: "acme", email: "admin@acme.test", password: "demo-password-1" }) { accessToken } }',
      '  then send the token as the header  Authorization: Bearer <accessToken>',
      '',
    );
  }
  lines.push('  Ctrl-C stops everything.', '');
  process.stdout.write(lines.join('\n'));
});
