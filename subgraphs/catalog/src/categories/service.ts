import { BadUserInputError, integerInput, NotFoundError, recordAuditEvent, uuidInput, type ServiceContext } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Category, CategoryStatus, Prisma } from '../generated/prisma/client.ts';
import { inTransaction, type CatalogTransaction } from '../transactions.ts';
import { textInput } from '../validation.ts';

export interface CategoryInput {
  name?: string | null;
  slug?: string | null;
  parentId?: string | null;
  sortOrder?: number | null;
  status?: CategoryStatus | null;
}

const SLUG_KEY = { name: 'Category_tenantId_slug_key', columns: ['tenantId', 'slug'] };

function slugInput(value: string): string {
  const slug = value.trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 64) {
    throw new BadUserInputError('slug', 'must be 1 to 64 lower-case letters or digits, words joined by "-"');
  }
  return slug;
}

/** Category changes: one transaction each, with its audit event. */
export class CategoryService {
  constructor(private readonly db: CatalogClient) {}

  async create(context: ServiceContext, tenantId: string, input: CategoryInput): Promise<Category> {
    const data = {
      tenantId,
      name: textInput('name', input.name ?? '', { max: 120 }),
      slug: slugInput(input.slug ?? ''),
      sortOrder: input.sortOrder === null || input.sortOrder === undefined ? 0 : integerInput('sortOrder', input.sortOrder, { min: 0 }),
      ...(input.status ? { status: input.status } : {}),
      parentId: input.parentId ? uuidInput('parentId', input.parentId) : null,
    };
    return this.write(async (tx) => {
      if (data.parentId) await this.requireCategory(tx, tenantId, data.parentId, 'parentId');
      const category = await tx.category.create({ data });
      await recordAuditEvent(tx, context, 'catalog', {
        action: 'category.created',
        entityType: 'Category',
        entityId: category.id,
        after: category,
      });
      return category;
    }, data.slug);
  }

  async update(context: ServiceContext, tenantId: string, rawId: string, input: CategoryInput): Promise<Category> {
    const id = uuidInput('id', rawId);
    const data: Prisma.CategoryUncheckedUpdateInput = {
      ...(input.name !== undefined && input.name !== null ? { name: textInput('name', input.name, { max: 120 }) } : {}),
      ...(input.slug !== undefined && input.slug !== null ? { slug: slugInput(input.slug) } : {}),
      ...(input.sortOrder !== undefined && input.sortOrder !== null
        ? { sortOrder: integerInput('sortOrder', input.sortOrder, { min: 0 }) }
        : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.parentId !== undefined ? { parentId: input.parentId === null ? null : uuidInput('parentId', input.parentId) } : {}),
    };
    return this.write(
      async (tx) => {
        const before = await tx.category.findFirst({ where: { id, tenantId } });
        if (!before) throw new NotFoundError('Category', id);
        if (typeof data.parentId === 'string') {
          await this.requireCategory(tx, tenantId, data.parentId, 'parentId');
          // The new parent must not be the category itself or one of its descendants: no cycles.
          const [cycle] = await tx.$queryRawUnsafe<{ found: boolean }[]>(
            `WITH RECURSIVE "subtree" AS (
             SELECT "id" FROM "Category" WHERE "id" = $1::uuid AND "tenantId" = $2::uuid
             UNION ALL
             SELECT c."id" FROM "Category" c JOIN "subtree" s ON c."parentId" = s."id" WHERE c."tenantId" = $2::uuid
           ) SELECT EXISTS (SELECT 1 FROM "subtree" WHERE "id" = $3::uuid) AS "found"`,
            id,
            tenantId,
            data.parentId,
          );
          if (cycle?.found) throw new BadUserInputError('parentId', 'must not be the category itself or one of its subcategories');
        }
        const category = await tx.category.update({ where: { id }, data });
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'category.updated',
          entityType: 'Category',
          entityId: id,
          before,
          after: category,
        });
        return category;
      },
      typeof data.slug === 'string' ? data.slug : null,
    );
  }

  private async requireCategory(tx: CatalogTransaction, tenantId: string, id: string, field: string): Promise<void> {
    const found = await tx.category.findFirst({ where: { id, tenantId }, select: { id: true } });
    if (!found) throw new BadUserInputError(field, 'must be a category of this catalog');
  }

  private write(work: (tx: CatalogTransaction) => Promise<Category>, slug: string | null): Promise<Category> {
    return inTransaction(this.db, work, {
      uniques: [{ index: SLUG_KEY, error: () => new BadUserInputError('slug', `must be unique: another category already uses "${slug}"`) }],
    });
  }
}
