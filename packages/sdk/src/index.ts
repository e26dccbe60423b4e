export * from './client.ts';
export * from './scalars.ts';
export * from './generated/graphql.ts';
export * from './live.ts';
