import { Radio } from 'lucide-react';
import type { KindView } from '../registry';
import { ProducerInspector } from './ProducerInspector';
import { ProducerNode } from './ProducerNode';
import './producer.css';

export const producerView: KindView<'producer'> = {
  icon: Radio,
  Body: ProducerNode,
  Inspector: ProducerInspector,
};
