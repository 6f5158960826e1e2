import { isWebhookAllowed } from '@eventflow/shared';
import type { WebhookRequest } from '../engine/api.js';

/** What a POST came to: the HTTP status, or 0 when it timed out, failed to connect or was not allowed. */
export type WebhookAnswer = (requestId: number, status: number) => void;

/**
 * Performs a real webhook's attempts for the run loop: each request is POSTed as a structured-mode CloudEvent
 * with an AbortSignal timeout, and its answer is handed back to be applied to the engine. The allow-list is
 * checked again here, so a URL changed by `node:update` after the start cannot reach an address it did not name.
 */
export function createWebhookSender(allow: readonly string[], onAnswer: WebhookAnswer) {
  let open = true;
  const answer = (id: number, status: number) => {
    if (open) onAnswer(id, status);
  };
  return {
    send(req: WebhookRequest): void {
      if (!isWebhookAllowed(req.url, allow)) {
        queueMicrotask(() => answer(req.id, 0));
        return;
      }
      fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json' },
        body: JSON.stringify(req.body),
        signal: AbortSignal.timeout(req.timeoutMs),
        redirect: 'manual',
      }).then(
        async (res) => {
          await res.body?.cancel();
          answer(req.id, res.status);
        },
        () => answer(req.id, 0),
      );
    },
    /** A reset or ended run ignores the answers still on their way. */
    close(): void {
      open = false;
    },
  };
}
