import { formatDuration } from '../../model/format';
import type { KindMeta } from '../kind';

export const topicMeta: KindMeta<'topic'> = {
  blurb: 'A partitioned log that consumer groups subscribe to',
  colour: { light: '#7c3aed', dark: '#a78bfa' },
  // lucide Layers (ISC licence)
  iconPath:
    'M12.83 2.18a2 2 0 0 0-1.66 0L2.6 6.08a1 1 0 0 0 0 1.83l8.58 3.91a2 2 0 0 0 1.66 0l8.58-3.9a1 1 0 0 0 0-1.83z' +
    'M2 12a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 12' +
    'M2 17a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 17',
  size: { width: 208, height: 140 },
  ports: { inputs: true, outputs: true },
  detail: (c) => `${c.partitions} partition${c.partitions === 1 ? '' : 's'} · ${formatDuration(c.latencyMs)}`,
  lags: true,
  firable: false,
  subscriber: false,
  gate: false,
  latencyHint: 'Time an event waits in the topic: published → fetched by a group',
};
