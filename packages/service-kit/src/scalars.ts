import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Decimals travel as strings so no client ever rounds money through a float. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

interface DecimalLike {
  toFixed(digits?: number): string;
}
const isDecimalLike = (value: unknown): value is DecimalLike =>
  typeof value === 'object' && value !== null && 'toFixed' in value && typeof value.toFixed === 'function';

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "12.50". Used for money, weights and volumes.',
  serialize(value) {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    // At least two fraction digits, so money reads "304.00" rather than "304"; more are kept exactly.
    if (isDecimalLike(value)) {
      const exact = value.toFixed();
      return (exact.split('.')[1]?.length ?? 0) >= 2 ? exact : value.toFixed(2);
    }
    throw new GraphQLError(`Decimal cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new GraphQLError('Decimal must be a string of digits with an optional fraction, e.g. "12.50"');
  },
  parseLiteral(ast: ValueNode) {
    if ((ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) && DECIMAL.test(ast.value)) {
      return ast.value;
    }
    throw new GraphQLError('Decimal must be a string of digits with an optional fraction, e.g. "12.50"');
  },
});

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 instant in UTC, e.g. "2026-01-31T12:00:00.000Z".',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
  parseLiteral(ast) {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
});

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Arbitrary JSON.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function parse(ast): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return ast.values.map((value) => parse(value));
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((field) => [field.name.value, parse(field.value)]));
      default:
        throw new GraphQLError('JSON literals cannot contain variables');
    }
  },
});

/** The SDL every subgraph declares for the shared scalars. */
export const scalarTypeDefs = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar JSON
`;

export const scalarResolvers = { DateTime: DateTimeScalar, Decimal: DecimalScalar, JSON: JSONScalar };
