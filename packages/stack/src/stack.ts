import { startGateway, type RunningGateway } from '@fed/gateway';
import {
  createLogger,
  DEFAULT_PORTS,
  InProcessEventBus,
  type EventBus,
  type DatabaseTarget,
  type Logger,
  type QueryListener,
  type RunningSubgraph,
  type SubgraphName,
} from '@fed/service-kit';
import { auditSubgraph } from '@fed/subgraph-audit';
import { catalogSubgraph } from '@fed/subgraph-catalog';
import { exportsSubgraph } from '@fed/subgraph-exports';
import { shippingSubgraph } from '@fed/subgraph-shipping';
import { usersSubgraph } from '@fed/subgraph-users';
import { startSubgraph } from '@fed/service-kit';

export interface StackOptions {
  env?: Record<string, string | undefined>;
  /** true: every service on an ephemeral port (tests); false: the default ports 4000-4005. */
  ephemeralPorts?: boolean;
  /** Per-subgraph database; by default each subgraph's own URL or embedded PGlite under DATA_DIR. */
  databaseFor?: (name: SubgraphName) => DatabaseTarget | undefined;
  /** Receives every SQL statement of every subgraph, with its parameters (statement-count and EXPLAIN tests). */
  onQuery?: (subgraph: SubgraphName, sql: string, params: unknown[]) => void;
  logger?: Logger;
}

export interface RunningStack {
  gateway: RunningGateway;
  /** The in-process event bus the subgraphs share (undefined with REDIS_URL: they use Redis). */
  eventBus: EventBus | undefined;
  subgraphs: Record<SubgraphName, RunningSubgraph<unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the five subgraphs and the gateway in this process. The users subgraph starts first: the
 * others verify tokens against its JWKS.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  // Without Redis the subgraphs of this stack share one in-process bus (and no other stack's).
  const eventBus = env.REDIS_URL ? undefined : new InProcessEventBus();
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const service of started.reverse()) await service.close();
  };
  const start = async <Client extends { $disconnect(): Promise<void> }>(
    name: SubgraphName,
    run: (common: {
      env: Record<string, string | undefined>;
      port?: number;
      database?: DatabaseTarget;
      onQuery?: QueryListener;
      logger?: Logger;
    }) => Promise<RunningSubgraph<Client>>,
    extraEnv: Record<string, string> = {},
  ) => {
    const database = options.databaseFor?.(name);
    const onQuery = options.onQuery;
    const running = await run({
      env: { ...env, ...extraEnv },
      ...(options.ephemeralPorts ? { port: 0 } : {}),
      ...(database ? { database } : {}),
      ...(onQuery ? { onQuery: (sql: string, params: unknown[]) => onQuery(name, sql, params) } : {}),
      ...(eventBus ? { eventBus } : {}),
      logger: (options.logger ?? createLogger({ service: name, level: logLevel(env) })).child({ service: name }),
    });
    started.push(running);
    return running as RunningSubgraph<unknown>;
  };
  try {
    const users = await start('users', (common) => startSubgraph(usersSubgraph, common));
    const jwksUrl = users.url.replace(/\/graphql$/, '/.well-known/jwks.json');
    const auth = { AUTH_JWKS_URL: jwksUrl };
    const [catalog, shipping, exports, audit] = await Promise.all([
      start('catalog', (common) => startSubgraph(catalogSubgraph, common), auth),
      start('shipping', (common) => startSubgraph(shippingSubgraph, common), auth),
      start('exports', (common) => startSubgraph(exportsSubgraph, common), auth),
      start('audit', (common) => startSubgraph(auditSubgraph, common), auth),
    ]);
    const subgraphs = { users, catalog, shipping, exports, audit };
    const gateway = await startGateway({
      env: {
        ...env,
        ...auth,
        ...Object.fromEntries(Object.entries(subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url])),
      },
      port: options.ephemeralPorts ? 0 : Number(env.PORT ?? DEFAULT_PORTS.gateway),
      ...(eventBus ? { eventBus } : {}),
      ...(options.logger ? { logger: options.logger.child({ service: 'gateway' }) } : {}),
    });
    started.push(gateway);
    return { gateway, eventBus, subgraphs, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function logLevel(env: Record<string, string | undefined>) {
  const level = env.LOG_LEVEL;
  return level === 'debug' || level === 'info' || level === 'warn' || level === 'error' || level === 'silent' ? level : 'info';
}
