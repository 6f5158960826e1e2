import type { CompiledExpr, ProducerConfig } from '@eventflow/shared';

// A producer as the engine runs it: its compiled expressions and where its schedule stands.

export interface RtProducer {
  node: number;
  config: ProducerConfig;
  payload?: CompiledExpr;
  key?: CompiledExpr;
  /** Events produced so far (the `seq` CEL variable counts from 1). */
  produced: number;
  /** Bumped when the schedule changes, so stale ticks are ignored. */
  gen: number;
  /** Stopped because the run's event limit was reached; resumes when a later run lifts it. */
  halted: boolean;
  /** Fixed arrival: ticks are at `base + n × 1000/rate`, computed rather than summed, so times do not drift. */
  base: number;
  ticks: number;
  /** Events held while the topic they were going to is down (`onTopicDown: "buffer"`), oldest first. */
  buffer: Held[];
}

/** One buffered publication: the event, the topic it waits for and the edge it arrives by. */
export interface Held {
  event: number;
  topic: number;
  edge: number;
}
