import { env, loadConfig } from '@fed/service-kit';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const gatewayEnv = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HOST: z.string().default('127.0.0.1'),
  PORT: env.port(4000),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../supergraph.graphql', import.meta.url))),
  /** How often the supergraph file is checked for changes. */
  SUPERGRAPH_POLL_MS: env.positiveInt(1000),
  AUTH_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  AUTH_ISSUER: z.string().default('urn:fed:users'),
  AUTH_AUDIENCE: z.string().default('urn:fed:graph'),
  /** Defaults to on in development, off in production. */
  GRAPHQL_INTROSPECTION: env.boolean(true).optional(),
  MAX_BODY_BYTES: env.positiveInt(1_000_000),
  SHUTDOWN_GRACE_MS: env.positiveInt(10_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(source: Record<string, string | undefined> = process.env) {
  const config = loadConfig(gatewayEnv, source);
  const production = config.NODE_ENV === 'production';
  // Per-subgraph URL overrides: <NAME>_SUBGRAPH_URL, for any subgraph the supergraph names.
  const subgraphUrls = Object.fromEntries(
    Object.entries(source)
      .filter(([key, value]) => key.endsWith('_SUBGRAPH_URL') && value)
      .map(([key, value]) => [key.slice(0, -'_SUBGRAPH_URL'.length).toLowerCase(), value!]),
  );
  for (const [name, url] of Object.entries(subgraphUrls)) {
    if (!z.url().safeParse(url).success) throw new Error(`${name.toUpperCase()}_SUBGRAPH_URL: must be a URL (got ${JSON.stringify(url)})`);
  }
  return { ...config, production, introspection: config.GRAPHQL_INTROSPECTION ?? !production, subgraphUrls };
}
