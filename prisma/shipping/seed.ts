import type { ShippingClient } from '../../subgraphs/shipping/src/db.ts';
import { Prisma, type ManifestStatus } from '../../subgraphs/shipping/src/generated/prisma/client.ts';
import { insertQuotes } from '../../subgraphs/shipping/src/rates/pricing.ts';
import {
  DEMO_REPLICA_VERSION,
  carriers,
  demoId,
  manifestBookings,
  manifests,
  moreManifests,
  products,
  rateCards,
  users,
} from '../demo-world.ts';

const sum = (values: string[]) => values.reduce((total, value) => total.add(value), new Prisma.Decimal(0));
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);

/**
 * Demo data (embedded mode, or SEED_DEMO_DATA=true); countries are reference data from a migration.
 * Each part is seeded once, on its own, so a database seeded by an older version gains the new parts.
 */
export async function seedShipping(db: ShippingClient): Promise<void> {
  // The replica the catalog's events would have built; stamped old, so any real event wins.
  await db.productReplica.createMany({
    data: Object.values(products).map((product) => ({
      id: product.id,
      tenantId: product.tenantId,
      sku: product.sku,
      name: product.name,
      hsCode: product.hsCode,
      weightKg: product.weightKg,
      active: true,
      updatedAt: new Date(DEMO_REPLICA_VERSION),
    })),
    skipDuplicates: true,
  });
  if ((await db.carrier.count()) === 0) {
    await db.$transaction([db.carrier.createMany({ data: Object.values(carriers) }), db.rateCard.createMany({ data: rateCards })]);
  }
  if ((await db.manifest.count()) === 0) await seedManifests(db);
}

/**
 * Manifests are written the way the service writes them: created as DRAFT with their items, then
 * moved along the lifecycle (the database refuses anything else), booked from computed quotes.
 */
async function seedManifests(db: ShippingClient): Promise<void> {
  const all = [...Object.values(manifests), ...Object.values(moreManifests)];
  const zoneOf = new Map((await db.country.findMany()).map((country) => [country.code, country.zone]));
  await db.$transaction(async (tx) => {
    await tx.manifest.createMany({
      data: all.map(({ items, orderIds: _orderIds, status: _status, trackingNumber: _tracking, ...manifest }) => ({
        ...manifest,
        status: 'DRAFT' as const,
        zone: zoneOf.get(manifest.destinationCountry)!,
        totalWeightKg: sum(items.map((item) => item.weightKg)),
        totalVolumeM3: sum(items.map((item) => item.volumeM3)),
        totalValue: sum(items.map((item) => item.value)),
      })),
    });
    await tx.manifestItem.createMany({
      data: all.flatMap((manifest, manifestIndex) =>
        manifest.items.map((item, index) => ({
          ...item,
          id: demoId(51, (manifestIndex + 1) * 100 + index + 1),
          tenantId: manifest.tenantId,
          manifestId: manifest.id,
        })),
      ),
    });
    await tx.manifestOrder.createMany({
      data: all.flatMap((manifest) =>
        manifest.orderIds.map((orderId) => ({ manifestId: manifest.id, orderId, tenantId: manifest.tenantId })),
      ),
    });
    for (const manifest of all) {
      const steps: ManifestStatus[] = ['SUBMITTED', 'APPROVED', 'SHIPPED', 'DELIVERED'];
      const target = steps.indexOf(manifest.status as ManifestStatus);
      const reviewedById = manifest.tenantId === users.shippingOfficer.tenantId ? users.shippingOfficer.id : manifest.createdById;
      for (const [index, status] of steps.entries()) {
        if (index > target) break;
        if (status === 'SHIPPED') {
          const booking = manifestBookings[manifest.id];
          if (!booking || !manifest.trackingNumber) throw new Error(`Demo manifest ${manifest.publicId} ships without a booking`);
          const quotedAt = daysAgo(booking.bookedDaysAgo);
          const quoteIds = await insertQuotes(tx, manifest.id, manifest.tenantId, quotedAt);
          const chosen = await tx.rateQuote.findFirstOrThrow({
            where: { id: { in: quoteIds }, carrierId: booking.carrierId, service: booking.service },
          });
          await tx.rateQuote.updateMany({ where: { id: { in: quoteIds } }, data: { status: 'SUPERSEDED' } });
          await tx.rateQuote.update({ where: { id: chosen.id }, data: { status: 'SELECTED' } });
          await tx.manifest.update({
            where: { id: manifest.id },
            data: {
              selectedQuoteId: chosen.id,
              carrierId: chosen.carrierId,
              service: chosen.service,
              shippingCost: chosen.total,
              trackingNumber: manifest.trackingNumber,
            },
          });
        }
        await tx.manifest.update({
          where: { id: manifest.id },
          data: {
            status,
            ...(status === 'SUBMITTED' ? { submittedAt: daysAgo(46) } : {}),
            ...(status === 'APPROVED' ? { reviewedById, reviewedAt: daysAgo(45) } : {}),
            ...(status === 'SHIPPED' ? { shippedAt: daysAgo(44), estimatedDelivery: daysAgo(20) } : {}),
            ...(status === 'DELIVERED' ? { deliveredAt: daysAgo(21) } : {}),
          },
        });
      }
    }
  });
}
