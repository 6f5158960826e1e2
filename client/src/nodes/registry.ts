import type { NodeProps, NodeTypes } from '@xyflow/react';
import { sharedKinds, type NodeKind, type NodeOf } from '@eventflow/shared';
import type { LucideIcon } from 'lucide-react';
import { memo, type ComponentType } from 'react';
import type { CanvasNodeOf } from '../model/types';
import { consumerView } from './consumer';
import { eventStoreView } from './event-store';
import { filterView } from './filter';
import type { KindMeta } from './kind';
import { kindMeta } from './kind-meta';
import { producerView } from './producer';
import { projectionView } from './projection';
import { routerView } from './router';
import { topicView } from './topic';
import { webhookView } from './webhook';

/** The React half of one kind, in `nodes/<kind>/index.ts`. */
export interface KindView<K extends NodeKind> {
  icon: LucideIcon;
  /** Drawn inside React Flow; the body reads live figures itself (badges) through NodeShell. */
  Body: ComponentType<NodeProps<CanvasNodeOf<K>>>;
  /** Drawn in the inspector panel when a node of this kind is selected. */
  Inspector: ComponentType<{ node: NodeOf<K> }>;
}

/** Everything the client knows about a kind: shared title, plain meta and the views. */
export type ClientKind<K extends NodeKind> = KindMeta<K> & KindView<K> & { title: string };

const views: { [K in NodeKind]: KindView<K> } = {
  producer: producerView,
  topic: topicView,
  filter: filterView,
  router: routerView,
  consumer: consumerView,
  webhook: webhookView,
  'event-store': eventStoreView,
  projection: projectionView,
};

const clientKind = <K extends NodeKind>(kind: K): ClientKind<K> => ({
  title: sharedKinds[kind].title,
  ...kindMeta[kind],
  ...views[kind],
});

/** Every kind's client entry; the mapped types above make a missing kind a compile error. */
export const nodeViews: { [K in NodeKind]: ClientKind<K> } = {
  producer: clientKind('producer'),
  topic: clientKind('topic'),
  filter: clientKind('filter'),
  router: clientKind('router'),
  consumer: clientKind('consumer'),
  webhook: clientKind('webhook'),
  'event-store': clientKind('event-store'),
  projection: clientKind('projection'),
};

// React Flow needs one stable object, built once at module scope.
export const rfNodeTypes = Object.fromEntries(
  Object.entries(nodeViews).map(([k, v]) => [k, memo(v.Body)]),
) as NodeTypes;
