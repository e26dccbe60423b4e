import { readFileSync } from 'node:fs';
import { commonServiceEnv, SUBGRAPH_NAMES, subgraphEnv, TRACING_ENV } from '@fed/service-kit';
import { describe, expect, it } from 'vitest';
import { gatewayEnv } from '../gateway/src/config.ts';
import { auditEnv } from '../subgraphs/audit/src/config.ts';
import { shippingEnv } from '../subgraphs/shipping/src/config.ts';
import { usersEnv } from '../subgraphs/users/src/config.ts';

/**
 * The README's configuration table and the services' config schemas name the same variables:
 * nothing a service reads is undocumented, and nothing documented is read by nobody.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
const documented = new Set([...section.matchAll(/^\| `([A-Z_<>]+)` +\|/gm)].map((match) => match[1]!));

/** Per-subgraph variables are documented once, as `<SUBGRAPH>_…`. */
const generic = (variable: string) => variable.replace(new RegExp(`^(${SUBGRAPH_NAMES.join('|').toUpperCase()})_`), '<SUBGRAPH>_');

const read = new Set([
  ...Object.keys(commonServiceEnv),
  ...SUBGRAPH_NAMES.flatMap((name) => Object.keys(subgraphEnv(name)).map(generic)),
  ...Object.keys(gatewayEnv),
  ...Object.keys(usersEnv),
  ...Object.keys(shippingEnv),
  ...Object.keys(auditEnv),
  ...TRACING_ENV,
]);
/** Read outside the config schemas: per-subgraph gateway overrides, the image's health check, the test setup. */
const readElsewhere = ['<SUBGRAPH>_SUBGRAPH_URL', '<SUBGRAPH>_SUBGRAPH_TIMEOUT_MS', 'SERVICE_PORT', 'TEST_DATABASE_URL', 'TEST_REDIS_URL'];

describe('the README configuration table', () => {
  it('documents every variable a service reads', () => {
    expect(read.size).toBeGreaterThan(40);
    expect([...read].filter((variable) => !documented.has(variable))).toEqual([]);
  });

  it('documents no variable that nothing reads', () => {
    expect([...documented].filter((variable) => !read.has(variable) && !readElsewhere.includes(variable))).toEqual([]);
  });
});
