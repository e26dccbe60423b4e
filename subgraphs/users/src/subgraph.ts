import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AppError,
  createTokenVerifier,
  doorRefusalStatus,
  scalarResolvers,
  sendGraphQLError,
  sendJson,
  bearerToken,
  type SubgraphDefinition,
} from '@fed/service-kit';
import { parse } from 'graphql';
import type { JWK } from 'jose';
import { seedUsers } from '../../../prisma/users/seed.ts';
import { loadUsersConfig } from './config.ts';
import type { UsersContext } from './context.ts';
import { createUsersClient, type UsersClient } from './db.ts';
import type { Resolvers } from './generated/graphql.ts';
import { usersSdl } from './schema.ts';
import { loadOrCreateKeyFile, signingKeysFromJwks } from './sessions/keys.ts';
import { sessionResolvers } from './sessions/resolvers.ts';
import { SessionService } from './sessions/service.ts';
import { TenantStore } from './tenants/store.ts';
import { tenantResolvers } from './tenants/resolvers.ts';
import { UserAdminService } from './users/admin.ts';
import { UserStore } from './users/store.ts';
import { userResolvers } from './users/resolvers.ts';

export { usersSdl } from './schema.ts';

const resolvers: Resolvers[] = [tenantResolvers, userResolvers, sessionResolvers];

export const usersSubgraph: SubgraphDefinition<UsersClient, UsersContext> = {
  name: 'users',
  migrationsDir: fileURLToPath(new URL('../../../prisma/users/migrations', import.meta.url)),
  publishesEvents: true,
  authoritySource: true,
  createClient: createUsersClient,
  seed: seedUsers,
  async build({ client, backgroundClient, config, env }) {
    const own = loadUsersConfig(config, env);
    const keys = own.JWT_PRIVATE_JWKS
      ? await signingKeysFromJwks((JSON.parse(own.JWT_PRIVATE_JWKS) as { keys: JWK[] }).keys)
      : await loadOrCreateKeyFile(join(config.DATA_DIR, 'users', 'jwt-signing-keys.json'));
    const sessions = new SessionService(client, keys, {
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      accessTokenTtlSeconds: own.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: own.REFRESH_TOKEN_TTL_SECONDS,
      throttle: {
        maxFailuresPerAccountAddress: own.LOGIN_MAX_FAILURES,
        maxFailuresPerAddress: own.LOGIN_MAX_FAILURES_PER_ADDRESS,
        maxAddressesPerAccount: own.LOGIN_MAX_FAILING_ADDRESSES,
        windowSeconds: own.LOGIN_THROTTLE_SECONDS,
      },
    });
    const userAdmin = new UserAdminService(client, sessions);
    // The users subgraph verifies its own tokens with the keys it holds: no HTTP round trip to itself.
    const verifier = createTokenVerifier({ keySet: () => keys.publicJwks, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
    // Look-ups are not part of any operation: they read (and touch) sessions through the background
    // client, so per-operation statement counts stay exact.
    const lookUpStanding = async (token: string) => sessions.standing(await verifier.verifyToken(token), backgroundClient);
    return {
      typeDefs: parse(usersSdl),
      resolvers: [scalarResolvers, ...resolvers],
      extendContext: (base) => ({
        ...base,
        tenants: new TenantStore(client, base.loaders),
        users: new UserStore(client, base.loaders),
        sessions,
        userAdmin,
      }),
      verifier,
      lookUpStanding,
      routes: {
        '/.well-known/jwks.json': (_request, response) =>
          sendJson(response, 200, keys.publicJwks, { 'cache-control': 'public, max-age=300' }),
        // Current authority's look-up: answers only about the session of the token it is sent with.
        '/authority/session': async (request, response) => {
          try {
            const token = bearerToken(request.headers.authorization);
            if (!token)
              return sendJson(response, 401, {
                errors: [{ message: 'A bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
              });
            sendJson(response, 200, await lookUpStanding(token), { 'cache-control': 'no-store' });
          } catch (error) {
            if (error instanceof AppError) return sendGraphQLError(response, doorRefusalStatus(error), error);
            throw error;
          }
        },
      },
    };
  },
};
