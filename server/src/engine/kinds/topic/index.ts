import { fail, ok } from '@eventflow/shared';
import { PartitionLog } from '../../partition-log.js';
import type { RtTopic } from '../../model.js';
import type { EngineKind } from '../kind.js';
import { arrive, scheduleOutages } from './outage.js';

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
      feeds: [],
      roundRobin: 0,
      down: false,
    };
    s.topics[i] = t;
    for (let p = 0; p < n.config.partitions; p++) {
      t.logs.push(new PartitionLog());
      t.partitionIds.push(s.partitions.length);
      t.expiryPending.push(false);
      s.partitions.push({ topic: i, partition: p });
    }
  },
  start(s, i) {
    scheduleOutages(s, s.topics[i]!);
  },
  applyConfig(s, i, config) {
    const t = s.topics[i]!;
    if (config.partitions !== t.config.partitions)
      return fail(
        'invalid-payload',
        'config.partitions: cannot change while the flow runs; reset the run instead',
      );
    if (JSON.stringify(config.outages ?? []) !== JSON.stringify(t.config.outages ?? []))
      return fail(
        'invalid-payload',
        'config.outages: scheduled outages cannot change while the flow runs; use run:topic-outage or reset the run',
      );
    t.config = config;
    return ok(null);
  },
  receive: (s, event, node, edge) => arrive(s, event, s.topics[node]!, edge),
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
    if (t.down) m.down = true;
  },
  latency: true,
};
