/**
 * The graph's custom scalars as they travel in JSON. Money and quantities are `Decimal` strings
 * (exact, never a float: `"12.50"`), instants are ISO 8601 `DateTime` strings in UTC. Use these
 * in your own types so they stay in step with the SDK's generated ones.
 */
export type Decimal = string;
export type DateTime = string;
/** Free-form JSON the graph passes through unchanged (e.g. a payment gateway's response). */
export type JSONValue = unknown;

/** The same mapping for GraphQL Code Generator: `scalars` of the typescript / client-preset plugins. */
export const scalarTypes = {
  DateTime: 'string',
  Decimal: 'string',
  JSON: 'unknown',
} as const;
