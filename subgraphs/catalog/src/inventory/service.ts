import { BadUserInputError, integerInput, recordAuditEvent, uuidInput, type ServiceContext } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Inventory, StockMovementType } from '../generated/prisma/client.ts';
import { inTransaction, type CatalogTransaction } from '../transactions.ts';
import { optionalText, textInput } from '../validation.ts';

export interface ReceiveStockInput {
  productId: string;
  location: string;
  quantity: number;
  reference: string;
  batchNumber?: string | null;
  expiresAt?: Date | null;
  note?: string | null;
}

export interface AdjustStockInput {
  productId: string;
  location: string;
  quantityChange: number;
  reference: string;
  note?: string | null;
}

export interface SetStockLimitsInput {
  productId: string;
  location: string;
  minStock: number;
  maxStock?: number | null;
}

const MAX_UNITS = 1_000_000_000;

/** Stock changes by people (orders move stock through reservations.ts). Every change is a ledger row. */
export class InventoryService {
  constructor(private readonly db: CatalogClient) {}

  async receive(context: ServiceContext, tenantId: string, input: ReceiveStockInput): Promise<Inventory> {
    const productId = uuidInput('productId', input.productId);
    const location = locationInput(input.location);
    const quantity = integerInput('quantity', input.quantity, { min: 1, max: MAX_UNITS });
    const reference = textInput('reference', input.reference, { max: 120 });
    const batchNumber = optionalText('batchNumber', input.batchNumber, 64);
    const note = optionalText('note', input.note, 500) ?? '';
    return inTransaction(this.db, async (tx) => {
      await requireProduct(tx, tenantId, productId);
      const batch = { ...(batchNumber ? { batchNumber } : {}), ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) };
      const level = await tx.inventory.upsert({
        where: { productId_location: { productId, location } },
        create: { tenantId, productId, location, ...batch },
        update: batch,
      });
      return this.move(tx, context, level, 'IN', quantity, reference, note, 'inventory.received');
    });
  }

  async adjust(context: ServiceContext, tenantId: string, input: AdjustStockInput): Promise<Inventory> {
    const productId = uuidInput('productId', input.productId);
    const location = locationInput(input.location);
    const change = integerInput('quantityChange', input.quantityChange, { min: -MAX_UNITS, max: MAX_UNITS });
    if (change === 0) throw new BadUserInputError('quantityChange', 'must not be 0');
    const reference = textInput('reference', input.reference, { max: 120 });
    const note = optionalText('note', input.note, 500) ?? '';
    return inTransaction(
      this.db,
      async (tx) => {
        await requireProduct(tx, tenantId, productId);
        const level = await tx.inventory.findFirst({ where: { tenantId, productId, location } });
        if (!level) throw new BadUserInputError('location', `has no stock level for this product; receive stock there first`);
        return this.move(tx, context, level, 'ADJUSTMENT', change, reference, note, 'inventory.adjusted');
      },
      {
        constraints: {
          Inventory_quantity_check: { field: 'quantityChange', rule: 'would take the stock below zero' },
          Inventory_reserved_check: { field: 'quantityChange', rule: 'would take the stock below what is reserved for orders' },
        },
      },
    );
  }

  async setLimits(context: ServiceContext, tenantId: string, input: SetStockLimitsInput): Promise<Inventory> {
    const productId = uuidInput('productId', input.productId);
    const location = locationInput(input.location);
    const minStock = integerInput('minStock', input.minStock, { min: 0, max: MAX_UNITS });
    const maxStock =
      input.maxStock === null || input.maxStock === undefined ? null : integerInput('maxStock', input.maxStock, { min: 0, max: MAX_UNITS });
    if (maxStock !== null && maxStock < minStock) throw new BadUserInputError('maxStock', 'must be at least minStock');
    return inTransaction(this.db, async (tx) => {
      await requireProduct(tx, tenantId, productId);
      const before = await tx.inventory.findFirst({ where: { tenantId, productId, location } });
      const level = await tx.inventory.upsert({
        where: { productId_location: { productId, location } },
        create: { tenantId, productId, location, minStock, maxStock },
        update: { minStock, maxStock },
      });
      await recordAuditEvent(tx, context, 'catalog', {
        action: 'inventory.limits_changed',
        entityType: 'Product',
        entityId: productId,
        before: before ? { location, minStock: before.minStock, maxStock: before.maxStock } : null,
        after: { location, minStock, maxStock },
      });
      return level;
    });
  }

  /** Appends one ledger row; the database applies it to the level (and refuses negative stock). */
  private async move(
    tx: CatalogTransaction,
    context: ServiceContext,
    level: Inventory,
    type: StockMovementType,
    quantity: number,
    reference: string,
    note: string,
    action: string,
  ): Promise<Inventory> {
    const movement = await tx.stockMovement.create({
      data: {
        tenantId: level.tenantId,
        inventoryId: level.id,
        productId: level.productId,
        type,
        quantity,
        reference,
        note,
        actorId: context.identity?.userId ?? null,
      },
    });
    await recordAuditEvent(tx, context, 'catalog', {
      action,
      entityType: 'Product',
      entityId: level.productId,
      after: { movementId: movement.id, location: level.location, type, quantity, balanceAfter: movement.balanceAfter, reference },
    });
    return tx.inventory.findUniqueOrThrow({ where: { id: level.id } });
  }
}

function locationInput(value: string): string {
  return textInput('location', value, { max: 64 });
}

async function requireProduct(tx: CatalogTransaction, tenantId: string, productId: string): Promise<void> {
  const product = await tx.product.findFirst({ where: { id: productId, tenantId, deletedAt: null }, select: { id: true } });
  if (!product) throw new BadUserInputError('productId', 'must be a product of this catalog');
}
