import type { RawExecutor } from '@fed/service-kit';

/** A Prisma client or transaction client: the throttle needs raw queries that return rows. */
type ThrottleExecutor = RawExecutor & { $queryRawUnsafe<Row>(query: string, ...values: unknown[]): Promise<Row> };

export interface ThrottlePolicy {
  /** Failures from one address for one account within the window before that address is refused for it. */
  maxFailuresPerAccountAddress: number;
  /** Failures from one address across all accounts within the window (credential stuffing). */
  maxFailuresPerAddress: number;
  /**
   * Account-wide safety net: once this many distinct addresses failed for one account within the
   * window, every address that has failed for it is refused; an address with no failure (the
   * owner's) still gets in, so no single address can turn this into a lockout.
   */
  maxAddressesPerAccount: number;
  windowSeconds: number;
}

export interface ThrottleKey {
  /** The tenant slug as typed (normalised), so unknown tenants are throttled like real ones. */
  tenantKey: string;
  /** The email as typed (normalised). */
  account: string;
  /** The address the gateway saw; `unknown` when it forwarded none. */
  ip: string;
}

const ANY_ACCOUNT = '*';

export type ThrottleVerdict = null | 'account-address' | 'address' | 'account-wide';

/**
 * Sign-in throttling kept in the users database, so it holds across replicas and needs no Redis.
 * Counters live in fixed windows that start at the first failure; every update is one upsert, so
 * concurrent failures all count.
 */
export class SignInThrottle {
  constructor(private readonly policy: ThrottlePolicy) {}

  /** Why this attempt must be refused without looking at the password, or null. */
  async verdict(db: ThrottleExecutor, key: ThrottleKey, now: Date): Promise<ThrottleVerdict> {
    const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    const rows = await db.$queryRawUnsafe<{ account: string; blocked: boolean; failedHere: boolean; addresses: number }[]>(
      `SELECT t."account",
              (t."blockedUntil" IS NOT NULL AND t."blockedUntil" > $4::timestamptz) AS "blocked",
              (t."windowStart" > $5::timestamptz AND t."failures" > 0) AS "failedHere",
              (SELECT count(*)::int FROM "SignInThrottle" a
                WHERE a."tenantKey" = $1 AND a."account" = $2 AND a."windowStart" > $5::timestamptz AND a."failures" > 0) AS "addresses"
         FROM "SignInThrottle" t
        WHERE t."ip" = $3 AND ((t."tenantKey" = $1 AND t."account" = $2) OR (t."tenantKey" = '' AND t."account" = '${ANY_ACCOUNT}'))`,
      key.tenantKey,
      key.account,
      key.ip,
      now,
      windowStart,
    );
    const pair = rows.find((row) => row.account !== ANY_ACCOUNT || key.account === ANY_ACCOUNT);
    const address = rows.find((row) => row.account === ANY_ACCOUNT);
    if (address?.blocked) return 'address';
    if (pair?.blocked) return 'account-address';
    if (pair?.failedHere && pair.addresses >= this.policy.maxAddressesPerAccount) return 'account-wide';
    return null;
  }

  /** Counts one failure for the pair and for the address; returns which of them this failure blocked. */
  async recordFailure(db: ThrottleExecutor, key: ThrottleKey, now: Date): Promise<{ pairBlocked: boolean; addressBlocked: boolean }> {
    const pairBlocked = await this.bump(db, key.tenantKey, key.account, key.ip, this.policy.maxFailuresPerAccountAddress, now);
    const addressBlocked = await this.bump(db, '', ANY_ACCOUNT, key.ip, this.policy.maxFailuresPerAddress, now);
    return { pairBlocked, addressBlocked };
  }

  /** A successful sign-in clears that address's count for the account (not its cross-account count). */
  async recordSuccess(db: RawExecutor, key: ThrottleKey): Promise<void> {
    await db.$executeRawUnsafe(
      'DELETE FROM "SignInThrottle" WHERE "tenantKey" = $1 AND "account" = $2 AND "ip" = $3',
      key.tenantKey,
      key.account,
      key.ip,
    );
  }

  /** One atomic upsert: restarts an expired window, counts, and blocks when the limit is reached. */
  private async bump(db: ThrottleExecutor, tenantKey: string, account: string, ip: string, limit: number, now: Date): Promise<boolean> {
    const expiredBefore = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    const blockedUntil = new Date(now.getTime() + this.policy.windowSeconds * 1000);
    const [row] = await db.$queryRawUnsafe<{ newlyBlocked: boolean }[]>(
      `INSERT INTO "SignInThrottle" AS t ("tenantKey", "account", "ip", "failures", "windowStart", "blockedUntil")
       VALUES ($1, $2, $3, 1, $4::timestamptz, CASE WHEN 1 >= $6 THEN $7::timestamptz ELSE NULL END)
       ON CONFLICT ("tenantKey", "account", "ip") DO UPDATE SET
         "failures" = CASE WHEN t."windowStart" <= $5::timestamptz THEN 1 ELSE t."failures" + 1 END,
         "windowStart" = CASE WHEN t."windowStart" <= $5::timestamptz THEN $4::timestamptz ELSE t."windowStart" END,
         "blockedUntil" = CASE
           WHEN (CASE WHEN t."windowStart" <= $5::timestamptz THEN 1 ELSE t."failures" + 1 END) = $6 THEN $7::timestamptz
           ELSE t."blockedUntil" END
       RETURNING ("failures" = $6) AS "newlyBlocked"`,
      tenantKey,
      account,
      ip,
      now,
      expiredBefore,
      limit,
      blockedUntil,
    );
    return row?.newlyBlocked ?? false;
  }
}
