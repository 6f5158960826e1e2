import { configSchemas, type ConfigOf, type NodeKind } from '@eventflow/shared';

/** Plain data about each kind (no React), so the store and its tests can use it. */
export interface KindMeta {
  title: string;
  /** One sentence for the palette tooltip: what this kind does. */
  blurb: string;
}

export const kindMeta: { [K in NodeKind]: KindMeta } = {
  producer: { title: 'Producer', blurb: 'Publishes events at a rate, with a key and a payload' },
  topic: { title: 'Topic', blurb: 'A partitioned log that consumer groups subscribe to' },
  filter: { title: 'Filter', blurb: 'Lets an event pass when its CEL expression is true' },
  consumer: { title: 'Consumer', blurb: 'A group of instances that process, retry and ack events' },
};

// Required fields need a starting value; everything else comes from the schema defaults.
const seeds: { [K in NodeKind]: Record<string, unknown> } = {
  producer: { eventType: 'OrderPlaced' },
  topic: {},
  filter: { expression: 'event.type == "OrderPlaced"' },
  consumer: {},
};

export function defaultConfig<K extends NodeKind>(kind: K): ConfigOf<K> {
  return configSchemas[kind].parse(seeds[kind]) as ConfigOf<K>;
}
