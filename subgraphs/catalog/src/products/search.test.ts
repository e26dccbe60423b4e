import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase, type Database } from '@fed/service-kit';
import { createTestDatabase, explain, scansOf, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCountSql, productPageSql, type ProductSearchFilter, type ProductSearchQuery, type ProductSort } from './search.ts';

const migrations = fileURLToPath(new URL('../../../../prisma/catalog/migrations', import.meta.url));
const TENANTS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
const [tenant] = TENANTS as [string];
const ROOT = '00000000-0000-4000-8000-0000000000c1';
const CHILD = '00000000-0000-4000-8000-0000000000c2';
const OTHER = '00000000-0000-4000-8000-0000000000c3';

let test: TestDatabase;
let database: Database;

const noFilter: ProductSearchFilter = {
  search: null,
  categoryId: null,
  tag: null,
  minPrice: null,
  maxPrice: null,
  status: null,
  active: null,
};
const query = (filter: Partial<ProductSearchFilter>, sort: ProductSort = 'NEWEST', take = 20): ProductSearchQuery => ({
  tenantId: tenant,
  filter: { ...noFilter, ...filter },
  sort,
  take,
  after: null,
});

async function skus(q: ProductSearchQuery): Promise<string[]> {
  const { sql, params } = productPageSql(q);
  const ids = (await database.sql.query<{ id: string }>(sql, params)).map((row) => row.id);
  const rows = await database.sql.query<{ id: string; sku: string }>('SELECT "id", "sku" FROM "Product" WHERE "id" = ANY($1::uuid[])', [
    ids,
  ]);
  const skuOf = new Map(rows.map((row) => [row.id, row.sku]));
  return ids.map((id) => skuOf.get(id)!);
}

beforeAll(async () => {
  test = await createTestDatabase('catalog_search');
  database = await openDatabase(test.target);
  await applyMigrations(database.sql, migrations);
  await database.sql.query(
    `INSERT INTO "Category" ("id", "tenantId", "parentId", "name", "slug") VALUES
       ($1::uuid, $4::uuid, NULL, 'Coffee', 'coffee'), ($2::uuid, $4::uuid, $1::uuid, 'Green coffee', 'green-coffee'),
       ($3::uuid, $4::uuid, NULL, 'Textiles', 'textiles')`,
    [ROOT, CHILD, OTHER, tenant],
  );
  // A realistic spread: 3 tenants x 1000 filler products over 50 categories each, plus a few known
  // products to search for.
  await database.sql.query(
    `INSERT INTO "Category" ("id", "tenantId", "name", "slug")
     SELECT gen_random_uuid(), t.id, 'Filler ' || n, 'filler-' || n FROM unnest($1::uuid[]) AS t(id), generate_series(1, 50) AS n`,
    [TENANTS],
  );
  await database.sql.query(
    `INSERT INTO "Product" ("id", "tenantId", "sku", "name", "description", "price", "cost", "weightKg", "tags", "status", "categoryId", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), t.id, 'FILL-' || n, 'Filler item ' || n, 'Generic goods number ' || n,
            (n % 500) + 0.99, 1, 1, ARRAY['bulk', 'batch-' || (n % 50)],
            (CASE WHEN n % 10 = 0 THEN 'DISCONTINUED' ELSE 'ACTIVE' END)::"ProductStatus",
            (SELECT c."id" FROM "Category" c WHERE c."tenantId" = t.id AND c."slug" = 'filler-' || (n % 50 + 1)),
            now() - n * interval '1 minute', now()
     FROM unnest($1::uuid[]) AS t(id), generate_series(1, 1000) AS n`,
    [TENANTS],
  );
  await database.sql.query(
    `INSERT INTO "Product" ("id", "tenantId", "sku", "name", "description", "price", "cost", "weightKg", "tags", "categoryId", "updatedAt") VALUES
       (gen_random_uuid(), $1::uuid, 'COF-YIR-60', 'Yirgacheffe green coffee, 60 kg sack', 'Washed Ethiopian beans with floral notes', 540, 410, 60, '{coffee,organic}', $3::uuid, now()),
       (gen_random_uuid(), $1::uuid, 'COF-RST-1', 'Roasted coffee beans, 1 kg', 'Medium roast', 18.5, 9.75, 1, '{coffee,retail}', $2::uuid, now()),
       (gen_random_uuid(), $1::uuid, 'TEX-BLK-01', 'Wool blanket', 'Warm and heavy', 89.9, 52, 1.8, '{textile}', $4::uuid, now()),
       (gen_random_uuid(), $5::uuid, 'COF-OTHER', 'Coffee of another tenant', '', 10, 5, 1, '{coffee}', NULL, now())`,
    [tenant, ROOT, CHILD, OTHER, TENANTS[1]],
  );
  // As autovacuum would: statistics, and the GIN indexes' pending lists merged.
  await database.sql.exec('VACUUM ANALYZE');
});

afterAll(async () => {
  await database?.close();
  await test?.drop();
});

