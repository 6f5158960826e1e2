import type { Hop } from '@eventflow/shared';

const sub = { node: 'charger', group: 'charger', instance: 0, partition: 0, offset: 0 } as const;

/**
 * e1 from the retries-dead-letter example (CLI trace, seed 18): failed twice, acked on attempt 3,
 * then a chained child e2 emitted by the charger and delivered to the ledger.
 */
export const RETRIED_THEN_ACKED: Hop[] = [
  { seq: 1, t: 0, type: 'produced', event: 'e1', trace: 'a', node: 'billing' },
  { seq: 2, t: 0, type: 'published', event: 'e1', trace: 'a', node: 'charges', edge: 'e1', partition: 0, offset: 0 },
  { seq: 3, t: 1, type: 'delivered', event: 'e1', trace: 'a', ...sub, edge: 'e2', attempt: 1 },
  { seq: 4, t: 21, type: 'failed', event: 'e1', trace: 'a', ...sub, attempt: 1, reason: 'processing failed' },
  { seq: 5, t: 21, type: 'retry-scheduled', event: 'e1', trace: 'a', ...sub, attempt: 1 },
  { seq: 8, t: 121, type: 'delivered', event: 'e1', trace: 'a', ...sub, edge: 'e2', attempt: 2 },
  { seq: 9, t: 141, type: 'failed', event: 'e1', trace: 'a', ...sub, attempt: 2 },
  { seq: 10, t: 141, type: 'retry-scheduled', event: 'e1', trace: 'a', ...sub, attempt: 2 },
  { seq: 15, t: 341, type: 'delivered', event: 'e1', trace: 'a', ...sub, edge: 'e2', attempt: 3 },
  { seq: 16, t: 361, type: 'processed', event: 'e1', trace: 'a', ...sub, attempt: 3 },
  { seq: 17, t: 361, type: 'acked', event: 'e1', trace: 'a', ...sub, attempt: 3 },
  { seq: 18, t: 361, type: 'emitted', event: 'e2', trace: 'a', node: 'charger', parent: 'e1' },
  { seq: 19, t: 361, type: 'published', event: 'e2', trace: 'a', node: 'receipts', edge: 'e3', partition: 0, offset: 0 },
  { seq: 20, t: 362, type: 'delivered', event: 'e2', trace: 'a', node: 'ledger', group: 'ledger', edge: 'e4', instance: 0, partition: 0, offset: 0, attempt: 1 },
  { seq: 21, t: 367, type: 'acked', event: 'e2', trace: 'a', node: 'ledger', group: 'ledger', instance: 0, partition: 0, offset: 0, attempt: 1 },
];
