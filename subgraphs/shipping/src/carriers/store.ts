import type { Carrier } from '../generated/prisma/client.ts';
/** A carrier as the graph sees it: without the encrypted credentials. */
export type PublicCarrier = Omit<Carrier, 'apiCredentialsEncrypted'>;
