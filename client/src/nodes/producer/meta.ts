import type { KindMeta } from '../kind';

export const producerMeta: KindMeta<'producer'> = {
  blurb: 'Publishes events at a rate, with a key and a payload',
  colour: { light: '#16a34a', dark: '#22c55e' },
  // lucide Radio (ISC licence)
  iconPath:
    'M16.247 7.761a6 6 0 0 1 0 8.478M19.075 4.933a10 10 0 0 1 0 14.134M4.925 19.067a10 10 0 0 1 0-14.134' +
    'M7.753 16.239a6 6 0 0 1 0-8.478M10 12a2 2 0 1 0 4 0a2 2 0 1 0-4 0',
  size: { width: 208, height: 140 },
  ports: { inputs: false, outputs: true },
  detail: (c) => `${c.eventType} · ${c.rate === 0 ? 'by hand' : `${c.rate}/s`}`,
  creates: (c) => c.eventType,
  firable: true,
  subscriber: false,
  gate: false,
};
