import { ok, type ProducerConfig } from '@eventflow/shared';
import { compileOrThrow, intern, type RtProducer } from '../../state.js';
import { receivesNothing, type EngineKind } from '../kind.js';
import { scheduleNext } from './produce.js';

export function producerOf(node: number, config: ProducerConfig, where: string): RtProducer {
  return {
    node,
    config,
    payload: config.payload ? compileOrThrow(config.payload, 'payload', `${where}.payload`) : undefined,
    key: config.key ? compileOrThrow(config.key, 'key', `${where}.key`) : undefined,
    produced: 0,
    gen: 0,
    base: 0,
    ticks: 0,
    halted: false,
    buffer: [],
  };
}

/** Producers publish on a schedule (or when fired); nothing flows into them. */
export const producer: EngineKind<'producer'> = {
  compile(s, i, n, { where }) {
    s.producers[i] = producerOf(i, n.config, where);
    intern(s.typeNames, s.typeIndex, n.config.eventType);
  },
  start(s, i) {
    scheduleNext(s, s.producers[i]!, 0, true);
  },
  applyConfig(s, i, config) {
    const old = s.producers[i]!;
    const p = producerOf(i, config, 'config');
    p.produced = old.produced;
    p.buffer = old.buffer;
    p.gen = old.gen + 1;
    s.producers[i] = p;
    // A live rate change restarts the fixed-arrival grid one new interval from now.
    p.base = s.now;
    p.ticks = 0;
    if (!s.typeIndex.has(p.config.eventType))
      s.typeIndex.set(p.config.eventType, s.typeNames.push(p.config.eventType) - 1);
    scheduleNext(s, p, s.now);
    return ok(null);
  },
  receive: receivesNothing,
  stats: (s, i) => ({ out: s.counters.nodeOut[i]!, dropped: s.counters.nodeDropped[i]! }),
  metrics(s, i, m) {
    const p = s.producers[i]!;
    if (p.config.onTopicDown === 'buffer') m.buffered = p.buffer.length;
  },
  latency: false,
};
