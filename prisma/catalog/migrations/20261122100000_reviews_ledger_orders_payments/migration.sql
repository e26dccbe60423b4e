-- Issue 4: full-text search, dimensions, reviews, the stock ledger and reservations, order numbers
-- and the order status machine, payments, per-tenant pricing settings.

-- CreateEnum
CREATE TYPE "StockMovementType" AS ENUM ('IN', 'OUT', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('ACTIVE', 'CONSUMED', 'RELEASED');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CARD', 'BANK_TRANSFER', 'LETTER_OF_CREDIT', 'CASH', 'WALLET');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'REFUNDED');

-- AlterTable: dimensions, and a generated full-text document (name and SKU weigh more than the
-- description; SKUs use the 'simple' configuration so codes are not stemmed).
ALTER TABLE "Product"
    ADD COLUMN "lengthCm" DECIMAL(10,2),
    ADD COLUMN "widthCm" DECIMAL(10,2),
    ADD COLUMN "heightCm" DECIMAL(10,2),
    ADD COLUMN "textSearch" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, "name"), 'A')
        || setweight(to_tsvector('simple'::regconfig, "sku"), 'A')
        || setweight(to_tsvector('english'::regconfig, "description"), 'B')
    ) STORED,
    ADD CONSTRAINT "Product_dimensions_check" CHECK (
        ("lengthCm" IS NULL OR "lengthCm" > 0) AND ("widthCm" IS NULL OR "widthCm" > 0) AND ("heightCm" IS NULL OR "heightCm" > 0)
    ),
    ADD CONSTRAINT "Product_sku_check" CHECK ("sku" ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    ADD CONSTRAINT "Product_name_check" CHECK (length(btrim("name")) > 0);

-- AlterTable
ALTER TABLE "Inventory"
    ADD COLUMN "maxStock" INTEGER,
    ADD COLUMN "batchNumber" TEXT,
    ADD COLUMN "expiresAt" TIMESTAMPTZ(3),
    ADD CONSTRAINT "Inventory_maxStock_check" CHECK ("maxStock" IS NULL OR "maxStock" >= "minStock");

-- Order numbers come from a sequence: unique under any concurrency, never reused.
CREATE SEQUENCE "Order_number_seq" START WITH 1000;

CREATE FUNCTION next_order_number() RETURNS text AS $$
    SELECT 'ORD-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END
    FROM nextval('"Order_number_seq"') AS n;
$$ LANGUAGE sql;

-- AlterTable
ALTER TABLE "Order"
    ALTER COLUMN "number" SET DEFAULT next_order_number(),
    ADD COLUMN "paidAt" TIMESTAMPTZ(3),
    ADD COLUMN "cancelReason" TEXT,
    ADD CONSTRAINT "Order_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

-- AlterTable: lines keep the order they were placed in.
ALTER TABLE "OrderItem" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StockMovement" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "inventoryId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "type" "StockMovementType" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "balanceAfter" INTEGER NOT NULL DEFAULT 0,
    "reference" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "orderId" UUID,
    "actorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockMovement_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "StockMovement_quantity_check" CHECK (
        ("type" = 'IN' AND "quantity" > 0) OR ("type" = 'OUT' AND "quantity" < 0) OR ("type" = 'ADJUSTMENT' AND "quantity" <> 0)
    ),
    CONSTRAINT "StockMovement_reference_check" CHECK (length(btrim("reference")) > 0)
);

