import { consumer } from './consumer/index.js';
import { eventStore } from './event-store/index.js';
import { filter } from './filter/index.js';
import type { SharedKind } from './kind.js';
import { NODE_KINDS, type NodeKind } from './names.js';
import { producer } from './producer/index.js';
import { projection } from './projection/index.js';
import { router } from './router/index.js';
import { topic } from './topic/index.js';
import { webhook } from './webhook/index.js';

/**
 * The shared half of every kind, one line each. `satisfies` keeps each entry's precise zod types (the flow
 * schema is inferred from them) while the mapped type refuses a missing or an unknown kind.
 */
export const sharedKinds = {
  producer,
  topic,
  filter,
  router,
  consumer,
  webhook,
  'event-store': eventStore,
  projection,
} satisfies {
  [K in NodeKind]: SharedKind<K>;
};

type Kinds = typeof sharedKinds;

/** Config schemas by kind, for live config updates and generated inspector forms. */
export const configSchemas = Object.fromEntries(NODE_KINDS.map((k) => [k, sharedKinds[k].config])) as {
  [K in NodeKind]: Kinds[K]['config'];
};

/** Every kind's node schema, in `NODE_KINDS` order: the members of the flow's node union. */
export const nodeSchemas = NODE_KINDS.map((k) => sharedKinds[k].node) as [
  Kinds[NodeKind]['node'],
  ...Kinds[NodeKind]['node'][],
];

export const isNodeKind = (x: unknown): x is NodeKind => (NODE_KINDS as readonly unknown[]).includes(x);
