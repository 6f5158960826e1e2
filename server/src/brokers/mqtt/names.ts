/**
 * MQTT names for a run. A topic level may not hold `/`, `+` or `#`, nor may a shared-subscription group name, so
 * anything but these characters becomes `_`.
 */
export function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

const base = (run: string, topic: string): string => `eventflow/${sanitise(run)}/${sanitise(topic)}`;

/** One MQTT topic per flow topic partition. */
export const partitionTopic = (run: string, topic: string, partition: number): string =>
  `${base(run, topic)}/${partition}`;

/**
 * Where a nak'd message is re-published for one group only: re-publishing to the partition topic would hand it to
 * every group again.
 */
export const retryTopic = (run: string, topic: string, partition: number, group: string): string =>
  `${partitionTopic(run, topic, partition)}/retry/${sanitise(group)}`;

export const dlqTopic = (run: string, topic: string): string => `${base(run, topic)}/dlq`;

/** Mosquitto hands each message of a `$share/<group>/…` filter to one subscriber of that group. */
export const shared = (group: string, filter: string): string => `$share/${sanitise(group)}/${filter}`;

export const clientIdFor = (run: string, group: string, instance: string): string =>
  `eventflow-${sanitise(run)}-${sanitise(group)}-${sanitise(instance)}`;

export const publisherIdFor = (run: string): string => `eventflow-${sanitise(run)}-publisher`;
