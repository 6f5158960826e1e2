import { z } from 'zod';
import { Duration, Probability } from './primitives.js';

/**
 * A service call: a consumer (the caller) asks another consumer (the callee, a service) synchronously while it
 * processes an event, and waits. The caller's instance stays busy until the answer, a failure or the timeout;
 * the callee answers with as many calls at once as it has instances, and queues the rest
 * ([decision 0025](../../../docs/decisions/0025-service-calls.md)).
 */
export const CallConfig = z.strictObject({
  /** The network's share of each call, both ways, in simulated ms; the callee's own processingMs adds to it. */
  latencyMs: Duration.default(5),
  /** The caller gives up waiting after this many simulated ms (queueing at the callee included). */
  timeoutMs: z.number().finite().positive('must be > 0').max(600_000).default(1000),
  /** Chance that an answered call fails (an error status or a broken connection), drawn per call. */
  failureRate: Probability.default(0),
});
export type CallConfig = z.infer<typeof CallConfig>;

/** The config of a call edge that names none: every default. */
export const defaultCall = (): CallConfig => CallConfig.parse({});
