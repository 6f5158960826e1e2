import type { KindMeta } from '../kind';

export const routerMeta: KindMeta<'router'> = {
  blurb: 'Sends each event to topics by ordered rules: key patterns (order.*.eu, order.#) or CEL conditions',
  colour: { light: '#0d9488', dark: '#2dd4bf' },
  // lucide Split (ISC licence)
  iconPath: 'M16 3h5v5M8 3H3v5M12 22v-8.3a4 4 0 0 0-1.172-2.872L3 3M15 9l6-6',
  size: { width: 224, height: 156 },
  // Its outputs are its rules' own handles (`routeHandles`), drawn by the node, not a plain one.
  ports: { inputs: true, outputs: false },
  detail: (c) => `${c.rules.length} ${c.rules.length === 1 ? 'rule' : 'rules'}, ${c.mode}`,
  firable: false,
  subscriber: false,
  gate: true,
};
