import { Database } from 'lucide-react';
import type { KindView } from '../registry';
import { EventStoreInspector } from './EventStoreInspector';
import { EventStoreNode } from './EventStoreNode';
import './event-store.css';

export const eventStoreView: KindView<'event-store'> = {
  icon: Database,
  Body: EventStoreNode,
  Inspector: EventStoreInspector,
};
