import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Carrier API credentials at rest: AES-256-GCM with a random 96-bit IV per value and the carrier's
 * tenant and id as additional authenticated data, so a ciphertext copied onto another carrier row
 * does not decrypt. Stored as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id
 * (first 8 hex digits of the key's SHA-256) picks the decryption key after a rotation.
 *
 * Nothing here ever puts a plaintext or a key into an error message.
 */
export class CredentialsCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly Buffer[]) {
    if (keys.length === 0 || keys.some((key) => key.length !== 32)) throw new Error('Carrier credentials keys must be 32 bytes each');
    this.byId = new Map(keys.map((key) => [keyIdOf(key), key]));
  }

  encrypt(plaintext: string, binding: CredentialsBinding): string {
    const key = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aadOf(binding));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', keyIdOf(key), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(
      '.',
    );
  }

  decrypt(envelope: string, binding: CredentialsBinding): string {
    const [version, keyId, iv, tag, ciphertext, ...rest] = envelope.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined || rest.length > 0) {
      throw new CredentialsError('the stored credentials are not a v1 envelope');
    }
    const key = this.byId.get(keyId);
    if (!key) throw new CredentialsError(`the key ${keyId} that encrypted them is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aadOf(binding));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new CredentialsError('they were altered or belong to another carrier');
    }
  }
}

/** Which row a ciphertext belongs to. */
export interface CredentialsBinding {
  tenantId: string;
  carrierId: string;
}

export class CredentialsError extends Error {
  constructor(reason: string) {
    super(`Carrier credentials cannot be decrypted: ${reason}`);
    this.name = 'CredentialsError';
  }
}

const aadOf = (binding: CredentialsBinding) => Buffer.from(`carrier:${binding.tenantId}:${binding.carrierId}`, 'utf8');
const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** `CARRIER_CREDENTIALS_KEY`: comma-separated base64 keys of 32 bytes; null when any is malformed. */
export function parseCredentialsKeys(value: string): Buffer[] | null {
  const keys = value.split(',').map((part) => part.trim());
  if (keys.some((key) => !/^[A-Za-z0-9+/]{43}=$/.test(key))) return null;
  return keys.map((key) => Buffer.from(key, 'base64'));
}

/**
 * Embedded and development mode only: a key generated on first start and kept (owner-readable) in
 * the data folder, so stored credentials stay readable across restarts. Production configures it.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer[]> {
  try {
    const keys = parseCredentialsKeys((await readFile(path, 'utf8')).trim());
    if (!keys) throw new Error(`${path} does not hold a base64 key of 32 bytes`);
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return [key];
}
