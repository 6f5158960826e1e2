/** NATS stream and subject tokens allow only these characters here; anything else becomes `_`. */
export function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

export const streamName = (run: string, topic: string): string =>
  `eventflow_${sanitise(run)}_${sanitise(topic)}`;
export const dlqStream = (run: string): string => `eventflow_${sanitise(run)}_dlq`;
export const subjectFor = (run: string, topic: string, partition: number): string =>
  `eventflow.${sanitise(run)}.${sanitise(topic)}.${partition}`;
export const dlqSubject = (run: string, topic: string): string =>
  `eventflow.${sanitise(run)}.dlq.${sanitise(topic)}`;
export const durableName = (group: string, topic: string, partition: number): string =>
  `${sanitise(group)}_${sanitise(topic)}_${partition}`;
