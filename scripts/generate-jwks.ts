/**
 * `npm run keys:generate`: prints a new Ed25519 signing key as JWT_PRIVATE_JWKS for production.
 * To rotate, put the new key first and keep the old one until every token it signed has expired.
 * The output is a secret: store it in your secret manager, never in the repository.
 */
import { generatePrivateJwk } from '../subgraphs/users/src/sessions/keys.ts';

console.log(JSON.stringify({ keys: [await generatePrivateJwk()] }));
