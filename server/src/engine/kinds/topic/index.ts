import { fail, ok } from '@eventflow/shared';
import { PartitionLog } from '../../partition-log.js';
import type { RtTopic } from '../../model.js';
import type { EngineKind } from '../kind.js';
import { publish } from './publish.js';

/** A partitioned log: publishing appends, consumer groups fetch by offset, retention expires the head. */
export const topic: EngineKind<'topic'> = {
  compile(s, i, n) {
    const t: RtTopic = {
      node: i,
      config: n.config,
      logs: [],
      partitionIds: [],
      expiryPending: [],
      subs: [],
      roundRobin: 0,
    };
    s.topics[i] = t;
    for (let p = 0; p < n.config.partitions; p++) {
      t.logs.push(new PartitionLog());
      t.partitionIds.push(s.partitions.length);
      t.expiryPending.push(false);
      s.partitions.push({ topic: i, partition: p });
    }
  },
  applyConfig(s, i, config) {
    const t = s.topics[i]!;
    if (config.partitions !== t.config.partitions)
      return fail(
        'invalid-payload',
        'config.partitions: cannot change while the flow runs; reset the run instead',
      );
    t.config = config;
    return ok(null);
  },
  receive: (s, event, node, edge) => publish(s, event, s.topics[node]!, edge),
  stats: (s, i) => ({
    in: s.counters.nodeIn[i]!,
    out: s.counters.nodeOut[i]!,
    expired: s.counters.nodeExpired[i]!,
  }),
  metrics(s, i, m) {
    const t = s.topics[i]!;
    m.partitions = t.logs.map((l) => ({ depth: l.end - l.start, end: l.end }));
    m.lag = {};
    for (const subIndex of t.subs) {
      const sub = s.subs[subIndex]!;
      m.lag[s.groups[sub.group]!.name] = t.logs.map((l, p) => l.end - sub.next[p]!);
    }
    m.inFlight = Object.values(m.lag).reduce((a, l) => a + l.reduce((x, y) => x + y, 0), 0);
    m.expired = s.counters.nodeExpired[i]!;
  },
  latency: true,
};
