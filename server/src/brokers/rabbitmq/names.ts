/**
 * Names of everything a run creates on RabbitMQ. Each flow-supplied token is reduced to [A-Za-z0-9_-], so a dot
 * only ever separates tokens and names of different roles cannot collide (a topic exchange has three tokens, a
 * group queue five, a DLQ four ending in `dlq`, a retry queue four ending in its delay in ms).
 */
export function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

const prefix = (run: string): string => `eventflow.${sanitise(run)}`;

/** Direct exchange per flow topic; the routing key is the partition number. */
export const topicExchange = (run: string, topic: string): string => `${prefix(run)}.${sanitise(topic)}`;

/** Quorum queue per (partition × group): the group's instances compete on it. */
export const groupQueue = (run: string, topic: string, partition: number, group: string): string =>
  `${prefix(run)}.${sanitise(topic)}.${partition}.${sanitise(group)}`;

/** Fanout exchange and queue per topic that hold the run's given-up messages. */
export const dlqExchange = (run: string, topic: string): string => `${prefix(run)}.${sanitise(topic)}.dlx`;
export const dlqQueue = (run: string, topic: string): string => `${prefix(run)}.${sanitise(topic)}.dlq`;

/** Headers exchange that routes a nak'ed message to the retry queue of its delay. */
export const retryExchange = (run: string): string => `${prefix(run)}.retry.exchange`;
/** One queue per distinct delay: with one TTL per queue, messages expire in arrival order, none waits behind a longer one. */
export const retryQueue = (run: string, delayMs: number): string => `${prefix(run)}.retry.${delayMs}`;

export const partitionKey = (partition: number): string => String(partition);
