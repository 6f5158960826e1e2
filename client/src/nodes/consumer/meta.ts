import type { KindMeta } from '../kind';

export const consumerMeta: KindMeta<'consumer'> = {
  blurb: 'A group of instances that process, retry and ack events',
  colour: { light: '#2563eb', dark: '#60a5fa' },
  // lucide Cpu (ISC licence)
  iconPath:
    'M12 20v2M12 2v2M17 20v2M17 2v2M2 12h2M2 17h2M2 7h2M20 12h2M20 17h2M20 7h2M7 20v2M7 2v2' +
    'M6 4h12a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z' +
    'M9 8h6a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z',
  size: { width: 208, height: 140 },
  ports: { inputs: true, outputs: true },
  detail: (c) => `${c.instances} × ${c.delivery}`,
  creates: (c) => c.emits?.[0]?.eventType,
  firable: false,
  subscriber: true,
  gate: false,
  latencyHint: 'First delivery → outcome (acked, dropped or dead-lettered), retries and backoff included',
};
