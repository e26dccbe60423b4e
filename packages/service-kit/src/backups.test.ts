import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabases, parseBackupArguments, restoreDatabases } from './backups.ts';

/** The embedded mode's backups: a dump of the data folder, loaded into a fresh one on restore. */
const folder = await mkdtemp(join(tmpdir(), 'fed-backups-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('embedded backups', () => {
  it('backs up a data folder and restores it after the folder is gone', async () => {
    const env = { DATA_DIR: join(folder, 'data') };
    await mkdir(env.DATA_DIR, { recursive: true });
    const db = new PGlite({ dataDir: join(env.DATA_DIR, 'audit') });
    await db.exec(`CREATE TABLE kept (id int PRIMARY KEY, note text); INSERT INTO kept VALUES (1, 'before the backup')`);
    await db.close();

    const manifest = await backupDatabases(join(folder, 'backup'), ['audit'], env);
    expect(manifest.entries).toMatchObject([{ subgraph: 'audit', kind: 'pglite', file: 'audit.tar.gz' }]);
    await rm(join(env.DATA_DIR, 'audit'), { recursive: true, force: true });

    await restoreDatabases(join(folder, 'backup'), ['audit'], env);
    const restored = new PGlite({ dataDir: join(env.DATA_DIR, 'audit') });
    expect((await restored.query<{ note: string }>('SELECT note FROM kept')).rows).toEqual([{ note: 'before the backup' }]);
    await restored.close();
    expect(existsSync(join(env.DATA_DIR, 'audit'))).toBe(true);
  });

  it('names an unknown subgraph and a missing embedded database', async () => {
    expect(() => parseBackupArguments(['--out', 'x', 'billing'], '--out')).toThrow(/unknown subgraph "billing"/);
    expect(parseBackupArguments(['--out=x', 'users'], '--out')).toEqual({ folder: 'x', subgraphs: ['users'] });
    await expect(backupDatabases(join(folder, 'none'), ['users'], { DATA_DIR: join(folder, 'nothing') })).rejects.toThrow(
      /users: no embedded database at/,
    );
  });
});