-- CreateTable
CREATE TABLE "StockReservation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "orderItemId" UUID NOT NULL,
    "inventoryId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "ReservationStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "StockReservation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "StockReservation_quantity_check" CHECK ("quantity" > 0),
    CONSTRAINT "StockReservation_settled_check" CHECK (("status" = 'ACTIVE') = ("settledAt" IS NULL))
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "orderId" UUID,
    "rating" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "verifiedPurchase" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Review_rating_check" CHECK ("rating" BETWEEN 1 AND 5),
    CONSTRAINT "Review_title_check" CHECK (length(btrim("title")) > 0)
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "externalTransactionId" TEXT NOT NULL,
    "gatewayResponse" JSONB,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "capturedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Payment_amount_check" CHECK ("amount" > 0),
    CONSTRAINT "Payment_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "Payment_captured_check" CHECK (("status" = 'CAPTURED') <= ("capturedAt" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "CatalogSettings" (
    "tenantId" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "taxRate" DECIMAL(5,4) NOT NULL,
    "shippingBase" DECIMAL(12,2) NOT NULL,
    "shippingPerKg" DECIMAL(12,2) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CatalogSettings_pkey" PRIMARY KEY ("tenantId"),
    CONSTRAINT "CatalogSettings_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "CatalogSettings_taxRate_check" CHECK ("taxRate" >= 0 AND "taxRate" < 1),
    CONSTRAINT "CatalogSettings_shipping_check" CHECK ("shippingBase" >= 0 AND "shippingPerKg" >= 0)
);

-- CreateIndex
CREATE INDEX "Product_tenantId_price_idx" ON "Product"("tenantId", "price");

-- CreateIndex
CREATE INDEX "Product_tenantId_name_idx" ON "Product"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Product_textSearch_idx" ON "Product" USING GIN ("textSearch");

-- CreateIndex
CREATE INDEX "Product_tags_idx" ON "Product" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "StockMovement_inventoryId_createdAt_idx" ON "StockMovement"("inventoryId", "createdAt");

-- CreateIndex
CREATE INDEX "StockMovement_tenantId_productId_createdAt_idx" ON "StockMovement"("tenantId", "productId", "createdAt");

-- CreateIndex
CREATE INDEX "StockMovement_orderId_idx" ON "StockMovement"("orderId");

-- CreateIndex
CREATE INDEX "StockReservation_orderId_idx" ON "StockReservation"("orderId");

-- CreateIndex
CREATE INDEX "StockReservation_inventoryId_idx" ON "StockReservation"("inventoryId");

-- CreateIndex
CREATE UNIQUE INDEX "StockReservation_orderItemId_inventoryId_key" ON "StockReservation"("orderItemId", "inventoryId");