describe('product search semantics', () => {
  it('stems words, matches SKUs and phrases, and excludes with a minus', async () => {
    expect(await skus(query({ search: 'coffees' }, 'NAME_ASC'))).toEqual(['COF-RST-1', 'COF-YIR-60']);
    expect(await skus(query({ search: 'cof-yir-60' }))).toEqual(['COF-YIR-60']);
    expect(await skus(query({ search: '"green coffee"' }))).toEqual(['COF-YIR-60']);
    expect(await skus(query({ search: 'coffee -roasted' }))).toEqual(['COF-YIR-60']);
    expect(await skus(query({ search: 'floral' }))).toEqual(['COF-YIR-60']);
  });

  it('ranks name matches above description matches', async () => {
    await database.sql.query(
      `INSERT INTO "Product" ("id", "tenantId", "sku", "name", "description", "price", "cost", "weightKg", "tags", "updatedAt")
       VALUES (gen_random_uuid(), $1::uuid, 'MUG-01', 'Enamel mug', 'Fits a blanket picnic', 5, 2, 0.3, '{}', now())`,
      [tenant],
    );
    expect(await skus(query({ search: 'blanket' }, 'RELEVANCE'))).toEqual(['TEX-BLK-01', 'MUG-01']);
  });

  it('filters by a category with its subcategories, by tag, price range and status', async () => {
    expect(await skus(query({ categoryId: ROOT }, 'NAME_ASC'))).toEqual(['COF-RST-1', 'COF-YIR-60']);
    expect(await skus(query({ categoryId: CHILD }))).toEqual(['COF-YIR-60']);
    expect(await skus(query({ tag: 'organic' }))).toEqual(['COF-YIR-60']);
    expect(await skus(query({ tag: 'coffee', minPrice: '18.50', maxPrice: '100' }))).toEqual(['COF-RST-1']);
    const [count] = await database.sql.query<{ count: number }>(
      productCountSql({ tenantId: tenant, filter: { ...noFilter, active: false } }).sql,
      productCountSql({ tenantId: tenant, filter: { ...noFilter, active: false } }).params,
    );
    expect(count!.count).toBe(100);
  });

  it('pages with keyset cursors in every sort order without skipping or repeating rows', async () => {
    for (const sort of ['NEWEST', 'OLDEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME_ASC'] as const) {
      const seen: string[] = [];
      let after: ProductSearchQuery['after'] = null;
      for (let page = 0; page < 4; page++) {
        const { sql, params } = productPageSql({ ...query({ tag: 'batch-7' }, sort, 7), after });
        const rows = await database.sql.query<{ id: string; sortValue: string }>(sql, params);
        const pageRows = rows.slice(0, 7);
        seen.push(...pageRows.map((row) => row.id));
        const last = pageRows.at(-1);
        if (!last || rows.length <= 7) break;
        after = { value: last.sortValue, id: last.id };
      }
      const { sql, params } = productPageSql(query({ tag: 'batch-7' }, sort, 100));
      const all = (await database.sql.query<{ id: string }>(sql, params)).map((row) => row.id);
      expect(all).toHaveLength(20);
      expect(seen).toEqual(all);
    }
  });
});

describe('indexes behind every filter and sort the graph offers (EXPLAIN)', () => {
  const cases: { name: string; query: ProductSearchQuery; index: string }[] = [
    { name: 'full-text search', query: query({ search: 'coffee' }, 'RELEVANCE'), index: 'Product_textSearch_idx' },
    { name: 'tag', query: query({ tag: 'organic' }), index: 'Product_tags_idx' },
    { name: 'newest first', query: query({}, 'NEWEST'), index: 'Product_tenantId_createdAt_idx' },
    { name: 'oldest first', query: query({}, 'OLDEST'), index: 'Product_tenantId_createdAt_idx' },
    { name: 'price ascending', query: query({}, 'PRICE_ASC'), index: 'Product_tenantId_price_idx' },
    { name: 'price descending', query: query({}, 'PRICE_DESC'), index: 'Product_tenantId_price_idx' },
    { name: 'price range', query: query({ minPrice: '100.00', maxPrice: '100.99' }), index: 'Product_tenantId_price_idx' },
    { name: 'name', query: query({}, 'NAME_ASC'), index: 'Product_tenantId_name_idx' },
  ];
  it.each(cases)('$name uses $index and never scans the whole table', async ({ query: productQuery, index }) => {
    const scans = scansOf(await explain(database.sql, productPageSql(productQuery)), 'Product');
    expect(scans.map((scan) => scan.node)).not.toContain('Seq Scan');
    expect(scans.flatMap((scan) => scan.indexes)).toContain(index);
  });

  it('category subtree: resolves the subtree once (an InitPlan, not per row) and scans products by index', async () => {
    const nodes = await explain(database.sql, productPageSql(query({ categoryId: CHILD })));
    expect(nodes.map((node) => node['Parent Relationship'])).toContain('InitPlan');
    expect(nodes.map((node) => node['Parent Relationship'])).not.toContain('SubPlan');
    const productScans = scansOf(nodes, 'Product');
    expect(productScans.length).toBeGreaterThan(0);
    expect(productScans.map((scan) => scan.node)).not.toContain('Seq Scan');
  });
});
