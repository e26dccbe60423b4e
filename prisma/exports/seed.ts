import type { ExportsClient } from '../../subgraphs/exports/src/db.ts';
import { exporterProfiles, exports } from '../demo-world.ts';

/** Demo exporter profile and export requests (embedded mode only). */
export async function seedExports(db: ExportsClient): Promise<void> {
  if ((await db.exporterProfile.count()) > 0) return;
  await db.$transaction([
    db.exporterProfile.createMany({ data: Object.values(exporterProfiles) }),
    db.export.createMany({
      data: Object.values(exports).map((request) => ({ ...request, submittedAt: request.status === 'DRAFT' ? null : new Date() })),
    }),
  ]);
}
