import type { NodeProps, NodeTypes } from '@xyflow/react';
import type { ConfigOf, NodeKind, NodeOf } from '@eventflow/shared';
import { Cpu, Funnel, Layers, Radio, type LucideIcon } from 'lucide-react';
import { memo, type ComponentType } from 'react';
import type { CanvasNodeOf } from '../model/types';
import { ConsumerInspector } from './consumer/ConsumerInspector';
import { ConsumerNode } from './consumer/ConsumerNode';
import { FilterInspector } from './filter/FilterInspector';
import { FilterNode } from './filter/FilterNode';
import { defaultConfig, kindMeta } from '../model/kind-meta';
import { ProducerInspector } from './producer/ProducerInspector';
import { ProducerNode } from './producer/ProducerNode';
import { TopicInspector } from './topic/TopicInspector';
import { TopicNode } from './topic/TopicNode';

export interface NodeView<K extends NodeKind> {
  title: string;
  blurb: string;
  icon: LucideIcon;
  defaults: () => ConfigOf<K>;
  Body: ComponentType<NodeProps<CanvasNodeOf<K>>>;
  Inspector: ComponentType<{ node: NodeOf<K> }>;
}

const view = <K extends NodeKind>(
  kind: K,
  icon: LucideIcon,
  Body: NodeView<K>['Body'],
  Inspector: NodeView<K>['Inspector'],
): NodeView<K> => ({
  ...kindMeta[kind],
  icon,
  defaults: () => defaultConfig(kind),
  Body,
  Inspector,
});

/** Every kind's view; the mapped type makes a missing kind a compile error. */
export const nodeViews: { [K in NodeKind]: NodeView<K> } = {
  producer: view('producer', Radio, ProducerNode, ProducerInspector),
  topic: view('topic', Layers, TopicNode, TopicInspector),
  filter: view('filter', Funnel, FilterNode, FilterInspector),
  consumer: view('consumer', Cpu, ConsumerNode, ConsumerInspector),
};

// React Flow needs one stable object, built once at module scope.
export const rfNodeTypes = Object.fromEntries(
  Object.entries(nodeViews).map(([k, v]) => [k, memo(v.Body)]),
) as NodeTypes;
