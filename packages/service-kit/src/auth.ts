import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { UnauthenticatedError } from './errors.ts';

/** Every role the platform knows. Agency roles decide export approval stages. */
export const ROLES = [
  'ADMIN',
  'MANAGER',
  'CUSTOMER',
  'VIEWER',
  'EXPORTER',
  'FX_OFFICER',
  'QUALITY_OFFICER',
  'SHIPPING_OFFICER',
  'CUSTOMS_OFFICER',
  'BANK_OFFICER',
] as const;
export type Role = (typeof ROLES)[number];
const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who is calling, taken only from a verified token: never from headers a client can set. */
export interface Identity {
  userId: string;
  tenantId: string;
  roles: Role[];
  sessionId: string | null;
}

/** Claim names in the access token, besides the standard `sub`, `iss`, `aud`, `exp`. */
export const TOKEN_CLAIMS = { tenant: 'tid', roles: 'roles', session: 'sid', sessionFamily: 'sfid' } as const;

/** Asymmetric algorithms only: HMAC (shared secret) and `none` can never verify. */
export const ACCEPTED_ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'];

export interface TokenVerifierOptions {
  /** A JWKS endpoint (the users subgraph, or any OIDC provider); fetched keys are cached. */
  jwksUrl?: string;
  /** Or a key set in hand (the users subgraph verifies its own tokens without a round trip). */
  keySet?: () => JSONWebKeySet;
  issuer: string;
  audience: string;
}

/** A verified token: who it names, and the facts current authority decides on. */
export interface VerifiedToken {
  identity: Identity;
  /** `iat`, epoch seconds; null when the token has none. */
  issuedAt: number | null;
  /** The session family (`sfid`): every refresh of one sign-in shares it, revocation ends it. */
  sessionFamilyId: string | null;
}

export interface TokenVerifier {
  /** The caller as the platform sees them now (with current authority: roles now, ended sessions refused). */
  verify(token: string): Promise<Identity>;
  /** The token's signature and claims only: what it said when it was minted. */
  verifyToken(token: string): Promise<VerifiedToken>;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const remote = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 }) : null;
  if (!remote && !options.keySet) throw new Error('createTokenVerifier needs jwksUrl or keySet');
  const verifyToken = async (token: string): Promise<VerifiedToken> => {
    let payload: JWTPayload;
    try {
      const keys = remote ?? createLocalJWKSet(options.keySet!());
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['sub', 'exp', TOKEN_CLAIMS.tenant],
      }));
    } catch (error) {
      throw new UnauthenticatedError(describeTokenError(error));
    }
    const family = payload[TOKEN_CLAIMS.sessionFamily];
    return {
      identity: identityFromClaims(payload),
      issuedAt: typeof payload.iat === 'number' ? payload.iat : null,
      sessionFamilyId: typeof family === 'string' ? family : null,
    };
  };
  return { verifyToken, verify: async (token) => (await verifyToken(token)).identity };
}

function describeTokenError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token is signed by an unknown key';
  return 'The access token is invalid';
}

function identityFromClaims(payload: JWTPayload): Identity {
  const tenantId = payload[TOKEN_CLAIMS.tenant];
  const roles = payload[TOKEN_CLAIMS.roles];
  const sessionId = payload[TOKEN_CLAIMS.session];
  if (typeof payload.sub !== 'string' || typeof tenantId !== 'string') {
    throw new UnauthenticatedError('The access token lacks a subject or tenant');
  }
  return {
    userId: payload.sub,
    tenantId,
    roles: Array.isArray(roles) ? roles.filter(isRole) : [],
    sessionId: typeof sessionId === 'string' ? sessionId : null,
  };
}

/** Reads `Authorization: Bearer <token>`: none means anonymous, a malformed header is rejected. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
  return match[1];
}

export function requireIdentity(context: { identity: Identity | null }): Identity {
  if (!context.identity) throw new UnauthenticatedError();
  return context.identity;
}
