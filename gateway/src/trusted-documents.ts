import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '@fed/service-kit/edge';
import type { SharedStore } from './store.ts';

/**
 * Trusted documents: the operations the graph's clients ship, registered ahead (per client name
 * and version, `npm run trusted-documents -- register`), and what the gateway does with the rest.
 *
 * - Documents are keyed by the sha256 (hex) of their exact text, in the shared store
 *   (`td:doc:<hash>` → text, written by the register command to Redis, so every replica agrees),
 *   plus any manifest files named in TRUSTED_DOCUMENTS_MANIFESTS (loaded at start).
 * - `documentId: "sha256:<hash>"` (the GraphQL-over-HTTP persisted documents appendix) is
 *   accepted in every mode: the gateway puts the registered text in its place before Apollo
 *   Server sees the request. An unknown id is `PERSISTED_QUERY_NOT_FOUND`.
 * - An APQ hash (`extensions.persistedQuery.sha256Hash`) of a registered document is served from the
 *   manifest; the text itself is trusted when its hash is registered.
 * - `TRUSTED_DOCUMENTS=off` serves anything; `log` serves an unknown document and records it
 *   (a log line, and the newest 1000 in the store, `npm run trusted-documents -- unknown`);
 *   `enforce` refuses it with `PERSISTED_QUERY_NOT_IN_LIST` before it is parsed, and refuses
 *   APQ registration of unregistered text the same way.
 * Registered documents are immutable (the key is the text's hash), so a hit is remembered in
 * process; a miss is remembered for MISS_MEMORY_MS (a document registered just now is trusted
 * within seconds), and `log` records an unknown document once per process and hour, so an
 * unregistered hot operation costs no store round trip or log line per request.
 */
export type TrustedDocumentsMode = 'off' | 'log' | 'enforce';

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  store: SharedStore;
  /** Manifest files (`{ "<sha256>": "<document>" }`) trusted besides the store's. */
  manifestPaths: string[];
  logger: Logger;
}

export interface Refusal {
  status: number;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
}

export type Resolution = { body: string } | { refusal: Refusal };

export const documentKey = (hash: string) => `td:doc:${hash}`;
export const clientKey = (client: string) => `td:client:${client}`;
export const CLIENTS_KEY = 'td:clients';
export const UNKNOWN_KEY = 'td:unknown';
const UNKNOWN_TEXT_KEY = (hash: string) => `td:unknown:${hash}`;
const UNKNOWN_KEPT = 1000;
const UNKNOWN_TTL_SECONDS = 7 * 86_400;
const KNOWN_MEMORY = 10_000;
const MISS_MEMORY_MS = 5_000;
const RECORDED_MEMORY_MS = 3_600_000;

/** Members that expire, oldest dropped first when full. */
class Expiring {
  private readonly members = new Map<string, number>();
  constructor(private readonly ttlMs: number) {}
  has(member: string): boolean {
    const until = this.members.get(member);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.members.delete(member);
    return false;
  }
  add(member: string): void {
    this.members.delete(member);
    this.members.set(member, Date.now() + this.ttlMs);
    if (this.members.size > KNOWN_MEMORY) this.members.delete(this.members.keys().next().value!);
  }
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A manifest file's documents, each checked against its key (a wrong hash is refused, naming it). */
export function readManifest(path: string): Map<string, string> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return manifestEntries(parsed, path);
}

