import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';

/**
 * The keys that sign access tokens. The first key signs; every key stays published in the JWKS so
 * tokens signed before a rotation verify until they expire (rotate by prepending a new key and
 * dropping the old one after the access-token lifetime).
 */
export interface SigningKeys {
  current: { kid: string; alg: string; key: CryptoKey };
  publicJwks: JSONWebKeySet;
}

export async function signingKeysFromJwks(privateJwks: JWK[]): Promise<SigningKeys> {
  const [first] = privateJwks;
  if (!first) throw new Error('JWT_PRIVATE_JWKS must hold at least one private key');
  const publicKeys = privateJwks.map((jwk) => {
    if (!jwk.kid || !jwk.alg) throw new Error('every key in JWT_PRIVATE_JWKS needs "kid" and "alg"');
    // Strip private members: only public parts are ever published.
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return { ...publicJwk, use: 'sig' };
  });
  const key = (await importJWK(first, first.alg)) as CryptoKey;
  return { current: { kid: first.kid!, alg: first.alg!, key }, publicJwks: { keys: publicKeys } };
}

export async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'EdDSA', kid: `ed25519-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}` };
}

/**
 * Embedded mode only: a key pair generated on first start and kept (owner-readable) in the data
 * folder, so tokens survive restarts. Production supplies keys through configuration instead.
 */
export async function loadOrCreateKeyFile(path: string): Promise<SigningKeys> {
  try {
    const stored = JSON.parse(await readFile(path, 'utf8')) as { keys: JWK[] };
    return await signingKeysFromJwks(stored.keys);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const jwk = await generatePrivateJwk();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
  await chmod(path, 0o600);
  return signingKeysFromJwks([jwk]);
}
