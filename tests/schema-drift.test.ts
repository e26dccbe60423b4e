import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, openDatabase, SUBGRAPH_NAMES } from '@fed/service-kit';
import { createTestDatabase } from '@fed/service-kit/testing';
import { findSchemaDrift } from '@fed/service-kit/testing/drift';
import { describe, expect, it } from 'vitest';

const prismaDir = (name: string) => new URL(`../prisma/${name}/`, import.meta.url).pathname;

async function driftOf(migrationsOf: string, schemaPath: string): Promise<string[]> {
  const test = await createTestDatabase(`drift_${migrationsOf}`);
  const database = await openDatabase(test.target);
  try {
    await applyMigrations(database.sql, join(prismaDir(migrationsOf), 'migrations'));
    return await findSchemaDrift(database.sql, schemaPath);
  } finally {
    await database.close();
    await test.drop();
  }
}

describe('schema.prisma and its migrations', () => {
  it.each(SUBGRAPH_NAMES)('%s: the migrations build exactly what schema.prisma declares', async (name) => {
    expect(await driftOf(name, join(prismaDir(name), 'schema.prisma'))).toEqual([]);
  });

  it('reports a deliberately mismatched schema, naming each difference', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'drift-'));
    try {
      const schemaPath = join(folder, 'schema.prisma');
      await copyFile(join(prismaDir('catalog'), 'schema.prisma'), schemaPath);
      const original = await readFile(schemaPath, 'utf8');
      const mismatched = original
        // a column whose type differs from the migration's
        .replace('weightKg    Decimal       @db.Decimal(10, 3)', 'weightKg    Decimal       @db.Decimal(12, 3)')
        // a column no migration creates
        .replace('hsCode      String?', 'hsCode      String?\n  barcode     String?')
        // an index no migration creates
        .replace('@@index([categoryId])', '@@index([categoryId])\n  @@index([status])');
      expect(mismatched).not.toBe(original);
      await writeFile(schemaPath, mismatched);

      const drift = await driftOf('catalog', schemaPath);
      expect(drift).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'column Product.weightKg: schema.prisma says numeric(12,3) NOT NULL, migrations give numeric(10,3) NOT NULL',
          ),
          expect.stringContaining('column Product.barcode is in schema.prisma but not in the migrations'),
          expect.stringContaining('Product: INDEX Product_status_idx (status)'),
        ]),
      );
      expect(drift).toHaveLength(3);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
