import type { KindMeta } from '../kind';

export const webhookMeta: KindMeta<'webhook'> = {
  blurb: 'POSTs each event of a topic to an HTTP endpoint, with timeout, retries and backoff',
  colour: { light: '#c026d3', dark: '#e879f9' },
  // lucide Webhook (ISC licence)
  iconPath:
    'M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2' +
    'M6 17l3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06' +
    'M12 6l3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8',
  size: { width: 208, height: 140 },
  ports: { inputs: true, outputs: true },
  detail: (c) => `${c.url} · ${c.maxAttempts} attempts`,
  firable: false,
  subscriber: true,
  gate: false,
  latencyHint: 'First attempt → outcome (2xx, given up or dead-lettered), retries and backoff included',
};
