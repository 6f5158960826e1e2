import { Layers } from 'lucide-react';
import type { KindView } from '../registry';
import { TopicInspector } from './TopicInspector';
import { TopicNode } from './TopicNode';
import './topic.css';

export const topicView: KindView<'topic'> = { icon: Layers, Body: TopicNode, Inspector: TopicInspector };
