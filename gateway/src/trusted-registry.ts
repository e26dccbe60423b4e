import type { Redis } from 'ioredis';
import { CLIENTS_KEY, clientKey, documentKey, UNKNOWN_KEY } from './trusted-documents.ts';

export { UNKNOWN_KEY };

/**
 * The registry of trusted documents in Redis, as the register command and schema:check see it
 * (the gateway only reads `td:doc:<hash>` through its shared store):
 *   td:doc:<sha256>            the document's text (no expiry; content-addressed, shared by clients)
 *   td:client:<name>@<version> the JSON array of the hashes that client build ships
 *   td:clients                 registered client builds (sorted set, by registration time)
 */
export async function registerManifest(redis: Redis, prefix: string, client: string, documents: Map<string, string>): Promise<void> {
  const transaction = redis.multi();
  for (const [hash, text] of documents) transaction.set(prefix + documentKey(hash), text);
  transaction.set(prefix + clientKey(client), JSON.stringify([...documents.keys()]));
  transaction.zadd(prefix + CLIENTS_KEY, Date.now(), client);
  const results = await transaction.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw new Error(`registering ${client} failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
}

export async function unregisterClient(redis: Redis, prefix: string, client: string): Promise<void> {
  await redis
    .multi()
    .del(prefix + clientKey(client))
    .zrem(prefix + CLIENTS_KEY, client)
    .exec();
}

export interface RegisteredClient {
  client: string;
  documents: Map<string, string>;
}

export async function loadRegisteredClients(redis: Redis, prefix: string): Promise<RegisteredClient[]> {
  const clients = await redis.zrange(prefix + CLIENTS_KEY, '0', '-1');
  const registered: RegisteredClient[] = [];
  for (const client of clients) {
    const hashes = JSON.parse((await redis.get(prefix + clientKey(client))) ?? '[]') as string[];
    const texts = hashes.length ? await redis.mget(hashes.map((hash) => prefix + documentKey(hash))) : [];
    const documents = new Map<string, string>();
    hashes.forEach((hash, index) => {
      const text = texts[index];
      if (text) documents.set(hash, text);
    });
    registered.push({ client, documents });
  }
  return registered;
}
