import type { Inventory } from '../generated/prisma/client.ts';

export type StockStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export const availableOf = (level: Pick<Inventory, 'quantity' | 'reserved'>) => level.quantity - level.reserved;

/** Out of stock when nothing can be ordered; low when what is left is at or below the minimum. */
export function stockStatusOf(levels: Pick<Inventory, 'quantity' | 'reserved' | 'minStock'>[]): StockStatus {
  const available = levels.reduce((sum, level) => sum + availableOf(level), 0);
  const minimum = levels.reduce((sum, level) => sum + level.minStock, 0);
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= minimum ? 'LOW_STOCK' : 'IN_STOCK';
}