export function manifestEntries(parsed: unknown, source: string): Map<string, string> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${source}: a manifest is a JSON object of "<sha256 hex>": "<document>"`);
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') throw new Error(`${source}: entry ${hash}: the document must be a string`);
    if (sha256Hex(text) !== hash)
      throw new Error(`${source}: entry ${hash}: the key must be the sha256 of the document (it is ${sha256Hex(text)})`);
    documents.set(hash, text);
  }
  return documents;
}

const refusal = (status: number, code: string, message: string): Refusal => ({
  status,
  body: { errors: [{ message, extensions: { code } }] },
});

interface OperationBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
  [key: string]: unknown;
}

export function createTrustedDocuments(options: TrustedDocumentsOptions) {
  const { mode, store, logger } = options;
  const local = new Map<string, string>();
  for (const path of options.manifestPaths) for (const [hash, text] of readManifest(path)) local.set(hash, text);
  const known = new Map<string, string>();
  const missing = new Expiring(MISS_MEMORY_MS);
  const recorded = new Expiring(RECORDED_MEMORY_MS);

  const lookup = async (hash: string): Promise<string | undefined> => {
    const text = local.get(hash) ?? known.get(hash);
    if (text !== undefined) return text;
    if (missing.has(hash)) return undefined;
    const [stored] = await store.getMany([documentKey(hash)]);
    if (stored === undefined) {
      missing.add(hash);
      return undefined;
    }
    if (known.size >= KNOWN_MEMORY) known.delete(known.keys().next().value!);
    known.set(hash, stored);
    return stored;
  };

  const record = async (hash: string, text: string | undefined, client: string) => {
    if (recorded.has(`${hash} ${client}`)) return;
    recorded.add(`${hash} ${client}`);
    logger.warn('untrusted document served', { documentHash: hash, client });
    await store.remember(UNKNOWN_KEY, `${hash} ${client}`, UNKNOWN_KEPT);
    if (text !== undefined) await store.set(UNKNOWN_TEXT_KEY(hash), text, UNKNOWN_TTL_SECONDS);
  };

  /** One operation of a request: its text put in place of its id, or a refusal. */
  const resolveOperation = async (operation: OperationBody, client: string): Promise<Refusal | null> => {
    if (operation.documentId !== undefined) {
      const id = operation.documentId;
      const match = typeof id === 'string' ? /^sha256:([0-9a-f]{64})$/.exec(id) : null;
      if (!match) return refusal(400, 'BAD_REQUEST', 'documentId: must be "sha256:" followed by 64 lower-case hex digits');
      const text = await lookup(match[1]!);
      if (text === undefined) return refusal(400, 'PERSISTED_QUERY_NOT_FOUND', `documentId: no registered document ${id}`);
      if (operation.query !== undefined && operation.query !== text)
        return refusal(400, 'BAD_REQUEST', 'documentId: the request also carries a different query');
      delete operation.documentId;
      operation.query = text;
      return null;
    }
    if (mode === 'off') return null;
    const apqHash = operation.extensions?.persistedQuery?.sha256Hash;
    const text = typeof operation.query === 'string' ? operation.query : undefined;
    const hash = text !== undefined ? sha256Hex(text) : typeof apqHash === 'string' ? apqHash : undefined;
    if (hash === undefined) return null; // Apollo Server answers a request without a document.
    const registered = await lookup(hash);
    if (registered !== undefined) {
      // An APQ hash alone: serve the registered text (Apollo checks that it matches the hash).
      if (text === undefined) operation.query = registered;
      return null;
    }
    if (mode === 'enforce')
      return refusal(
        400,
        'PERSISTED_QUERY_NOT_IN_LIST',
        'Only registered documents are served here (TRUSTED_DOCUMENTS=enforce): send a documentId from your client manifest',
      );
    await record(hash, text, client);
    return null;
  };

  return {
    mode,
    /** The request body with ids replaced by registered text, or why it is refused. */
    async resolve(request: IncomingMessage, body: string): Promise<Resolution> {
      const client = clientOf(request);
      if (request.method === 'GET') return this.resolveGet(request, client, body);
      if (mode === 'off' && !body.includes('"documentId"')) return { body };
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return { body }; // Apollo Server answers the parse error.
      }
      const operations = Array.isArray(parsed) ? parsed : [parsed];
      for (const operation of operations) {
        if (!operation || typeof operation !== 'object') continue;
        const refused = await resolveOperation(operation as OperationBody, client);
        if (refused) return { refusal: refused };
      }
      return { body: JSON.stringify(parsed) };
    },

    /** GET: the document travels in the query string; the URL is rewritten in place for Apollo Server. */
    async resolveGet(request: IncomingMessage, client: string, body: string): Promise<Resolution> {
      const [path, search = ''] = (request.url ?? '/').split('?');
      const params = new URLSearchParams(search);
      if (!params.has('documentId') && (mode === 'off' || (!params.has('query') && !params.has('extensions')))) return { body };
      let extensions: OperationBody['extensions'];
      try {
        extensions = params.has('extensions') ? (JSON.parse(params.get('extensions')!) as OperationBody['extensions']) : undefined;
      } catch {
        return { body };
      }
      const operation: OperationBody = {
        ...(params.has('query') ? { query: params.get('query') } : {}),
        ...(params.has('documentId') ? { documentId: params.get('documentId') } : {}),
        ...(extensions ? { extensions } : {}),
      };
      const refused = await resolveOperation(operation, client);
      if (refused) return { refusal: refused };
      params.delete('documentId');
      if (typeof operation.query === 'string') params.set('query', operation.query);
      request.url = `${path}?${params.toString()}`;
      return { body };
    },
  };
}

export type TrustedDocuments = ReturnType<typeof createTrustedDocuments>;

function clientOf(request: IncomingMessage): string {
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.slice(0, 100);
  };
  return `${header('apollographql-client-name') ?? 'unknown'}@${header('apollographql-client-version') ?? 'unknown'}`;
}
