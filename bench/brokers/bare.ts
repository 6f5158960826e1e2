/**
 * What the bare client loops share: each publishes `count` copies of one body across two partitions and has two
 * consumers settle them, with the same shape the Eventflow run has on that broker (2 partitions, one group of 2
 * instances). Setup and cleanup are not timed; the figure is first publish → last ack.
 */
export interface BareLoopOptions {
  readonly url: string;
  /** Namespace for everything the loop creates (`eventflow-bench.<random>`); all of it is removed afterwards. */
  readonly namespace: string;
  readonly count: number;
  readonly body: Uint8Array;
}

export type BareLoop = (options: BareLoopOptions) => Promise<{ ms: number }>;

export const PARTITIONS = 2;
export const CONSUMERS = 2;
/** Deliveries a consumer takes at once: the batch the Redis and NATS transports read, on every bare loop alike. */
export const BATCH = 16;
/** Publications in flight at most: the bound Eventflow's producer keeps too. */
const WINDOW = 1000;
/** A loop that has not settled everything by then has lost messages: it fails instead of hanging the bench. */
const TIMEOUT_MS = 30_000;

/** Publishes seq 0..count-1 with at most WINDOW unanswered, round-robin over the partitions. */
export async function publishAll(
  count: number,
  publish: (partition: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await publish(next++ % PARTITIONS);
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, count) }, lane));
}

/**
 * Counts settled deliveries; `done` resolves at the count-th with the wall time, or rejects after TIMEOUT_MS or
 * with the first `fail` (a consumer loop's error, which would otherwise surface only as an unhandled rejection).
 */
export function ackCounter(count: number) {
  let acked = 0;
  let finish: (at: number) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
    timer = setTimeout(
      () => reject(new Error(`only ${acked} of ${count} acked within ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
  }).finally(() => clearTimeout(timer));
  return {
    done,
    acked() {
      if (++acked === count) finish(performance.now());
    },
    fail: (error: unknown) => fail(error),
  };
}
