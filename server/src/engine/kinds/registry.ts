import type { NodeKind } from '@eventflow/shared';
import { consumer } from './consumer/index.js';
import { eventStore } from './event-store/index.js';
import { filter } from './filter/index.js';
import type { EngineKind } from './kind.js';
import { producer } from './producer/index.js';
import { projection } from './projection/index.js';
import { router } from './router/index.js';
import { topic } from './topic/index.js';
import { webhook } from './webhook/index.js';

/** The engine half of every kind, one line each; the mapped type makes a missing kind a compile error. */
export const engineKinds: { [K in NodeKind]: EngineKind<K> } = {
  producer,
  topic,
  filter,
  router,
  consumer,
  webhook,
  'event-store': eventStore,
  projection,
};

/** The entry of one kind, typed by its literal (indexing the mapped type with a union would widen it). */
export const engineKind = <K extends NodeKind>(kind: K): EngineKind<K> => engineKinds[kind];
