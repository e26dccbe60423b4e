import { ConfigError, loadConfig, type SubgraphConfig } from '@fed/service-kit';
import { z } from 'zod';
import { parseCredentialsKeys } from './carriers/credentials.ts';

/** Variables only the shipping subgraph reads. */
export const shippingEnv = {
  /**
   * Base64 of 32 random bytes: the AES-256-GCM key that encrypts carrier API credentials at rest.
   * Several keys may be given comma-separated: the first encrypts, all decrypt (rotate by
   * prepending a new key). Required in production; generated into DATA_DIR otherwise.
   */
  CARRIER_CREDENTIALS_KEY: z.string().optional(),
};

export interface ShippingConfig {
  /** Null: use (or create) the key file in DATA_DIR. */
  credentialsKeys: Buffer[] | null;
}

export function loadShippingConfig(common: SubgraphConfig, source: Record<string, string | undefined>): ShippingConfig {
  // Validated here rather than by zod: a zod failure would echo the (secret) value in its message.
  const own = loadConfig(shippingEnv, source);
  if (!own.CARRIER_CREDENTIALS_KEY) {
    if (common.production) {
      throw new ConfigError(['CARRIER_CREDENTIALS_KEY: required in production (carrier credentials must be readable by every replica)']);
    }
    return { credentialsKeys: null };
  }
  const keys = parseCredentialsKeys(own.CARRIER_CREDENTIALS_KEY);
  if (!keys) throw new ConfigError(['CARRIER_CREDENTIALS_KEY: must be base64 of 32 bytes (several keys comma-separated)']);
  return { credentialsKeys: keys };
}
