/**
 * CORS for browser clients on other origins. `*` allows any origin (tokens travel in the
 * Authorization header, never in cookies, so no credentials mode is needed); a list allows
 * exactly those origins; an empty list sends no CORS headers (same-origin only). CSRF prevention
 * stays on either way (Apollo Server refuses simple requests that could skip a preflight).
 */
const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, cache-control';
const EXPOSED_HEADERS = 'x-request-id, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, x-cache, age';

export interface Cors {
  /** Headers for an actual request from `origin`. */
  headers(origin: string | undefined): Record<string, string>;
  /** Headers for a preflight (OPTIONS) request from `origin`. */
  preflight(origin: string | undefined): Record<string, string>;
}

export function createCors(allowedOrigins: readonly string[]): Cors {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const none: Record<string, string> = {};
  const allowOrigin = (origin: string | undefined): Record<string, string> | null => {
    if (!origin || allowed.size === 0) return null;
    if (any) return { 'access-control-allow-origin': '*' };
    return allowed.has(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  };
  return {
    headers(origin) {
      const base = allowOrigin(origin);
      if (!base) return none;
      return base['access-control-allow-origin'] ? { ...base, 'access-control-expose-headers': EXPOSED_HEADERS } : base;
    },
    preflight(origin) {
      const base = allowOrigin(origin);
      if (!base?.['access-control-allow-origin']) return base ?? none;
      return {
        ...base,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      };
    },
  };
}
