import type { ShippingClient } from '../../subgraphs/shipping/src/db.ts';
import { demoId, manifests } from '../demo-world.ts';

const sum = (values: string[], scale: number) => values.reduce((total, value) => total + Number(value), 0).toFixed(scale);

/** Demo manifests (embedded mode only); countries are reference data from a migration. */
export async function seedShipping(db: ShippingClient): Promise<void> {
  if ((await db.manifest.count()) > 0) return;
  const zoneOf = new Map((await db.country.findMany()).map((country) => [country.code, country.zone]));
  const all = Object.values(manifests);
  await db.$transaction([
    db.manifest.createMany({
      data: all.map(({ items, orderIds: _orderIds, ...manifest }) => ({
        ...manifest,
        zone: zoneOf.get(manifest.destinationCountry)!,
        // Totals are the sum of the items, as the service keeps them.
        totalWeightKg: sum(
          items.map((item) => item.weightKg),
          3,
        ),
        totalVolumeM3: sum(
          items.map((item) => item.volumeM3),
          4,
        ),
        totalValue: sum(
          items.map((item) => item.value),
          2,
        ),
      })),
    }),
    db.manifestItem.createMany({
      data: all.flatMap((manifest, manifestIndex) =>
        manifest.items.map((item, index) => ({
          ...item,
          id: demoId(51, (manifestIndex + 1) * 100 + index + 1),
          tenantId: manifest.tenantId,
          manifestId: manifest.id,
        })),
      ),
    }),
    db.manifestOrder.createMany({
      data: all.flatMap((manifest) =>
        manifest.orderIds.map((orderId) => ({ manifestId: manifest.id, orderId, tenantId: manifest.tenantId })),
      ),
    }),
  ]);
}
