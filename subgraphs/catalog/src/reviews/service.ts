import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  integerInput,
  NotFoundError,
  recordAuditEvent,
  uuidInput,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import { authorityOf } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Review } from '../generated/prisma/client.ts';
import { inTransaction, type CatalogTransaction } from '../transactions.ts';
import { optionalText, textInput } from '../validation.ts';

export interface CreateReviewInput {
  productId: string;
  rating: number;
  title: string;
  comment?: string | null;
  orderId?: string | null;
}

export interface UpdateReviewInput {
  rating?: number | null;
  title?: string | null;
  comment?: string | null;
}

const ratingInput = (rating: number) => integerInput('rating', rating, { min: 1, max: 5 });
const titleInput = (title: string) => textInput('title', title, { max: 200 });
const commentInput = (comment: string | null | undefined) => optionalText('comment', comment, 5_000) ?? '';

const alreadyReviewed = {
  index: { name: 'Review_productId_authorId_key', columns: ['productId', 'authorId'] },
  error: () => new ConflictError('You have already reviewed this product: update that review instead', { field: 'productId' }),
};

/**
 * A purchase is verified when the author has a DELIVERED order containing the product (the one the
 * review names, if it names one). The database checks the same rule when the flag is written.
 */
async function hasDeliveredPurchase(tx: CatalogTransaction, review: Pick<Review, 'tenantId' | 'authorId' | 'productId' | 'orderId'>) {
  const order = await tx.order.findFirst({
    where: {
      tenantId: review.tenantId,
      customerId: review.authorId,
      status: 'DELIVERED',
      items: { some: { productId: review.productId } },
      ...(review.orderId ? { id: review.orderId } : {}),
    },
    select: { id: true },
  });
  return order !== null;
}

export class ReviewService {
  constructor(private readonly db: CatalogClient) {}

  async create(context: ServiceContext, identity: Identity, input: CreateReviewInput): Promise<Review> {
    const productId = uuidInput('productId', input.productId);
    const orderId = input.orderId ? uuidInput('orderId', input.orderId) : null;
    const data = { rating: ratingInput(input.rating), title: titleInput(input.title), comment: commentInput(input.comment) };
    const { tenantId, userId: authorId } = identity;
    return inTransaction(
      this.db,
      async (tx) => {
        const product = await tx.product.findFirst({ where: { id: productId, tenantId, deletedAt: null }, select: { id: true } });
        if (!product) throw new BadUserInputError('productId', 'must be a product of this catalog');
        if (orderId) {
          const order = await tx.order.findFirst({
            where: { id: orderId, tenantId, customerId: authorId, items: { some: { productId } } },
            select: { id: true },
          });
          if (!order) throw new BadUserInputError('orderId', 'must be one of your orders that contains this product');
        }
        const verifiedPurchase = await hasDeliveredPurchase(tx, { tenantId, authorId, productId, orderId });
        const review = await tx.review.create({ data: { tenantId, productId, authorId, orderId, verifiedPurchase, ...data } });
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'review.created',
          entityType: 'Review',
          entityId: review.id,
          after: review,
        });
        return review;
      },
      { uniques: [alreadyReviewed] },
    );
  }

  async update(context: ServiceContext, identity: Identity, rawId: string, input: UpdateReviewInput): Promise<Review> {
    const id = uuidInput('id', rawId);
    const changes = {
      ...(input.rating !== null && input.rating !== undefined ? { rating: ratingInput(input.rating) } : {}),
      ...(input.title !== null && input.title !== undefined ? { title: titleInput(input.title) } : {}),
      ...(input.comment !== undefined ? { comment: commentInput(input.comment) } : {}),
    };
    return inTransaction(this.db, async (tx) => {
      const before = await tx.review.findFirst({ where: { id, tenantId: identity.tenantId } });
      if (!before) throw new NotFoundError('Review', id);
      if (before.authorId !== identity.userId) throw new ForbiddenError('Only the author can change a review');
      // Re-checked on every edit: an order delivered since makes the review verified.
      const verifiedPurchase = await hasDeliveredPurchase(tx, before);
      const review = await tx.review.update({ where: { id }, data: { ...changes, verifiedPurchase } });
      await recordAuditEvent(tx, context, 'catalog', {
        action: 'review.updated',
        entityType: 'Review',
        entityId: id,
        before,
        after: review,
      });
      return review;
    });
  }

  async delete(context: ServiceContext, identity: Identity, rawId: string): Promise<string> {
    const id = uuidInput('id', rawId);
    return inTransaction(this.db, async (tx) => {
      const before = await tx.review.findFirst({ where: { id, tenantId: identity.tenantId } });
      if (!before) throw new NotFoundError('Review', id);
      if (before.authorId !== identity.userId && !authorityOf(identity).may('review.moderate')) {
        throw new ForbiddenError("Deleting another user's review requires one of the roles ADMIN, MANAGER");
      }
      await tx.review.delete({ where: { id } });
      await recordAuditEvent(tx, context, 'catalog', { action: 'review.deleted', entityType: 'Review', entityId: id, before });
      return id;
    });
  }
}
