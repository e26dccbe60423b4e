-- Sessions you can see (me { sessions }): when a session was last used.
ALTER TABLE "Session" ADD COLUMN "lastUsedAt" TIMESTAMPTZ(3);
UPDATE "Session" SET "lastUsedAt" = "createdAt";
