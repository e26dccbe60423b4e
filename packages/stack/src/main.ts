/**
 * `npm start`: the whole graph in one process on embedded PGlite databases (persisted under
 * DATA_DIR, default .data/), migrated and seeded with the demo world on first start.
 */
import { closeOnSignal, createLogger, runMain } from '@fed/service-kit';
import { DEMO_PASSWORD, users } from '../../../prisma/demo-world.ts';
import { startStack } from './stack.ts';

await runMain(async () => {
  const logger = createLogger({ service: 'stack', level: 'info' });
  const stack = await startStack({ env: { LOG_LEVEL: 'warn', ...process.env } });
  closeOnSignal(() => stack.close(), logger);
  const embedded = !Object.keys(process.env).some((key) => key.endsWith('_DATABASE_URL'));
  const lines = [
    '',
    `  Graph (Apollo Sandbox in your browser): ${stack.gateway.url}`,
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
