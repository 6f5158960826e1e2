import { z } from 'zod';
import { Backoff, Duration, kindNode } from '../../flow/primitives.js';
import type { SharedKind } from '../kind.js';

const Weight = z.number().finite().min(0, 'must be ≥ 0').max(1_000_000);

/**
 * How the modelled endpoint answers, as relative weights drawn from the run's seeded PRNG per attempt:
 * `ok` is HTTP 200, `clientError` 400, `serverError` 503, `timeout` no answer within `timeoutMs`.
 */
export const StatusMix = z
  .strictObject({
    ok: Weight.default(90),
    clientError: Weight.default(2),
    serverError: Weight.default(6),
    timeout: Weight.default(2),
  })
  .refine((m) => m.ok + m.clientError + m.serverError + m.timeout > 0, {
    message: 'at least one weight must be > 0',
  });
export type StatusMix = z.infer<typeof StatusMix>;

/** The status code each outcome of the mix answers with (a timeout has none). */
export const WEBHOOK_STATUS = { ok: 200, clientError: 400, serverError: 503 } as const;

export const WebhookConfig = z.strictObject({
  /** Where events are POSTed; in a simulated run only shown, the endpoint is modelled by the fields below. */
  url: z.string().min(1, 'must not be empty').max(2048).default('https://example.com/hooks/events'),
  /**
   * `modelled`: answered by the fields below, drawn from the seed. `real`: a live run POSTs each attempt to
   * `url` (only if the server's allow-list admits it) and the real status (or a timeout) decides the outcome.
   */
  endpoint: z.enum(['modelled', 'real']).default('modelled'),
  /** Response time of the modelled endpoint, in simulated ms. */
  latencyMs: Duration.default(40),
  /** An attempt with no response after this many simulated ms is a timeout (and is retried). */
  timeoutMs: z.number().finite().positive('must be > 0').max(600_000).default(1000),
  statusMix: StatusMix.prefault({}),
  /** Concurrent requests in flight (instances of its group); more than the topic's partitions idle. */
  concurrency: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(64).default(1),
  maxAttempts: z.number().int('must be an integer').min(1, 'must be an integer ≥ 1').max(100).default(5),
  backoffMs: Backoff.default({ initial: 100, multiplier: 2, max: 10_000 }),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

export const webhook = {
  kind: 'webhook',
  title: 'Webhook',
  config: WebhookConfig,
  node: kindNode('webhook', WebhookConfig.prefault({})),
  starter: {},
  connects: {
    to: [],
    whyNot: {
      topic: 'a webhook only delivers: to publish what it got, use a consumer that emits',
    },
    deadLetterTo: ['topic'],
  },
  expressions: () => [],
} satisfies SharedKind<'webhook'>;
