import type { KindMeta } from '../kind';

export const eventStoreMeta: KindMeta<'event-store'> = {
  blurb: 'An append-only log of events per aggregate, with versions and optimistic concurrency',
  colour: { light: '#b45309', dark: '#f59e0b' },
  // lucide Database (ISC licence)
  iconPath: 'M3 5a9 3 0 1 0 18 0a9 3 0 1 0-18 0' + 'M3 5V19A9 3 0 0 0 21 19V5' + 'M3 12A9 3 0 0 0 21 12',
  size: { width: 208, height: 140 },
  ports: { inputs: true, outputs: true },
  detail: (c) => `by ${c.aggregateId}${c.expectedVersion ? ' · expects a version' : ''}`,
  firable: false,
  subscriber: false,
  gate: false,
};
