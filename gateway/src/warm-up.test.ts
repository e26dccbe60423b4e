import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, getNamedType, getVariableValues, isLeafType, Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { placeholderVariables } from './warm-up.ts';

/** The graph's public API schema and the SDK's operations: what frontends really send. */
const root = new URL('../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('schema.graphql', root), 'utf8'));
const operationsDir = new URL('packages/sdk/operations/', root);
const operations = readdirSync(operationsDir)
  .filter((file) => file.endsWith('.graphql'))
  .flatMap((file) => parse(readFileSync(new URL(file, operationsDir), 'utf8')).definitions)
  .filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);

describe('placeholder variables of the cache warm-up', () => {
  it('gives every argument of every root field of the graph a value the gateway accepts', () => {
    // One operation per root field, with a variable for each argument: every input type, enum and
    // list of the graph, nested as the schema nests them, not only what the SDK happens to send.
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((root) =>
      Object.values(root?.getFields() ?? {}).map((field) => ({ root: root === schema.getQueryType() ? 'query' : 'mutation', field })),
    );
    const withArguments = fields.filter(({ field }) => field.args.length > 0);
    expect(withArguments.length).toBeGreaterThan(40);
    for (const { root, field } of withArguments) {
      const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
      const query = `${root} Probe(${field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')}) {
        ${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) ${selection}
      }`;
      const operation = parse(query).definitions[0] as OperationDefinitionNode;
      const variables = placeholderVariables(schema, { query, operationName: 'Probe' });
      const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      expect({ field: field.name, errors: errors?.map((error) => error.message) ?? [] }).toEqual({ field: field.name, errors: [] });
    }
  });

  it.each(operations.map((operation) => [operation.name?.value ?? '(anonymous)', operation] as const))(
    '%s: the gateway accepts them as the operation variables',
    (operationName, operation) => {
      const variables = placeholderVariables(schema, { query: print(operation), operationName });
      const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      expect(errors ?? []).toEqual([]);
    },
  );
});
