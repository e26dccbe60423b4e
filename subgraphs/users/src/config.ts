import { env, loadConfig, type SubgraphConfig } from '@fed/service-kit';
import { z } from 'zod';

/** Variables only the users subgraph reads. */
export const usersEnv = {
  /** JSON `{"keys":[<private JWK>, ...]}`; the first key signs. Required in production. */
  JWT_PRIVATE_JWKS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: env.positiveInt(900),
  REFRESH_TOKEN_TTL_SECONDS: env.positiveInt(30 * 24 * 3600),
  /** Failures from one address for one account before that address is refused for it. */
  LOGIN_MAX_FAILURES: env.positiveInt(5),
  /** Failures from one address across all accounts before that address is refused (credential stuffing). */
  LOGIN_MAX_FAILURES_PER_ADDRESS: env.positiveInt(100),
  /** Distinct failing addresses for one account before every address that failed for it is refused. */
  LOGIN_MAX_FAILING_ADDRESSES: env.positiveInt(10),
  /** The counting window and how long a throttled address stays refused. */
  LOGIN_THROTTLE_SECONDS: env.positiveInt(900),
};

export type UsersConfig = ReturnType<typeof loadUsersConfig>;

export function loadUsersConfig(common: SubgraphConfig, source: Record<string, string | undefined>) {
  const own = loadConfig(usersEnv, source);
  if (common.production && !own.JWT_PRIVATE_JWKS) {
    throw new Error('JWT_PRIVATE_JWKS: required in production (signing keys must be shared by every replica)');
  }
  return own;
}
