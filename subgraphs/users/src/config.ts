import { env, loadConfig, type SubgraphConfig } from '@fed/service-kit';
import { z } from 'zod';

/** Variables only the users subgraph reads. */
export const usersEnv = {
  /** JSON `{"keys":[<private JWK>, ...]}`; the first key signs. Required in production. */
  JWT_PRIVATE_JWKS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: env.positiveInt(900),
  REFRESH_TOKEN_TTL_SECONDS: env.positiveInt(30 * 24 * 3600),
  LOGIN_MAX_FAILURES: env.positiveInt(5),
  LOGIN_LOCKOUT_SECONDS: env.positiveInt(900),
};

export type UsersConfig = ReturnType<typeof loadUsersConfig>;

export function loadUsersConfig(common: SubgraphConfig, source: Record<string, string | undefined>) {
  const own = loadConfig(usersEnv, source);
  if (common.production && !own.JWT_PRIVATE_JWKS) {
    throw new Error('JWT_PRIVATE_JWKS: required in production (signing keys must be shared by every replica)');
  }
  return own;
}
