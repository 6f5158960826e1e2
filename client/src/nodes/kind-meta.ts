import type { ConfigOf, NodeKind } from '@eventflow/shared';
import type { CanvasNode } from '../model/types';
import { consumerMeta } from './consumer/meta';
import { eventStoreMeta } from './event-store/meta';
import { filterMeta } from './filter/meta';
import type { KindMeta } from './kind';
import { producerMeta } from './producer/meta';
import { projectionMeta } from './projection/meta';
import { routerMeta } from './router/meta';
import { topicMeta } from './topic/meta';
import { webhookMeta } from './webhook/meta';

/**
 * Every kind's plain client data, one line each; the mapped type makes a missing kind a compile error. It
 * holds no React, so geometry and export code import it without pulling in the node components.
 */
export const kindMeta: { [K in NodeKind]: KindMeta<K> } = {
  producer: producerMeta,
  topic: topicMeta,
  filter: filterMeta,
  router: routerMeta,
  consumer: consumerMeta,
  webhook: webhookMeta,
  'event-store': eventStoreMeta,
  projection: projectionMeta,
};

// Generic in K so `kindMeta[kind]` and `config` stay correlated (indexing with the union would widen them).
const detail = <K extends NodeKind>(kind: K, config: ConfigOf<K>) => kindMeta[kind].detail(config);
const created = <K extends NodeKind>(kind: K, config: ConfigOf<K>) => kindMeta[kind].creates?.(config);

/** The one-line config summary of a canvas node, through its kind. */
export const detailOf = (n: CanvasNode): string => detail(n.type, n.data.config);

/** The event type a canvas node creates (producers: their type; consumers: their first emit), if any. */
export const createdTypeOf = (n: CanvasNode): string | undefined => created(n.type, n.data.config);
