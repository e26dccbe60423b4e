-- Business keys are unique per tenant, not across tenants: a key that spans tenants tells one
-- tenant that another's value exists (a payment provider's transaction id), and a sequence shared
-- by all tenants tells each the others' order volume. Existing data is kept as it is: it is
-- unique globally, so it is unique per tenant too.

-- External payment ids: unique within the tenant.
DROP INDEX "Payment_externalTransactionId_key";
CREATE UNIQUE INDEX "Payment_tenantId_externalTransactionId_key" ON "Payment"("tenantId", "externalTransactionId");

-- Order numbers: unique within the tenant, from a counter per tenant.
DROP INDEX "Order_number_key";
CREATE UNIQUE INDEX "Order_tenantId_number_key" ON "Order"("tenantId", "number");

CREATE TABLE "OrderNumberCounter" (
    "tenantId" UUID NOT NULL,
    "lastNumber" INTEGER NOT NULL,

    CONSTRAINT "OrderNumberCounter_pkey" PRIMARY KEY ("tenantId"),
    CONSTRAINT "OrderNumberCounter_lastNumber_check" CHECK ("lastNumber" >= 0)
);

-- Each tenant continues after the highest number it already has, so no new number repeats one of
-- its own.
INSERT INTO "OrderNumberCounter" ("tenantId", "lastNumber")
SELECT "tenantId", max(substring("number" FROM '^ORD-(\d{1,9})$')::int)
FROM "Order"
WHERE "number" ~ '^ORD-\d{1,9}$'
GROUP BY 1;

-- The column default marks a number as still to be given (Prisma omits the column); the trigger
-- gives it from the tenant's counter in the inserting transaction, whose row lock orders
-- concurrent inserts of one tenant (a rolled-back order gives its number back). A number given
-- explicitly is kept, and the counter moves past it.
CREATE OR REPLACE FUNCTION next_order_number() RETURNS text AS $$
    SELECT ''::text;
$$ LANGUAGE sql;

CREATE FUNCTION "Order_number_per_tenant"() RETURNS trigger AS $$
DECLARE
    n INTEGER;
BEGIN
    IF NEW."number" IS NULL OR NEW."number" = '' THEN
        INSERT INTO "OrderNumberCounter" ("tenantId", "lastNumber") VALUES (NEW."tenantId", 1000)
        ON CONFLICT ("tenantId") DO UPDATE SET "lastNumber" = "OrderNumberCounter"."lastNumber" + 1
        RETURNING "lastNumber" INTO n;
        NEW."number" := 'ORD-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END;
    ELSIF NEW."number" ~ '^ORD-\d{1,9}$' THEN
        -- A number given explicitly (an import, the seed) moves the counter past it.
        n := substring(NEW."number" FROM 5)::int;
        INSERT INTO "OrderNumberCounter" ("tenantId", "lastNumber") VALUES (NEW."tenantId", n)
        ON CONFLICT ("tenantId") DO UPDATE SET "lastNumber" = GREATEST("OrderNumberCounter"."lastNumber", n);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Order_number_per_tenant" BEFORE INSERT ON "Order"
    FOR EACH ROW EXECUTE FUNCTION "Order_number_per_tenant"();

DROP SEQUENCE "Order_number_seq";
