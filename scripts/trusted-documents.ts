/**
 * `npm run trusted-documents -- <command>`: the registry of the documents each client ships, in the
 * gateway's shared store (Redis at REDIS_URL, keys under REDIS_KEY_PREFIX like the gateway's), so
 * every replica trusts the same documents (TRUSTED_DOCUMENTS=log|enforce).
 *   register --client <name> --version <version> --manifest <file>   a client build's manifest
 *       (the client preset's persisted-documents.json, or @fed/sdk's dist/persisted-documents.json)
 *   unregister --client <name> --version <version>   a retired client build (its documents stay
 *       trusted while another registered build ships them; schema:check no longer guards it)
 *   list      registered clients and how many documents each
 *   unknown   the newest documents served under TRUSTED_DOCUMENTS=log that no client registered
 * The client name and version are what the client sends as apollographql-client-name / -version.
 */
import { Redis } from 'ioredis';
import { loadRegisteredClients, registerManifest, unregisterClient, UNKNOWN_KEY } from '../gateway/src/trusted-registry.ts';
import { readManifest } from '../gateway/src/trusted-documents.ts';

const [command, ...rest] = process.argv.slice(2);
const option = (name: string): string => {
  const index = rest.indexOf(`--${name}`);
  const value = index >= 0 ? rest[index + 1] : undefined;
  if (!value || value.startsWith('--'))
    throw new Error(
      `--${name}: required (${command} --client <name> --version <version>${command === 'register' ? ' --manifest <file>' : ''})`,
    );
  return value;
};

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error('REDIS_URL: required; trusted documents are registered in the store every gateway replica reads');
  process.exit(2);
}
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
const prefix = process.env.REDIS_KEY_PREFIX ?? 'fed:gateway:';
try {
  await redis.connect();
  switch (command) {
    case 'register': {
      const client = `${option('client')}@${option('version')}`;
      const documents = readManifest(option('manifest'));
      await registerManifest(redis, prefix, client, documents);
      console.log(`registered ${documents.size} documents for ${client}`);
      break;
    }
    case 'unregister': {
      const client = `${option('client')}@${option('version')}`;
      await unregisterClient(redis, prefix, client);
      console.log(`unregistered ${client}`);
      break;
    }
    case 'list':
      for (const { client, documents } of await loadRegisteredClients(redis, prefix)) console.log(`${client}\t${documents.size} documents`);
      break;
    case 'unknown':
      for (const entry of await redis.zrevrange(prefix + UNKNOWN_KEY, 0, 99)) console.log(entry.replace(' ', '\t'));
      break;
    default:
      console.error(
        'usage: npm run trusted-documents -- register|unregister|list|unknown [--client <name> --version <version> --manifest <file>]',
      );
      process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  redis.disconnect();
}
