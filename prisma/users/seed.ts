import type { UsersClient } from '../../subgraphs/users/src/db.ts';
import { hashPassword } from '../../subgraphs/users/src/sessions/passwords.ts';
import { DEMO_PASSWORD, tenants, users } from '../demo-world.ts';

/** Demo tenants and users (embedded mode only). Idempotent: existing rows are left alone. */
export async function seedUsers(db: UsersClient): Promise<void> {
  if ((await db.tenant.count()) > 0) return;
  // One hash serves every demo user: scrypt is deliberately slow and they share the demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction([
    db.tenant.createMany({
      data: Object.values(tenants).map((tenant) => ({ ...tenant, settings: { currency: 'USD' }, features: { exports: true } })),
    }),
    db.user.createMany({
      data: Object.values(users).map((user) => ({ ...user, passwordHash, verified: true })),
    }),
  ]);
}
