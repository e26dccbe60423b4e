-- CreateTable: failed sign-ins counted per (account, client address) and per client address
-- ("account" = '*'), so one address cannot lock an account for everyone.
CREATE TABLE "SignInThrottle" (
    "tenantKey" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("tenantKey","account","ip")
);

-- CreateIndex
CREATE INDEX "SignInThrottle_tenantKey_account_windowStart_idx" ON "SignInThrottle"("tenantKey", "account", "windowStart");
