import { configSchemas, fail, ok, type Result } from '@eventflow/shared';
import type { Engine, EngineOptions, StopReason } from './api.js';
import { onDone, onRetry, onWake, wakeAt } from './consume.js';
import { rewindGroup } from './replay.js';
import { offsetAtTime, readTopic } from './topic-view.js';
import { TASK, type Ctx } from './ctx.js';
import { createEventVars, readsEnvelope } from './event-view.js';
import { eventIdOf } from './event-view.js';
import { onProduce, produce, scheduleNext } from './produce.js';
import { createTraceReader } from './reader.js';
import { onExpire } from './publish.js';
import { createScheduler, type Task } from './scheduler.js';
import {
  assignPartitions,
  createState,
  emitsOf,
  ensureInstances,
  producerOf,
  compileOrThrow,
} from './state.js';
import { createMetrics, summaryOf } from './summary.js';
import { errorMessage } from './ctx.js';

/**
 * Creates a run of a validated flow. Nothing here reads wall time or global randomness: the engine moves
 * only when an adapter calls `advanceTo`, `step` or `run`, which is what makes traces reproducible.
 */
export function createEngine(options: EngineOptions): Engine {
  const state = createState(
    options.flow,
    options.seed >>> 0,
    options.storeCapacity ?? 1_000_000,
    options.maxChainDepth ?? 16,
  );
  const s = state as Ctx;
  s.vars = createEventVars(s);
  const task: Task = { at: 0, kind: 0, arg: 0, gen: 0 };
  for (const p of s.producers) if (p) scheduleNext(s, p, 0, true);

  const runTask = () => {
    s.sched.pop(task);
    if (task.at > s.now) s.now = task.at;
    switch (task.kind) {
      case TASK.produce:
        onProduce(s, s.producers[task.arg]!, task.gen);
        break;
      case TASK.done:
        onDone(s, s.instances[task.arg]!);
        break;
      case TASK.retry:
        onRetry(s, s.instances[task.arg]!);
        break;
      case TASK.wake:
        onWake(s, s.instances[task.arg]!, task.gen);
        break;
      case TASK.expire:
        onExpire(s, task.arg);
        break;
    }
  };
  const catchUp = (before: number) => {
    if (s.visible === before) s.visible = s.hops.last;
  };
  const nodeIndex = (id: string) => s.nodeIndex.get(id);
  const consumerOf = (id: string) => {
    const i = nodeIndex(id);
    return i === undefined ? undefined : s.consumers[i];
  };

  const engine: Engine = {
    flow: options.flow,
    seed: s.seed,
    now: () => s.now,
    nextTime: () => (s.sched.size ? s.sched.peekTime() : undefined),
    advanceTo(t) {
      while (s.sched.size && s.sched.peekTime() <= t) runTask();
      if (t > s.now) s.now = t;
      s.visible = s.hops.last;
    },
    step(n = 1, until = Infinity) {
      const target = s.visible + n;
      while (s.hops.last < target && s.sched.size && s.sched.peekTime() <= until) runTask();
      const before = s.visible;
      s.visible = Math.min(target, s.hops.last);
      return s.visible - before;
    },
    run(limits = {}) {
      // The event limit holds for this call only; producers it halted resume when a later call lifts it.
      s.maxEvents = limits.maxEvents ?? Infinity;
      for (const p of s.producers) {
        if (p?.halted && s.producedRoots < s.maxEvents) {
          p.halted = false;
          p.gen++;
          scheduleNext(s, p, s.now);
        }
      }
      const start = s.hops.last;
      const until = limits.untilMs ?? Infinity;
      const maxHops = limits.maxHops ?? Infinity;
      let reason: StopReason;
      for (;;) {
        if (!s.sched.size) {
          reason = s.producedRoots >= s.maxEvents ? 'max-events' : 'idle';
          break;
        }
        if (s.sched.peekTime() > until) {
          if (until > s.now) s.now = until;
          reason = 'until';
          break;
        }
        if (s.hops.last - start >= maxHops) {
          reason = 'max-hops';
          break;
        }
        runTask();
      }
      s.visible = s.hops.last;
      return reason;
    },
    fire(nodeId, data) {
      const i = nodeIndex(nodeId);
      const p = i === undefined ? undefined : s.producers[i];
      if (!p) return fail('unknown-node', `no producer '${nodeId}' in this flow`);
      const before = s.hops.last;
      const caughtUp = s.visible === before;
      const event = produce(s, p, data, data !== undefined);
      if (caughtUp) catchUp(before);
      return ok({ eventId: eventIdOf(event) });
    },
    updateNode(nodeId, patch) {
      const i = nodeIndex(nodeId);
      if (i === undefined) return fail('unknown-node', `no node '${nodeId}' in this flow`);
      const node = s.nodes[i]!;
      const merged = { ...node.config, ...(patch as object) };
      const parsed = configSchemas[node.kind].safeParse(merged);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((x) => ({
          path: ['config', ...x.path].join('.'),
          message: x.message,
          severity: 'error' as const,
        }));
        return fail('invalid-payload', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
      }
      try {
        return applyConfig(s, i, parsed.data);
      } catch (e) {
        return fail('invalid-payload', errorMessage(e));
      }
    },
    replay(nodeId, fromOffset) {
      const c = consumerOf(nodeId);
      if (!c) return fail('unknown-node', `no consumer '${nodeId}' in this flow`);
      rewindGroup(s, c, () => fromOffset);
      return ok(null);
    },
    replayFromTime(nodeId, t) {
      const c = consumerOf(nodeId);
      if (!c) return fail('unknown-node', `no consumer '${nodeId}' in this flow`);
      rewindGroup(s, c, (log) => offsetAtTime(log, t));
      return ok(null);
    },
    readTopic(nodeId, query) {
      const i = nodeIndex(nodeId);
      const topic = i === undefined ? undefined : s.topics[i];
      if (!topic) return fail('unknown-node', `no topic '${nodeId}' in this flow`);
      return ok(readTopic(s, topic, query));
    },
    release() {
      s.sched = createScheduler(1);
      for (const topic of s.topics) for (const log of topic?.logs ?? []) log.release();
      s.deliveryPool.length = 0;
      s.events.release();
    },
    summary: () => summaryOf(s),
    metrics: createMetrics(s),
    trace: createTraceReader(s),
  };
  return engine;
}

