import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { Identity } from '@fed/service-kit/edge';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { SharedStore } from './store.ts';

/**
 * Whole-response cache for queries, driven by the subgraphs' cache hints (their Cache-Control
 * headers, merged by the gateway into the operation's policy: the smallest maxAge, PRIVATE if
 * any part is private).
 *
 * - Keys always carry the caller's tenant (anonymous callers share an `anon` scope), so one
 *   tenant's data is never served to another; PRIVATE answers also carry the user and are
 *   never stored for anonymous callers.
 * - Each scope has a generation counter. An entry remembers the generation it was computed
 *   under and only counts while that is still current. Every mutation bumps its tenant's
 *   generation (and the anonymous one) before answering, so nothing cached earlier, or computed
 *   while the mutation ran, is served afterwards, on any replica. One round trip per lookup
 *   (entries and generation together), one per store and one per mutation.
 * - Only complete answers without errors are stored. A request with `Cache-Control: no-cache`
 *   skips the lookup (and refreshes the entry). An operation whose complete answer carried no
 *   hint skips lookups for 30 s, so uncacheable operations cost no round trip.
 * - Keys also carry the supergraph's version: after a change, an answer cached under the old one
 *   (resolved, or authorised, by other rules) is never served; replicas on one file share entries.
 * - Answers say `x-cache: HIT` (with `age`) or `x-cache: MISS` (computed and stored).
 *
 * It also writes the HTTP Cache-Control header of every answer: `no-store` unless cacheable, and
 * `private` whenever the caller is signed in, so no shared HTTP cache keeps one tenant's answer.
 */
export function responseCachePlugin(
  store: SharedStore | null,
  metrics: GatewayMetrics,
  /** Identifies the supergraph an operation runs on: answers cached under another are never served. */
  supergraphVersion: (schema: GraphQLSchema) => string,
): ApolloServerPlugin<GatewayContext> {
  // Operations whose last answer carried no cache hint skip the lookup for a while: most
  // operations are never cacheable, and they should not pay a store round trip each time.
  const uncacheable = new ExpiringSet(UNCACHEABLE_MEMORY_SIZE, UNCACHEABLE_MEMORY_MS);
  return {
    async requestDidStart({ contextValue }) {
      // A warm-up answer carries nothing fetched: it must neither be served from nor land in the cache.
      if (contextValue.warmUp) return;
      let lookup: Lookup | null = null;
      let hit = false;
      return {
        async responseForOperation(requestContext) {
          if (!store || requestContext.operation?.operation !== 'query') return null;
          const document = `${requestContext.queryHash ?? ''}\u0000${requestContext.request.operationName ?? ''}`;
          if (uncacheable.has(document)) return null;
          lookup = lookupFor(requestContext, `${supergraphVersion(requestContext.schema)}\u0000${document}`);
          const values = await store.getMany(lookup.keys);
          lookup.generation = values[values.length - 1] ?? '0';
          if (requestContext.request.http?.headers.get('cache-control')?.includes('no-cache')) return null;
          const entry = values
            .slice(0, -1)
            .map((value) => (value === undefined ? null : decodeEntry(value)))
            .find((candidate) => candidate && candidate.generation === lookup!.generation);
          if (!entry) {
            metrics.responseCache.inc(['miss']);
            return null;
          }
          hit = true;
          metrics.responseCache.inc(['hit']);
          requestContext.metrics.responseCacheHit = true;
          const age = Math.floor((Date.now() - entry.storedAt) / 1000);
          const headers = new HeaderMap([
            ['x-cache', 'HIT'],
            ['age', String(age)],
            ['cache-control', httpCacheControl(Math.max(0, entry.maxAge - age), entry.scope, requestContext.contextValue.identity)],
          ]);
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: entry.result } };
        },

        async willSendResponse(requestContext) {
          if (hit) return;
          const headers = requestContext.response.http.headers;
          const operation = requestContext.operation?.operation;
          if (operation === 'mutation') {
            if (store) await store.increment(generationKeys(requestContext.contextValue.identity));
            headers.set('cache-control', 'no-store');
            return;
          }
          const body = requestContext.response.body;
          const policy = requestContext.overallCachePolicy.policyIfCacheable();
          const identity = requestContext.contextValue.identity;
          const cacheable =
            operation === 'query' &&
            policy !== null &&
            !requestContext.requestIsBatched &&
            body.kind === 'single' &&
            !body.singleResult.errors &&
            !(policy.scope === 'PRIVATE' && !identity);
          if (!cacheable) {
            if (operation === 'query') {
              metrics.responseCache.inc(['uncacheable']);
              // Only a complete answer tells that the operation itself carries no hint.
              if (policy === null && body.kind === 'single' && !body.singleResult.errors)
                uncacheable.add(`${requestContext.queryHash ?? ''}\u0000${requestContext.request.operationName ?? ''}`);
            }
            headers.set('cache-control', 'no-store');
            return;
          }
          headers.set('cache-control', httpCacheControl(policy.maxAge, policy.scope, identity));
          if (!store || !lookup) return;
          headers.set('x-cache', 'MISS');
          const entry: Entry = {
            generation: lookup.generation,
            storedAt: Date.now(),
            maxAge: policy.maxAge,
            scope: policy.scope,
            result: body.singleResult,
          };
          await store.set(policy.scope === 'PRIVATE' ? lookup.privateKey! : lookup.publicKey, encodeEntry(entry), policy.maxAge);
          metrics.responseCache.inc(['stored']);
        },
      };
    },
  };
}

