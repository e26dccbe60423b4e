-- AlterTable: relays lease batches of pending events through "availableAt" (and back off retries).
ALTER TABLE "OutboxEvent" ADD COLUMN "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
