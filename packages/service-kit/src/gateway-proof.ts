import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Proof that a subgraph request comes from the gateway: `x-gateway-proof: t=<unix ms>,v1=<hex>`,
 * where the hex is HMAC-SHA256 under the shared secret `GATEWAY_SUBGRAPH_SECRET` of
 * `<t>.<request body>`. Bound to the body and to the time (a captured proof is good for one body and
 * for `GATEWAY_PROOF_MAX_AGE_MS` only). Several comma-separated secrets rotate the secret like the
 * signing keys: the gateway signs with the first, a subgraph accepts any, so a new secret is put
 * first everywhere, then the old one dropped once every gateway signs with the new one.
 */
export const GATEWAY_PROOF_HEADER = 'x-gateway-proof';
export const GATEWAY_PROOF_MAX_AGE_MS = 60_000;

/** The comma-separated secrets of `GATEWAY_SUBGRAPH_SECRET`, first the one that signs. */
export function gatewaySecrets(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
}

function mac(secret: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header value the gateway sends with `body`. */
export function signGatewayRequest(secret: string, body: string, now: number = Date.now()): string {
  const timestamp = String(now);
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

/** True when `header` proves, under one of `secrets`, that the gateway sent `body` within the allowed age. */
export function verifyGatewayProof(
  secrets: readonly string[],
  header: string | string[] | undefined,
  body: string,
  now: number = Date.now(),
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^t=(\d{1,16}),v1=([0-9a-f]{64})$/.exec(value) : null;
  if (!match) return false;
  const [, timestamp = '', hex = ''] = match;
  if (Math.abs(now - Number(timestamp)) > GATEWAY_PROOF_MAX_AGE_MS) return false;
  const given = Buffer.from(hex, 'hex');
  return secrets.some((secret) => timingSafeEqual(mac(secret, timestamp, body), given));
}
