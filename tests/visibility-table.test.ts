import { readFile } from 'node:fs/promises';
import {
  CELL,
  listReachOf,
  reachOf,
  renderVisibilityTable,
  ROLES,
  seesField,
  VISIBILITY,
  type Identity,
  type Role,
  type VisibleType,
} from '@fed/service-kit';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isStructural } from './support/schema-walk.ts';

/** The README's "Who may read what" section. */
async function readmeSection(): Promise<string> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  return readme.split('### Who may read what')[1]?.split('\n### ')[0] ?? '';
}

/** The section's table as row name -> role -> cell. */
function parseTable(section: string): Map<string, Map<string, string>> {
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const cellsOf = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
  const [header, , ...rows] = lines.map(cellsOf);
  const table = new Map<string, Map<string, string>>();
  for (const row of rows) {
    table.set(row[0]!.replaceAll('`', ''), new Map(header!.slice(1).map((role, column) => [role, row[column + 1]!])));
  }
  return table;
}

const identityWith = (role: Role): Identity => ({ userId: 'u', tenantId: 't', roles: [role], sessionId: null });

describe('the one table of who may read what', () => {
  it('the README shows the table the kit enforces, as rendered from it', async () => {
    const section = await readmeSection();
    expect(section).toContain(renderVisibilityTable());
  });

  it('every cell of the README table is what the kit decides for that role, and every rule of the kit has its row', async () => {
    const table = parseTable(await readmeSection());
    const expected = new Map<string, Map<string, string>>();
    for (const [type, rule] of Object.entries(VISIBILITY) as [VisibleType, (typeof VISIBILITY)[VisibleType]][]) {
      expected.set(
        type,
        new Map(
          ROLES.map((role) => {
            const reach = reachOf(identityWith(role), type);
            const listed = listReachOf(identityWith(role), type);
            return [role, reach === listed ? CELL[reach] : `${CELL[reach]}, lists ${CELL[listed]}`];
          }),
        ),
      );
      for (const field of Object.keys('fields' in rule ? rule.fields : {})) {
        expected.set(
          `${type}.${field}`,
          new Map(
            ROLES.map((role) => {
              const onAnyRow = seesField(identityWith(role), type, field, false);
              const onOwnRow = seesField(identityWith(role), type, field, true);
              return [role, onAnyRow ? CELL.every : onOwnRow ? CELL.own : CELL.none];
            }),
          ),
        );
      }
    }
    const asObject = (map: Map<string, Map<string, string>>) =>
      Object.fromEntries([...map].map(([row, cells]) => [row, Object.fromEntries(cells)]));
    expect(asObject(table)).toEqual(asObject(expected));
  });

  it('every type of the public schema has a rule, and every rule a type', async () => {
    const schema = buildSchema(await readFile(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const types = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .map((type) => type.name)
      .filter((name) => !['Query', 'Mutation', 'Subscription'].includes(name) && !isStructural(name));
    expect(Object.keys(VISIBILITY).sort()).toEqual(types.sort());
    for (const [type, rule] of Object.entries(VISIBILITY)) {
      const fields = Object.keys(((schema.getType(type) as ReturnType<typeof schema.getType> & { getFields(): object }) ?? {}).getFields());
      for (const field of Object.keys('fields' in rule ? rule.fields : {})) expect(fields, `${type}.${field}`).toContain(field);
    }
  });

  it('a refusal names the type, the field and who may read it', () => {
    const customer = identityWith('CUSTOMER');
    expect(reachOf(customer, 'Manifest')).toBe('none');
    expect(seesField(customer, 'User', 'email', false)).toBe(false);
    expect(seesField(customer, 'User', 'email', true)).toBe(true);
    expect(seesField(identityWith('MANAGER'), 'User', 'email', false)).toBe(true);
    expect(seesField(identityWith('VIEWER'), 'User', 'email', false)).toBe(false);
  });
});