const UNCACHEABLE_MEMORY_SIZE = 5000;
const UNCACHEABLE_MEMORY_MS = 30_000;

/** A bounded set whose members expire (oldest dropped first when full). */
class ExpiringSet {
  private readonly members = new Map<string, number>();

  constructor(
    private readonly maxSize: number,
    private readonly ttlMs: number,
  ) {}

  has(member: string): boolean {
    const expiresAt = this.members.get(member);
    if (expiresAt === undefined) return false;
    if (expiresAt > Date.now()) return true;
    this.members.delete(member);
    return false;
  }

  add(member: string): void {
    this.members.delete(member);
    this.members.set(member, Date.now() + this.ttlMs);
    if (this.members.size > this.maxSize) this.members.delete(this.members.keys().next().value!);
  }
}

interface Lookup {
  publicKey: string;
  privateKey: string | null;
  /** Private entry (if any), public entry, generation. */
  keys: string[];
  generation: string;
}

const scopeOf = (identity: Identity | null) => (identity ? `t:${identity.tenantId}` : 'anon');

function generationKeys(identity: Identity | null): string[] {
  return identity ? [`rc:gen:${scopeOf(identity)}`, 'rc:gen:anon'] : ['rc:gen:anon'];
}

function lookupFor(requestContext: GraphQLRequestContext<GatewayContext>, document: string): Lookup {
  const identity = requestContext.contextValue.identity;
  const operation = createHash('sha256')
    .update(`${document}\u0000${JSON.stringify(requestContext.request.variables ?? {})}`)
    .digest('base64url');
  const scope = scopeOf(identity);
  const publicKey = `rc:${scope}:${operation}`;
  const privateKey = identity ? `rc:${scope}:u:${identity.userId}:${operation}` : null;
  const generation = `rc:gen:${scope}`;
  return { publicKey, privateKey, keys: privateKey ? [privateKey, publicKey, generation] : [publicKey, generation], generation: '0' };
}

function httpCacheControl(maxAge: number, scope: 'PUBLIC' | 'PRIVATE', identity: Identity | null): string {
  return `max-age=${maxAge}, ${scope === 'PUBLIC' && !identity ? 'public' : 'private'}`;
}

interface Entry {
  generation: string;
  storedAt: number;
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
  result: { data?: Record<string, unknown> | null; extensions?: Record<string, unknown> };
}

const encodeEntry = (entry: Entry) =>
  `${entry.generation}\n${entry.storedAt}\n${entry.maxAge}\n${entry.scope}\n${JSON.stringify(entry.result)}`;

function decodeEntry(value: string): Entry | null {
  const parts = value.split('\n', 4);
  if (parts.length < 4) return null;
  const [generation, storedAt, maxAge, scope] = parts as [string, string, string, string];
  const offset = generation.length + storedAt.length + maxAge.length + scope.length + 4;
  try {
    return {
      generation,
      storedAt: Number(storedAt),
      maxAge: Number(maxAge),
      scope: scope === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC',
      result: JSON.parse(value.slice(offset)) as Entry['result'],
    };
  } catch {
    return null;
  }
}
