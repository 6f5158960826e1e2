import { WEBHOOK_STATUS, type ConsumerConfig, type WebhookConfig } from '@eventflow/shared';
import type { Ctx } from '../../ctx.js';
import type { Delivery, RtEndpoint } from '../../model.js';
import { sampleMs } from '../consumer/duration.js';

/**
 * A webhook runs on the consumer machinery (a group of its own, instances owning partitions, blocking
 * retries with backoff, the dead-letter edge); this is the consumer config that machinery reads.
 */
export function asConsumerConfig(c: WebhookConfig): ConsumerConfig {
  return {
    instances: c.concurrency,
    processingMs: c.latencyMs,
    failureRate: 0,
    ackLossRate: 0,
    delivery: 'at-least-once',
    maxAttempts: c.maxAttempts,
    backoffMs: c.backoffMs,
    // Blocking keeps per-key order, as a webhook receiver expects of a partitioned topic.
    retry: 'blocking',
    emits: [],
  };
}

export function endpointOf(c: WebhookConfig): RtEndpoint {
  const m = c.statusMix;
  return {
    latencyMs: c.latencyMs,
    timeoutMs: c.timeoutMs,
    // Cumulative weights: ok, client error, server error; the rest is a timeout.
    cumulative: [m.ok, m.ok + m.clientError, m.ok + m.clientError + m.serverError],
    total: m.ok + m.clientError + m.serverError + m.timeout,
    ...(c.endpoint === 'real' ? { url: c.url } : {}),
  };
}

/**
 * Draws one attempt's answer from the seeded PRNG (the outcome first, then the response time) and returns
 * when it arrives: a drawn timeout, or a response slower than the timeout, ends the attempt at `timeoutMs`
 * with no status (`d.status` 0).
 */
export function drawResponse(s: Ctx, e: RtEndpoint, d: Delivery): number {
  const x = s.rng.float() * e.total;
  const [ok, client, server] = e.cumulative;
  const status =
    x < ok!
      ? WEBHOOK_STATUS.ok
      : x < client!
        ? WEBHOOK_STATUS.clientError
        : x < server!
          ? WEBHOOK_STATUS.serverError
          : 0;
  const ms = sampleMs(s, e.latencyMs);
  if (status === 0 || ms > e.timeoutMs) {
    d.status = 0;
    return e.timeoutMs;
  }
  d.status = status;
  return ms;
}
