export * from './client.ts';
export * from './generated/graphql.ts';
export * from './live.ts';
