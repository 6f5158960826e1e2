/**
 * The one list of node kinds, in palette order. Every registry (shared, engine, client) is a mapped type over
 * it, so adding a name here makes the compiler list each place the new kind is still missing.
 */
export const NODE_KINDS = [
  'producer',
  'topic',
  'filter',
  'router',
  'consumer',
  'webhook',
  'event-store',
  'projection',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
