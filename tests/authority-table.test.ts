import { readFile } from 'node:fs/promises';
import { ACTIONS, authorityOf, ROLES, type Action, type Identity, type Role } from '@fed/service-kit';
import { describe, expect, it } from 'vitest';

/** The README's "Who may do what" table, as action -> roles. */
async function readmeTable(): Promise<Map<string, string[]>> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split('### Who may do what')[1]?.split('\n### ')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|$/.exec(line);
    if (match)
      rows.set(
        match[1]!,
        match[2]!.split(',').map((role) => role.trim()),
      );
  }
  return rows;
}

const identityWith = (roles: Role[]): Identity => ({ userId: 'u', tenantId: 't', roles, sessionId: null });

describe('the one table of actions and roles', () => {
  it('the README shows exactly the table the code decides by', async () => {
    const readme = await readmeTable();
    const code = new Map(Object.entries(ACTIONS).map(([action, rule]) => [action, [...rule.roles]]));
    expect(Object.fromEntries(readme)).toEqual(Object.fromEntries(code));
  });

  it('every role may do exactly the actions the table gives it, and the refusal names the action', () => {
    for (const role of ROLES) {
      const authority = authorityOf(identityWith([role]));
      for (const [action, rule] of Object.entries(ACTIONS) as [Action, (typeof ACTIONS)[Action]][]) {
        const allowed = (rule.roles as readonly Role[]).includes(role);
        expect(authority.may(action), `${role} ${action}`).toBe(allowed);
        if (!allowed) {
          expect(() => authority.require(action)).toThrow(`${rule.description} requires one of the roles ${rule.roles.join(', ')}`);
        }
      }
    }
  });

  it('an anonymous caller is asked to sign in, never told which roles would do', () => {
    expect(() => authorityOf(null).require('order.place')).toThrow(/Authentication required/);
    expect(authorityOf(null).may('order.place')).toBe(false);
  });
});
