import { Webhook } from 'lucide-react';
import type { KindView } from '../registry';
import { WebhookInspector } from './WebhookInspector';
import { WebhookNode } from './WebhookNode';
import './webhook.css';

export const webhookView: KindView<'webhook'> = {
  icon: Webhook,
  Body: WebhookNode,
  Inspector: WebhookInspector,
};
