-- CreateTable
CREATE TABLE "AuditChainCheckpoint" (
    "tenantId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "purgedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditChainCheckpoint_pkey" PRIMARY KEY ("tenantId")
);

-- The log stays append-only, with one exception: the retention purge may delete an event whose
-- retention has ended, and only inside a transaction that declared itself a purge.
CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('audit.purge', true) = 'on'
       AND OLD."retainUntil" < now() THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