function applyConfig(s: Ctx, i: number, config: unknown): Result<null> {
  const node = s.nodes[i]!;
  const where = `config`;
  switch (node.kind) {
    case 'producer': {
      const old = s.producers[i]!;
      const p = producerOf(i, config as typeof node.config, where);
      p.produced = old.produced;
      p.gen = old.gen + 1;
      s.producers[i] = p;
      // A live rate change restarts the fixed-arrival grid one new interval from now.
      p.base = s.now;
      p.ticks = 0;
      if (!s.typeIndex.has(p.config.eventType))
        s.typeIndex.set(p.config.eventType, s.typeNames.push(p.config.eventType) - 1);
      scheduleNext(s, p, s.now);
      break;
    }
    case 'filter':
      s.filters[i] = compileOrThrow(
        (config as { expression: string }).expression,
        'filter',
        `${where}.expression`,
      );
      s.filterReadsEnvelope[i] = readsEnvelope((config as { expression: string }).expression);
      break;
    case 'topic': {
      const topic = s.topics[i]!;
      const next = config as typeof topic.config;
      if (next.partitions !== topic.config.partitions)
        return fail(
          'invalid-payload',
          'config.partitions: cannot change while the flow runs; reset the run instead',
        );
      topic.config = next;
      break;
    }
    case 'consumer': {
      const c = s.consumers[i]!;
      const next = config as typeof c.config;
      if ((next.group ?? node.id) !== (c.config.group ?? node.id))
        return fail(
          'invalid-payload',
          'config.group: cannot change while the flow runs; reset the run instead',
        );
      c.emits = emitsOf(s, next, where);
      c.emitsReadEnvelope = next.emits.some((e) => e.payload !== undefined && readsEnvelope(e.payload));
      c.config = next;
      ensureInstances(s, c);
      assignPartitions(s);
      for (const inst of s.instances) if (!inst.busy) wakeAt(s, inst, s.now);
      break;
    }
  }
  s.nodes[i] = { ...node, config } as typeof node;
  return ok(null);
}
