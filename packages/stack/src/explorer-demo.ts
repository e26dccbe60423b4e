import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, tenants, users } from '../../../prisma/demo-world.ts';

const tenantSlugs = new Map(Object.values(tenants).map((tenant) => [tenant.id, tenant.slug]));

/**
 * The gateway's explorer settings for the embedded mode, where the demo world exists: one-click
 * sign-in as each demo user, and the README's query in a new tab. Never used with real databases.
 */
export function explorerDemoEnv(): Record<string, string> {
  return {
    EXPLORER_DEMO_LOGINS: Object.values(users)
      .map((user) => `${tenantSlugs.get(user.tenantId)}:${user.email}`)
      .join(','),
    EXPLORER_DEMO_PASSWORD: DEMO_PASSWORD,
    EXPLORER_DEFAULT_QUERY: explorerDefaultQuery(),
  };
}

export const explorerDefaultQuery = () =>
  readFileSync(new URL('./explorer-query.graphql', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
