-- CreateEnum
CREATE TYPE "ManifestStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SHIPPED', 'DELIVERED');

-- CreateTable
CREATE TABLE "Country" (
    "code" CHAR(2) NOT NULL,
    "name" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("code"),
    CONSTRAINT "Country_code_check" CHECK ("code" ~ '^[A-Z]{2}$')
);

-- CreateTable
CREATE TABLE "Manifest" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "publicId" TEXT NOT NULL,
    "trackingNumber" TEXT,
    "originCountry" CHAR(2) NOT NULL,
    "destinationCountry" CHAR(2) NOT NULL,
    "zone" TEXT NOT NULL,
    "status" "ManifestStatus" NOT NULL DEFAULT 'DRAFT',
    "currency" CHAR(3) NOT NULL,
    "totalWeightKg" DECIMAL(12,3) NOT NULL DEFAULT 0,
    "totalVolumeM3" DECIMAL(12,4) NOT NULL DEFAULT 0,
    "totalValue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "rejectionReason" TEXT,
    "estimatedDelivery" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Manifest_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Manifest_totals_check" CHECK ("totalWeightKg" >= 0 AND "totalVolumeM3" >= 0 AND "totalValue" >= 0),
    CONSTRAINT "Manifest_rejection_reason_check" CHECK ("status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL)
);

-- CreateTable
CREATE TABLE "ManifestItem" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "manifestId" UUID NOT NULL,
    "productId" UUID,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "weightKg" DECIMAL(12,3) NOT NULL,
    "volumeM3" DECIMAL(12,4) NOT NULL,
    "value" DECIMAL(14,2) NOT NULL,
    "hsCode" TEXT NOT NULL,
    "originCountry" CHAR(2) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ManifestItem_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ManifestItem_quantity_check" CHECK ("quantity" > 0),
    CONSTRAINT "ManifestItem_weightKg_check" CHECK ("weightKg" > 0),
    CONSTRAINT "ManifestItem_volumeM3_check" CHECK ("volumeM3" >= 0),
    CONSTRAINT "ManifestItem_value_check" CHECK ("value" >= 0),
    CONSTRAINT "ManifestItem_hsCode_check" CHECK ("hsCode" ~ '^[0-9]{4}(\.?[0-9]{2}){1,3}$')
);

-- CreateTable
CREATE TABLE "ManifestOrder" (
    "manifestId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,

    CONSTRAINT "ManifestOrder_pkey" PRIMARY KEY ("manifestId","orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Manifest_publicId_key" ON "Manifest"("publicId");

-- CreateIndex
CREATE UNIQUE INDEX "Manifest_trackingNumber_key" ON "Manifest"("trackingNumber");

-- CreateIndex
CREATE INDEX "Manifest_tenantId_createdAt_idx" ON "Manifest"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "ManifestItem_manifestId_idx" ON "ManifestItem"("manifestId");

-- CreateIndex
CREATE INDEX "ManifestItem_tenantId_productId_idx" ON "ManifestItem"("tenantId", "productId");

-- CreateIndex
CREATE INDEX "ManifestOrder_tenantId_orderId_idx" ON "ManifestOrder"("tenantId", "orderId");

-- AddForeignKey
ALTER TABLE "ManifestItem" ADD CONSTRAINT "ManifestItem_manifestId_fkey" FOREIGN KEY ("manifestId") REFERENCES "Manifest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManifestOrder" ADD CONSTRAINT "ManifestOrder_manifestId_fkey" FOREIGN KEY ("manifestId") REFERENCES "Manifest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
