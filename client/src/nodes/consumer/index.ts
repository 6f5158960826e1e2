import { Cpu } from 'lucide-react';
import type { KindView } from '../registry';
import { ConsumerInspector } from './ConsumerInspector';
import { ConsumerNode } from './ConsumerNode';
import './consumer.css';

export const consumerView: KindView<'consumer'> = {
  icon: Cpu,
  Body: ConsumerNode,
  Inspector: ConsumerInspector,
};
