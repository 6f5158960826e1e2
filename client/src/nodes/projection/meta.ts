import type { KindMeta } from '../kind';

export const projectionMeta: KindMeta<'projection'> = {
  blurb:
    'A read model per aggregate, folded from an event store or a topic by a CEL reducer, eventually consistent; consumers read it by a query edge',
  colour: { light: '#0284c7', dark: '#38bdf8' },
  // lucide Table (ISC licence)
  iconPath:
    'M12 3v18' +
    'M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z' +
    'M3 9h18' +
    'M3 15h18',
  size: { width: 208, height: 140 },
  // Its only out-edges are queries: consumers reading a row (decision 0029).
  ports: { inputs: true, outputs: true },
  detail: (c) =>
    `lag ${c.lagMs} ms${c.snapshotEvery > 0 ? ` · snapshot every ${c.snapshotEvery}` : ''}${c.joinsAtMs > 0 ? ` · joins at ${c.joinsAtMs} ms` : ''}`,
  firable: false,
  subscriber: false,
  gate: false,
};
