/**
 * MQTT names for a run. A topic level may not hold `/`, `+` or `#`, nor may a shared-subscription group name, so
 * anything but these characters becomes `_`.
 */
export function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

const base = (run: string, topic: string): string => `eventflow/${sanitise(run)}/${sanitise(topic)}`;

/** One MQTT resource per flow topic partition: its messages are published one level below it. */
export const partitionTopic = (run: string, topic: string, partition: number): string =>
  `${base(run, topic)}/${partition}`;

/**
 * Where a nak'd message is re-published for one group only: re-publishing to the partition topic would hand it to
 * every group again.
 */
export const retryTopic = (run: string, topic: string, partition: number, group: string): string =>
  `${partitionTopic(run, topic, partition)}/retry/${sanitise(group)}`;

/** A topic level may hold anything but `/`, `+`, `#` and NUL; these, and `%` (the escape), are percent-escaped. */
const RESERVED = /[%/+#\0]/g;
const escapeLevel = (ch: string): string => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * The MQTT topic one message is published on: its resource (a partition or retry topic) and one more level, the
 * message id. The id rides in the topic, which every PUBLISH carries anyway, rather than in a user property that
 * is encoded on each publication and decoded on each delivery; `mosquitto_sub -t 'eventflow/<run>/+/+/e17'` finds
 * one event. Eventflow's own ids (`e<n>`) need no escape.
 */
export const messageTopic = (resource: string, messageId: string): string =>
  `${resource}/${messageId.replace(RESERVED, escapeLevel)}`;

/** The filter a resource is read with: every message topic directly under it (a retry topic is three below). */
export const messagesOf = (resource: string): string => `${resource}/+`;

/** A message topic back into its resource and message id: the inverse of messageTopic. */
export function splitMessageTopic(topic: string): { resource: string; messageId: string } {
  const cut = topic.lastIndexOf('/');
  const level = topic.slice(cut + 1);
  return { resource: topic.slice(0, cut), messageId: level.includes('%') ? unescapeLevel(level) : level };
}

/** A level someone else published with a stray `%` is kept as it came. */
function unescapeLevel(level: string): string {
  try {
    return decodeURIComponent(level);
  } catch {
    return level;
  }
}

export const dlqTopic = (run: string, topic: string): string => `${base(run, topic)}/dlq`;

/** Mosquitto hands each message of a `$share/<group>/…` filter to one subscriber of that group. */
export const shared = (group: string, filter: string): string => `$share/${sanitise(group)}/${filter}`;

export const clientIdFor = (run: string, group: string, instance: string): string =>
  `eventflow-${sanitise(run)}-${sanitise(group)}-${sanitise(instance)}`;

export const publisherIdFor = (run: string): string => `eventflow-${sanitise(run)}-publisher`;
