import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplatePath } from '@fed/service-kit/testing';

/**
 * Embedded runs: initialise PGlite once and snapshot it, so every test database starts from the
 * snapshot in about a second instead of initialising from scratch. The snapshot is an empty
 * cluster (no project data), kept in the temp folder per PGlite version. PostgreSQL runs
 * (TEST_DATABASE_URL) need nothing here: each test creates its own database on the server.
 */
export default async function setup(): Promise<void> {
  const template = pgliteTemplatePath();
  if (process.env.TEST_DATABASE_URL || existsSync(template)) return;
  const db = new PGlite();
  await db.waitReady;
  const snapshot = await db.dumpDataDir('none');
  await db.close();
  const partial = `${template}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await snapshot.arrayBuffer()));
  await rename(partial, template);
}
