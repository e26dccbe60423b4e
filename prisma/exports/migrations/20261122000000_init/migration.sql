-- CreateEnum
CREATE TYPE "ExporterStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "ExporterProfile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "legalName" TEXT NOT NULL,
    "registrationNo" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "capitalVerified" BOOLEAN NOT NULL DEFAULT false,
    "status" "ExporterStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExporterProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Export" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "exporterProfileId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "orderId" UUID,
    "manifestId" UUID,
    "buyerName" TEXT NOT NULL,
    "buyerCountry" CHAR(2) NOT NULL,
    "buyerContact" TEXT,
    "destinationCountry" CHAR(2) NOT NULL,
    "declaredValue" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "incoterm" TEXT NOT NULL,
    "status" "ExportStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Export_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Export_declaredValue_check" CHECK ("declaredValue" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "ExporterProfile_tenantId_key" ON "ExporterProfile"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Export_reference_key" ON "Export"("reference");

-- CreateIndex
CREATE INDEX "Export_tenantId_createdAt_idx" ON "Export"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Export_tenantId_orderId_idx" ON "Export"("tenantId", "orderId");

-- CreateIndex
CREATE INDEX "Export_tenantId_manifestId_idx" ON "Export"("tenantId", "manifestId");

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_exporterProfileId_fkey" FOREIGN KEY ("exporterProfileId") REFERENCES "ExporterProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
