import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSubgraphConfig } from '@fed/service-kit';
import { describe, expect, it } from 'vitest';
import { loadShippingConfig } from '../config.ts';
import { CredentialsCipher, CredentialsError, loadOrCreateKeyFile, parseCredentialsKeys } from './credentials.ts';

const SECRET = 'user=acme-shipping;apiKey=sk_live_5f2d9a71c0e34b8b';
const binding = { tenantId: '00000010-0000-4000-8000-000000000001', carrierId: '00000052-0000-4000-8000-000000000001' };

describe('carrier credentials encryption', () => {
  it('round-trips through an envelope that carries no trace of the plaintext', () => {
    const cipher = new CredentialsCipher([randomBytes(32)]);
    const envelope = cipher.encrypt(SECRET, binding);
    expect(envelope).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(envelope).not.toContain('sk_live');
    expect(cipher.decrypt(envelope, binding)).toBe(SECRET);
    // A fresh IV every time: equal secrets do not give equal ciphertexts.
    expect(cipher.encrypt(SECRET, binding)).not.toBe(envelope);
  });

  it('refuses a ciphertext that was altered or moved to another carrier, without revealing anything', () => {
    const cipher = new CredentialsCipher([randomBytes(32)]);
    const envelope = cipher.encrypt(SECRET, binding);
    const parts = envelope.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), flipped.toString('base64url')].join('.');
    expect(() => cipher.decrypt(tampered, binding)).toThrow(CredentialsError);
    expect(() => cipher.decrypt(envelope, { ...binding, carrierId: '00000052-0000-4000-8000-000000000002' })).toThrow(
      'altered or belong to another carrier',
    );
  });

  it('decrypts with an older key after a rotation, and names only the missing key id', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new CredentialsCipher([oldKey]).encrypt(SECRET, binding);
    const rotated = new CredentialsCipher([newKey, oldKey]);
    expect(rotated.decrypt(before, binding)).toBe(SECRET);
    expect(rotated.encrypt(SECRET, binding).split('.')[1]).not.toBe(before.split('.')[1]);
    expect(() => new CredentialsCipher([newKey]).decrypt(before, binding)).toThrow(
      /the key [0-9a-f]{8} that encrypted them is not configured/,
    );
  });

  it('generates an owner-only key file on first start and reuses it after', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'shipping-key-'));
    try {
      const path = join(folder, 'shipping', 'carrier-credentials.key');
      const [first] = await loadOrCreateKeyFile(path);
      const [again] = await loadOrCreateKeyFile(path);
      expect(first!.length).toBe(32);
      expect(again!.equals(first!)).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(parseCredentialsKeys((await readFile(path, 'utf8')).trim())).toHaveLength(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('shipping configuration', () => {
  const common = (env: Record<string, string>) => loadSubgraphConfig('shipping', env);

  it('requires CARRIER_CREDENTIALS_KEY in production and uses the key file otherwise', () => {
    expect(() => loadShippingConfig(common({ NODE_ENV: 'production' }), { NODE_ENV: 'production' })).toThrow(
      /CARRIER_CREDENTIALS_KEY: required in production/,
    );
    expect(loadShippingConfig(common({}), {})).toEqual({ credentialsKeys: null });
  });

  it('accepts comma-separated keys and rejects a malformed one without echoing it', () => {
    const keys = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    expect(loadShippingConfig(common({}), { CARRIER_CREDENTIALS_KEY: keys.join(',') }).credentialsKeys).toHaveLength(2);
    const malformed = 'c2hvcnQta2V5LXRoYXQtaXMtc2VjcmV0';
    let error: unknown;
    try {
      loadShippingConfig(common({}), { CARRIER_CREDENTIALS_KEY: malformed });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('CARRIER_CREDENTIALS_KEY: must be base64 of 32 bytes');
    expect((error as Error).message).not.toContain(malformed);
  });
});
