export * from './client.ts';
export * from './generated/graphql.ts';
