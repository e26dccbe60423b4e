import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { loadSubgraphConfig } from './service.ts';

describe('service configuration', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadSubgraphConfig('catalog', {});
    expect(config.port).toBe(4002);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.DATA_DIR).toBe('.data');
    expect(config.production).toBe(false);
  });

  it('stops with a message naming each bad variable', () => {
    const attempt = () => loadSubgraphConfig('catalog', { CATALOG_PORT: 'eighty', CATALOG_DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('CATALOG_PORT');
      expect(message).toContain('CATALOG_DATABASE_URL: must be a postgres:// URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('reads the database URL of its own subgraph only', () => {
    const config = loadSubgraphConfig('shipping', {
      CATALOG_DATABASE_URL: 'postgres://localhost/catalog',
      SHIPPING_DATABASE_URL: 'postgres://localhost/shipping',
    });
    expect(config.databaseUrl).toBe('postgres://localhost/shipping');
  });
});
