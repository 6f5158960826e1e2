import { configSchemas, fail, ok, type ConfigOf, type NodeKind, type Result } from '@eventflow/shared';
import type { Engine, EngineOptions, StopReason } from './api.js';
import { afterCall, onDone, onRetry } from './kinds/consumer/consume.js';
import { onCallAnswer, onCallTimeout } from './kinds/consumer/calls.js';
import { onWake } from './kinds/consumer/fetch.js';
import { setTopicDown } from './kinds/topic/outage.js';
import { answer } from './kinds/webhook/live.js';
import { onScale } from './kinds/consumer/autoscale.js';
import { onCrash, onOutage, setDown } from './kinds/consumer/membership.js';
import { rewindGroup } from './replay.js';
import { offsetAtTime, readTopic } from './topic-view.js';
import { TASK, type Ctx } from './ctx.js';
import { createEventVars } from './event-view.js';
import { eventIdOf } from './event-view.js';
import { onProduce, onRate, produce, scheduleNext } from './kinds/producer/produce.js';
import { createTraceReader } from './reader.js';
import { onExpire } from './kinds/topic/publish.js';
import { createScheduler, type Task } from './scheduler.js';
import { createState } from './create-state.js';
import { engineKind } from './kinds/registry.js';
import { createMetrics, summaryOf } from './summary.js';
import { errorMessage } from './ctx.js';
import { createEventSourcing } from './event-sourcing.js';
import { onProject, onRebuild } from './kinds/projection/apply.js';
import { onJoin } from './kinds/projection/join.js';

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
  /** Scheduled tasks run so far: with `s.now`, the position a recorded command is replayed at. */
  let tasksRun = 0;
  for (let i = 0; i < s.nodes.length; i++) engineKind(s.nodes[i]!.kind).start?.(s, i);

  const runTask = () => {
    s.sched.pop(task);
    tasksRun++;
    if (task.at > s.now) s.now = task.at;
    switch (task.kind) {
      case TASK.produce:
        onProduce(s, s.producers[task.arg]!, task.gen);
        break;
      // An instance that went down meanwhile has a newer gen: what it was doing is no longer its to finish.
      case TASK.done:
        if (task.gen === s.instances[task.arg]!.gen) onDone(s, s.instances[task.arg]!);
        break;
      case TASK.retry:
        if (task.gen === s.instances[task.arg]!.gen) onRetry(s, s.instances[task.arg]!);
        break;
      case TASK.wake:
        onWake(s, s.instances[task.arg]!, task.gen);
        break;
      case TASK.expire:
        onExpire(s, task.arg);
        break;
      case TASK.outage:
        setTopicDown(s, s.topics[task.arg]!, task.gen === 1);
        break;
      case TASK.rate:
        onRate(s, s.producers[task.arg]!, task.gen);
        break;
      case TASK.consumerOutage:
        onOutage(s, task.arg);
        break;
      case TASK.scale:
        onScale(s, s.consumers[task.arg]!);
        break;
      case TASK.crash:
        onCrash(s, s.instances[task.arg]!, task.gen);
        break;
      case TASK.project:
        onProject(s, s.projections[task.arg]!);
        break;
      case TASK.rebuild:
        onRebuild(s, s.projections[task.arg]!);
        break;
      case TASK.join:
        onJoin(s, s.projections[task.arg]!);
        break;
      case TASK.callAnswer:
        afterCall(s, onCallAnswer(s, task.arg));
        break;
      case TASK.callTimeout:
        afterCall(s, onCallTimeout(s, task.arg, task.gen));
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
    position: () => ({ t: s.now, tasks: tasksRun, seq: s.visible }),
    seek(to) {
      if (to.tasks < tasksRun || to.t < s.now)
        return fail('invalid-payload', `position ${to.t} ms / task ${to.tasks} is behind the run`);
      while (tasksRun < to.tasks && s.sched.size) runTask();
      if (tasksRun < to.tasks)
        return fail('invalid-payload', `the run has only ${tasksRun} tasks, not ${to.tasks}`);
      if (to.t < s.now) return fail('invalid-payload', `task ${to.tasks} runs after ${to.t} ms`);
      s.now = to.t;
      s.visible = Math.min(s.hops.last, Math.max(s.visible, to.seq));
      return ok(null);
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
    takeWebhookRequests() {
      const taken = s.webhooks.outbox;
      s.webhooks.outbox = [];
      return taken;
    },
    awaitingWebhooks: () => s.webhooks.parked.size,
    answerWebhook: (requestId, status) => answer(s, requestId, status),
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
        return applyConfig(s, i, node.kind, parsed.data as ConfigOf<typeof node.kind>);
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
    setTopicDown(nodeId, down) {
      const i = nodeIndex(nodeId);
      const topic = i === undefined ? undefined : s.topics[i];
      if (!topic) return fail('unknown-node', `no topic '${nodeId}' in this flow`);
      const before = s.hops.last;
      const caughtUp = s.visible === before;
      setTopicDown(s, topic, down);
      if (caughtUp) catchUp(before);
      return ok(null);
    },
    setDown(nodeId, down, instance) {
      const c = consumerOf(nodeId);
      // A webhook runs on consumer machinery but has no membership: its failures are its status mix.
      if (!c || c.endpoint) return fail('unknown-node', `no consumer '${nodeId}' in this flow`);
      if (instance !== undefined && instance >= c.active)
        return fail(
          'invalid-payload',
          `instance: ${nodeId} has ${c.active} instance${c.active === 1 ? '' : 's'} (0 to ${c.active - 1})`,
        );
      const before = s.hops.last;
      const caughtUp = s.visible === before;
      const who = instance === undefined ? 'the consumer' : `instance ${instance}`;
      setDown(s, c, instance ?? -1, down, true, `${who} ${down ? 'taken down' : 'brought back'} by hand`);
      if (caughtUp) catchUp(before);
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
      s.webhooks = { outbox: [], parked: new Map(), lastId: s.webhooks.lastId };
      s.events.release();
    },
    ...createEventSourcing(s),
    summary: () => summaryOf(s),
    metrics: createMetrics(s),
    trace: createTraceReader(s),
  };
  return engine;
}

/** Applies a validated config through the node's kind, then keeps the new config on the node. */
function applyConfig<K extends NodeKind>(s: Ctx, i: number, kind: K, config: ConfigOf<K>): Result<null> {
  const applied = engineKind(kind).applyConfig(s, i, config);
  if (applied.ok) s.nodes[i] = { ...s.nodes[i]!, config } as (typeof s.nodes)[number];
  return applied;
}
