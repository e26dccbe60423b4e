import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '@fed/service-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Docker cannot run here, so the compose file is checked the ways that can run without an engine. */
const root = fileURLToPath(new URL('..', import.meta.url));
const compose = parse(readFileSync(`${root}/docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown>; ports?: string[] }
  >;
};
const readme = readFileSync(`${root}/README.md`, 'utf8');

describe('docker-compose.yml', () => {
  it('runs every subgraph, the gateway, PostgreSQL, Redis and a migration job', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['audit', 'catalog', 'exports', 'gateway', 'migrate', 'postgres', 'redis', 'shipping', 'users'].sort(),
    );
    expect(compose.services.gateway!.ports).toEqual(['4000:4000']);
  });

  it('starts each service from a file that exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const entry = service.command?.find((part) => part.endsWith('.ts'));
      if (!service.command || ['postgres', 'redis'].includes(name)) continue;
      expect(entry, `${name} command`).toBeDefined();
      expect(existsSync(`${root}/${entry}`), `${name}: ${entry}`).toBe(true);
    }
  });

  it('gives each subgraph only its own database, on its default port, migrated by the job', () => {
    for (const name of SUBGRAPH_NAMES) {
      const environment = compose.services[name]!.environment!;
      const urls = Object.keys(environment).filter((key) => key.endsWith('_DATABASE_URL'));
      expect(urls, name).toEqual([`${name.toUpperCase()}_DATABASE_URL`]);
      expect(environment[`${name.toUpperCase()}_DATABASE_URL`]).toMatch(new RegExp(`^postgres://${name}_svc:.*@postgres:5432/${name}$`));
      expect(environment[`${name.toUpperCase()}_PORT`]).toBe(String(DEFAULT_PORTS[name]));
      expect(environment.MIGRATE_ON_START).toBe('false');
      expect(compose.services[name]!.depends_on).toHaveProperty('migrate');
      expect(compose.services.gateway!.environment![`${name.toUpperCase()}_SUBGRAPH_URL`]).toBe(
        `http://${name}:${DEFAULT_PORTS[name]}/graphql`,
      );
    }
  });

  it('uses only variables the README documents', () => {
    const variables = new Set<string>();
    for (const service of Object.values(compose.services)) {
      for (const key of Object.keys(service.environment ?? {})) variables.add(key);
    }
    const serviceVariables = [...variables].filter((name) => !name.startsWith('POSTGRES_') && !name.endsWith('_DB_PASSWORD'));
    const documented = (variable: string) =>
      readme.includes(`\`${variable}\``) ||
      readme.includes(`\`${variable.replace(/^(USERS|CATALOG|SHIPPING|EXPORTS|AUDIT)_/, '<SUBGRAPH>_')}\``);
    expect(serviceVariables.filter((variable) => !documented(variable))).toEqual([]);
  });
});
