/**
 * The part of the kit for processes that serve HTTP but own no database: tokens, configuration,
 * errors, HTTP plumbing, logs and the process entry helpers. The gateway imports this instead of
 * the whole kit, which would also load Prisma, PGlite (its WebAssembly build alone is ~50 MB of
 * resident memory), none of which a gateway uses. It does follow the event stream, for current
 * authority.
 */
export * from './auth.ts';
export * from './config.ts';
export * from './current-authority.ts';
export * from './events.ts';
export * from './subscriptions-feed.ts';
export * from './errors.ts';
export * from './error-policy.ts';
export * from './gateway-proof.ts';
export * from './http.ts';
export * from './operation-measure.ts';
export * from './logger.ts';
export * from './process.ts';
export * from './graphql-cjs.ts';
export * from './metrics.ts';
export * from './tracing.ts';