-- CreateIndex
CREATE INDEX "Review_productId_createdAt_idx" ON "Review"("productId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_tenantId_authorId_createdAt_idx" ON "Review"("tenantId", "authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_orderId_idx" ON "Review"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_productId_authorId_key" ON "Review"("productId", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_externalTransactionId_key" ON "Payment"("externalTransactionId");

-- CreateIndex
CREATE INDEX "Payment_orderId_idx" ON "Payment"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_tenantId_idempotencyKey_key" ON "Payment"("tenantId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_inventoryId_fkey" FOREIGN KEY ("inventoryId") REFERENCES "Inventory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockReservation" ADD CONSTRAINT "StockReservation_inventoryId_fkey" FOREIGN KEY ("inventoryId") REFERENCES "Inventory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Stock already on hand becomes the ledger's opening balance (before the trigger that applies
-- movements exists), so ledger sums match quantities from the start.
INSERT INTO "StockMovement" ("id", "tenantId", "inventoryId", "productId", "type", "quantity", "balanceAfter", "reference", "note")
SELECT gen_random_uuid(), "tenantId", "id", "productId", 'IN', "quantity", "quantity", 'opening-balance', 'Stock on hand when the ledger was introduced'
FROM "Inventory" WHERE "quantity" > 0;

-- The stock ledger is append-only.
CREATE FUNCTION "stock_movement_is_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'StockMovement is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "StockMovement_append_only"
    BEFORE UPDATE OR DELETE ON "StockMovement"
    FOR EACH ROW EXECUTE FUNCTION "stock_movement_is_append_only"();

CREATE TRIGGER "StockMovement_no_truncate"
    BEFORE TRUNCATE ON "StockMovement"
    FOR EACH STATEMENT EXECUTE FUNCTION "stock_movement_is_append_only"();

-- Each movement is applied to its inventory row in the same statement, so an inventory row's
-- quantity is always the sum of its movements; the Inventory CHECKs refuse a movement that would
-- take stock below zero or below what is reserved.
CREATE FUNCTION "stock_movement_apply"() RETURNS trigger AS $$
DECLARE
    balance INTEGER;
BEGIN
    UPDATE "Inventory" SET "quantity" = "quantity" + NEW."quantity", "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = NEW."inventoryId" AND "tenantId" = NEW."tenantId" AND "productId" = NEW."productId"
    RETURNING "quantity" INTO balance;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'StockMovement % violates constraint "StockMovement_inventory_match_check": its inventory row belongs to another product or tenant', NEW."id"
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'StockMovement_inventory_match_check';
    END IF;
    NEW."balanceAfter" := balance;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "StockMovement_apply"
    BEFORE INSERT ON "StockMovement"
    FOR EACH ROW EXECUTE FUNCTION "stock_movement_apply"();

-- Inventory quantity has no other way in: rows start at 0 and change only through the trigger above.
CREATE FUNCTION "inventory_quantity_follows_ledger"() RETURNS trigger AS $$
BEGIN
    IF pg_trigger_depth() < 2 AND (
        (TG_OP = 'INSERT' AND NEW."quantity" <> 0) OR (TG_OP = 'UPDATE' AND NEW."quantity" IS DISTINCT FROM OLD."quantity")
    ) THEN
        RAISE EXCEPTION 'Inventory % violates constraint "Inventory_quantity_ledger_check": quantity changes only through StockMovement rows', NEW."id"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'Inventory_quantity_ledger_check';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Inventory_quantity_follows_ledger"
    BEFORE INSERT OR UPDATE ON "Inventory"
    FOR EACH ROW EXECUTE FUNCTION "inventory_quantity_follows_ledger"();

-- The order status machine, enforced by the database as well as by the service:
-- PENDING -> CONFIRMED -> PROCESSING -> SHIPPED -> IN_TRANSIT -> DELIVERED, and CANCELLED from
-- PENDING, CONFIRMED or PROCESSING.
CREATE FUNCTION "order_status_transition"() RETURNS trigger AS $$
BEGIN
    IF NEW."status" IS DISTINCT FROM OLD."status" AND NOT (
        (OLD."status" = 'PENDING' AND NEW."status" IN ('CONFIRMED', 'CANCELLED'))
        OR (OLD."status" = 'CONFIRMED' AND NEW."status" IN ('PROCESSING', 'CANCELLED'))
        OR (OLD."status" = 'PROCESSING' AND NEW."status" IN ('SHIPPED', 'CANCELLED'))
        OR (OLD."status" = 'SHIPPED' AND NEW."status" = 'IN_TRANSIT')
        OR (OLD."status" = 'IN_TRANSIT' AND NEW."status" = 'DELIVERED')
    ) THEN
        RAISE EXCEPTION 'Order % violates constraint "Order_status_transition_check": it cannot go from % to %', OLD."number", OLD."status", NEW."status"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'Order_status_transition_check';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Order_status_transition"
    BEFORE UPDATE OF "status" ON "Order"
    FOR EACH ROW EXECUTE FUNCTION "order_status_transition"();

-- A review may claim a verified purchase only when its author has a DELIVERED order containing the
-- product (and, when the review names an order, that order).
CREATE FUNCTION "review_verified_purchase"() RETURNS trigger AS $$
BEGIN
    IF NEW."verifiedPurchase" AND NOT EXISTS (
        SELECT 1 FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o."id"
        WHERE o."tenantId" = NEW."tenantId" AND o."customerId" = NEW."authorId" AND o."status" = 'DELIVERED'
          AND i."productId" = NEW."productId" AND (NEW."orderId" IS NULL OR o."id" = NEW."orderId")
    ) THEN
        RAISE EXCEPTION 'Review % violates constraint "Review_verified_purchase_check": no delivered order of its author contains the product', NEW."id"
            USING ERRCODE = 'check_violation', CONSTRAINT = 'Review_verified_purchase_check';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Review_verified_purchase"
    BEFORE INSERT OR UPDATE ON "Review"
    FOR EACH ROW EXECUTE FUNCTION "review_verified_purchase"();
