import { ConfigError } from '@fed/service-kit';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig, supergraphArgument } from './config.ts';

const METRICS_TOKEN = 'config-test-metrics-token';

describe('gateway configuration', () => {
  it('has working defaults for the embedded mode: in-memory store, limits on, introspection and any CORS origin in development', () => {
    const config = loadGatewayConfig({});
    expect(config.REDIS_URL).toBeUndefined();
    expect(config).toMatchObject({ MAX_DEPTH: 15, MAX_ALIASES: 30, MAX_COST: 50_000, MAX_BATCH_LENGTH: 10, SUBGRAPH_TIMEOUT_MS: 10_000 });
    expect(config.introspection).toBe(true);
    expect(config.corsOrigins).toEqual(['*']);
  });

  it('turns introspection and cross-origin access off in production unless asked for', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'production', METRICS_TOKEN })).toMatchObject({ introspection: false, corsOrigins: [] });
    const configured = loadGatewayConfig({
      NODE_ENV: 'production',
      METRICS_TOKEN,
      GRAPHQL_INTROSPECTION: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(configured).toMatchObject({ introspection: true, corsOrigins: ['https://a.example', 'https://b.example'] });
    expect(loadGatewayConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
  });

  it('requires METRICS_TOKEN in production unless metrics are off', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/METRICS_TOKEN: required in production/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: must be at least 16 characters/,
    );
    expect(loadGatewayConfig({ NODE_ENV: 'production', METRICS_ENABLED: 'false' }).METRICS_TOKEN).toBeUndefined();
    expect(loadGatewayConfig({}).METRICS_TOKEN).toBeUndefined();
  });

  it('reads per-subgraph URLs and timeouts for any subgraph name', () => {
    const config = loadGatewayConfig({ REVIEWS_SUBGRAPH_URL: 'http://reviews:4000/graphql', REVIEWS_SUBGRAPH_TIMEOUT_MS: '250' });
    expect(config.subgraphUrls).toEqual({ reviews: 'http://reviews:4000/graphql' });
    expect(config.subgraphTimeouts).toEqual({ reviews: 250 });
  });

  it('runs one process by default, one per core with GATEWAY_WORKERS=auto, and several only with shared state in Redis', () => {
    expect(loadGatewayConfig({}).workers).toBe(1);
    expect(loadGatewayConfig({ GATEWAY_WORKERS: 'auto', REDIS_URL: 'redis://cache:6379' }).workers).toBe(availableParallelism());
    expect(loadGatewayConfig({ GATEWAY_WORKERS: '3', REDIS_URL: 'redis://cache:6379' }).workers).toBe(3);
    expect(() => loadGatewayConfig({ GATEWAY_WORKERS: '2' })).toThrow('GATEWAY_WORKERS: 2 workers need REDIS_URL');
    expect(() => loadGatewayConfig({ GATEWAY_WORKERS: '0' })).toThrow('GATEWAY_WORKERS');
    expect(() => loadGatewayConfig({ GATEWAY_WORKERS: 'many' })).toThrow('GATEWAY_WORKERS');
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadGatewayConfig({ REDIS_URL: 'http://cache', MAX_DEPTH: '-1', RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(ConfigError);
    try {
      loadGatewayConfig({ REDIS_URL: 'http://cache', MAX_DEPTH: '-1', RATE_LIMIT_WINDOW_SECONDS: '0' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('REDIS_URL');
      expect(message).toContain('MAX_DEPTH');
      expect(message).toContain('RATE_LIMIT_WINDOW_SECONDS');
    }
    expect(() => loadGatewayConfig({ SHIPPING_SUBGRAPH_TIMEOUT_MS: 'soon' })).toThrow(/SHIPPING_SUBGRAPH_TIMEOUT_MS/);
  });

  it('takes the supergraph file from --supergraph', () => {
    expect(supergraphArgument(['--supergraph', '/etc/graph.graphql'])).toEqual({ SUPERGRAPH_PATH: '/etc/graph.graphql' });
    expect(supergraphArgument(['--supergraph=other.graphql'])).toEqual({ SUPERGRAPH_PATH: 'other.graphql' });
    expect(supergraphArgument([])).toEqual({});
    expect(() => supergraphArgument(['--supergraph'])).toThrow(/--supergraph/);
  });
});
