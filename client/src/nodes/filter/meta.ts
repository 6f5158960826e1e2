import type { KindMeta } from '../kind';

export const filterMeta: KindMeta<'filter'> = {
  blurb: 'Lets an event pass when its CEL expression is true',
  colour: { light: '#d97706', dark: '#f59e0b' },
  // lucide Funnel (ISC licence)
  iconPath:
    'M10 20a1 1 0 0 0 .553.895l2 1A1 1 0 0 0 14 21v-7a2 2 0 0 1 .517-1.341L21.74 4.67A1 1 0 0 0 21 3H3' +
    'a1 1 0 0 0-.742 1.67l7.225 7.989A2 2 0 0 1 10 14z',
  size: { width: 208, height: 140 },
  ports: { inputs: true, outputs: true },
  detail: (c) => c.expression || '—',
  firable: false,
  subscriber: false,
  gate: true,
};
