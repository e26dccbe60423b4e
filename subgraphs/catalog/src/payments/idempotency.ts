import { createHash } from 'node:crypto';

/** What an idempotency key is bound to: the same key with another request is refused. */
export interface CaptureRequest {
  orderId: string;
  /** Exactly two decimals, e.g. "12.50". */
  amount: string;
  currency: string;
  method: string;
  externalTransactionId: string;
}

export function captureRequestHash(request: CaptureRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.orderId, request.amount, request.currency, request.method, request.externalTransactionId]))
    .digest('hex');
}
