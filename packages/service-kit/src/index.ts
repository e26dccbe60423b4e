export * from './auth.ts';
export * from './authority.ts';
export * from './visibility.ts';
export * from './config.ts';
export * from './context.ts';
export * from './current-authority.ts';
export * from './database.ts';
export * from './db-errors.ts';
export * from './errors.ts';
export * from './error-policy.ts';
export * from './http.ts';
export * from './lifecycle.ts';
export * from './process.ts';
export * from './loaders.ts';
export * from './logger.ts';
export * from './migrations.ts';
export * from './pagination.ts';
export * from './scalars.ts';
export * from './service.ts';
export * from './subgraph-server.ts';
export * from './schema-files.ts';
export * from './prisma.ts';
export * from './per-parent-page.ts';
export * from './validation.ts';
export * from './input-rules.ts';
export * from './gateway-proof.ts';
export * from './operation-measure.ts';
export * from './outbox.ts';
export * from './events.ts';
export * from './subscriptions-feed.ts';
export * from './outbox-relay.ts';
export {
  columnEntityLoader,
  columnGroupLoader,
  columnKeyedLoader,
  columnsFor,
  columnsKey,
  prismaSelect,
  type ColumnPlan,
  type Columns,
  type ColumnsByField,
} from './selection.ts';
export * from './live-subscriptions.ts';
export * from './graphql-cjs.ts';
export * from './metrics.ts';
export * from './service-metrics.ts';
export * from './tracing.ts';
export * from './backups.ts';
export * from './housekeeping.ts';
