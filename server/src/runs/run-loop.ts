import { queryStart } from './query-start.js';
import {
  breakpointReason,
  fail,
  ok,
  type BreakpointHit,
  type RecordedCommand,
  type RecordedStep,
  type ReplayScript,
  type Result,
  type RunStatus,
  type RunSummary,
  type Speed,
} from '@eventflow/shared';
import type { Engine, EngineOptions } from '../engine/api.js';
import { applyAndRecord, playScript } from '../engine/script.js';
import { createBreakpointWatch } from './breakpoint-watch.js';
import { createHopStream } from './hop-stream.js';
import { createPacer } from './pacer.js';
import { otlpPage } from './otlp-page.js';
import { readPage } from './trace-page.js';
import { countsAtSeq } from './counts-at-seq.js';
import { createWebhookSender } from './webhook-sender.js';
import type { LoopInit, RunCommand, StreamMessage } from './worker-protocol.js';

export interface RunLoopDeps {
  init: LoopInit;
  createEngine: (opts: EngineOptions) => Engine;
  post: (msg: StreamMessage) => void;
  /** Monotonic wall ms (performance.now). */
  wallNow: () => number;
  /** Bytes this worker holds, reported with every `metrics`. */
  heapBytes: () => number;
  /** Forces a garbage collection where the host allows it, so a released run's report shows the release. */
  collect: () => void;
}

/** What an ended run still reports once its engine's scheduling state is released. */
interface Frozen {
  t: number;
  summary: RunSummary;
  metrics: ReturnType<Engine['metrics']>;
  /** Nothing was left to run when it ended. */
  idle: boolean;
}

export interface RunLoop {
  handle(command: RunCommand): Result<unknown>;
  dispose(): void;
}

const ENDED: readonly RunStatus[] = ['stopped', 'failed'];
/** Wall ms after a release before the second heap report (backing stores are freed lazily after a GC). */
const RELEASE_REPORT_MS = 50;
/**
 * One run inside its worker: owns the engine, paces it (real time × speed, or as fast as possible),
 * streams hops and metrics, and enforces the run's budgets. Only `advanceTo` and `step` move the engine,
 * so the trace is the one the CLI would write for the same flow and seed.
 */
export function createRunLoop(deps: RunLoopDeps): RunLoop {
  const { init, post, wallNow } = deps;
  let seed = init.seed;
  let engine = makeEngine();
  let status: RunStatus = init.paused ? 'paused' : 'running';
  let speed: Speed = init.speed;
  let cpuMs = 0;
  let generation = 0;
  let timers: ReturnType<typeof setInterval>[] = [];
  let frozen: Frozen | undefined;
  /** What changed the engine since it was made, for `run:export-replay`; a reset starts it again. */
  let log: RecordedStep[] = [];
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Idle while a real webhook's answer is on its way: the pacer starts again when it arrives. */
  let awaiting = false;
  let webhooks = createWebhookSender(init.webhookAllow, onWebhookAnswer);

  const stream = createHopStream(engine.trace, init.stream, (hops, sampled) =>
    post({ kind: 'hops', hops, sampled }),
  );
  const pacer = createPacer({
    wallNow,
    engine: () => engine,
    onWork: (ms) => {
      cpuMs += ms;
      sendWebhooks();
      checkBudgets();
    },
    onIdle: () => {
      sendWebhooks();
      // Only a real webhook's answer can give the run more work: it stays running until that arrives.
      if (engine.awaitingWebhooks() === 0) finish('completed');
      else awaiting = true;
    },
    onError: (err) => finish('failed', `engine error: ${err instanceof Error ? err.message : String(err)}`),
    watching: () => breakpoints.watching(),
    checkHop: () => breakpoints.checkLast(),
  });
  const breakpoints = createBreakpointWatch(
    () => engine,
    new Set(init.flow.nodes.map((n) => n.id)),
    (bp, hop) => {
      pacer.stop();
      stopTimers();
      status = 'paused';
      publish(false);
      postState(breakpointReason(bp.name), { id: bp.id, name: bp.name, seq: hop.seq, event: hop.event });
    },
  );

  function makeEngine(): Engine {
    return deps.createEngine({ flow: init.flow, seed, storeCapacity: init.limits.storeCapacity });
  }

  function postState(reason?: string, hit?: BreakpointHit): void {
    const base = { kind: 'state' as const, status, t: frozen?.t ?? engine.now() };
    const ended = status === 'completed' || ENDED.includes(status);
    // A paused run reports its summary too: that is when a user stops to look at the figures.
    const summary = ended || status === 'paused' ? (frozen?.summary ?? engine.summary()) : undefined;
    post({
      ...base,
      ...(reason ? { reason } : {}),
      ...(summary ? { summary } : {}),
      ...(hit ? { breakpoint: hit } : {}),
    });
  }

  function postMetrics(): void {
    const metrics = frozen?.metrics ?? engine.metrics();
    post({ kind: 'metrics', t: frozen?.t ?? engine.now(), ...metrics, heapBytes: deps.heapBytes() });
  }

  /**
   * A stopped or failed run can only be read or reset, so everything but its trace is let go at once.
   * A completed run keeps its engine: firing into it continues it, replaying a group makes it paused again.
   */
  function release(): void {
    frozen = {
      t: engine.now(),
      summary: engine.summary(),
      metrics: engine.metrics(),
      idle: engine.nextTime() === undefined,
    };
    engine.release();
    deps.collect();
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      deps.collect();
      postMetrics();
    }, RELEASE_REPORT_MS);
  }

  const workDone = () => engine.nextTime() === undefined && engine.awaitingWebhooks() === 0;

  function sendWebhooks(): void {
    for (const req of engine.takeWebhookRequests()) webhooks.send(req);
  }

  /** A real webhook answered: applied (and recorded) at the engine's current position, like a command. */
  function onWebhookAnswer(requestId: number, code: number): void {
    if (ENDED.includes(status)) return;
    const applied = guarded(() =>
      applyAndRecord(engine, { op: 'webhook-response', requestId, status: code }, log),
    );
    if (!applied.ok) return;
    if (status === 'running' && awaiting) {
      awaiting = false;
      pacer.start(speed);
    } else if (status === 'completed') setRunning();
    else if (status === 'paused') {
      sendWebhooks();
      publish(true);
    }
  }

  function publish(exact: boolean): void {
    sendWebhooks();
    stream.flush(exact);
    postMetrics();
  }

  function checkBudgets(): void {
    if (engine.trace.lastSeq() > init.limits.maxHops)
      finish('failed', `hop budget of ${init.limits.maxHops} exceeded`);
    else if (cpuMs > init.limits.maxCpuMs)
      finish('failed', `CPU budget of ${init.limits.maxCpuMs} ms exceeded`);
  }

  function startTimers(): void {
    stopTimers();
    timers = [
      setInterval(() => stream.flush(false), init.stream.flushMs),
      setInterval(postMetrics, init.stream.metricsMs),
    ];
  }

  function stopTimers(): void {
    for (const timer of timers) clearInterval(timer);
    timers = [];
  }

  function setRunning(): void {
    status = 'running';
    startTimers();
    pacer.start(speed);
    postState();
  }

  function setPaused(): void {
    pacer.stop();
    stopTimers();
    status = 'paused';
    publish(false);
    postState();
  }

  function finish(next: RunStatus, reason?: string): void {
    if (ENDED.includes(status) || (status === next && next === 'completed')) return;
    pacer.stop();
    stopTimers();
    status = next;
    stream.flush(false);
    if (next !== 'completed') release();
    postMetrics();
    postState(reason);
  }

  function refuseEnded(): Result<never> | undefined {
    return ENDED.includes(status)
      ? fail('invalid-payload', `the run is ${status}; reset it to run again`)
      : undefined;
  }

  /** Commands that move time stop real-time pacing first: a paused run moves only when told to. */
  function holdStill(): Result<null> | undefined {
    if (ENDED.includes(status)) return fail('invalid-payload', `the run is ${status}; reset it to run again`);
    if (status === 'running') {
      pacer.stop();
      stopTimers();
      status = 'paused';
    }
    return undefined;
  }

  function guarded<T>(work: () => Result<T>): Result<T> {
    const started = wallNow();
    try {
      return work();
    } catch (err) {
      finish('failed', `engine error: ${err instanceof Error ? err.message : String(err)}`);
      return fail('internal', 'the run failed while handling the command');
    } finally {
      cpuMs += wallNow() - started;
      if (status === 'running' || status === 'paused') checkBudgets();
    }
  }

  function reset(): void {
    pacer.stop();
    stopTimers();
    if (releaseTimer) clearTimeout(releaseTimer);
    frozen = undefined;
    webhooks.close();
    webhooks = createWebhookSender(init.webhookAllow, onWebhookAnswer);
    awaiting = false;
    engine = makeEngine();
    generation += 1;
    log = [];
    stream.restart(engine.trace);
    status = 'paused';
    cpuMs = 0;
    // Tells clients to drop the trace they hold: seq starts again at 1.
    postState('reset');
    postMetrics();
  }

  const handlers: { [K in RunCommand['op']]: (c: Extract<RunCommand, { op: K }>) => Result<unknown> } = {
    pause: () => {
      if (status === 'running') setPaused();
      return ok(null);
    },
    resume: () => {
      if (ENDED.includes(status))
        return fail('invalid-payload', `the run is ${status}; reset it to run again`);
      if (status !== 'running') setRunning();
      return ok(null);
    },
    step: (c) =>
      holdStill() ??
      guarded(() => {
        const hops = engine.step(c.hops);
        publish(true);
        if (hops < c.hops && workDone()) status = 'completed';
        postState();
        return ok({ hops });
      }),
    advance: (c) =>
      holdStill() ??
      guarded(() => {
        // Paused on a breakpoint on the way: that pause has been published and announced.
        if (breakpoints.advance(engine.now() + c.ms)) return ok({ t: engine.now() });
        publish(false);
        status = workDone() ? 'completed' : 'paused';
        postState();
        return ok({ t: engine.now() });
      }),
    stop: () => {
      finish('stopped', 'stopped by a client');
      return ok(null);
    },
    reset: () => {
      reset();
      return ok(null);
    },
    speed: (c) => {
      speed = c.speed;
      if (status === 'running') pacer.start(speed);
      return ok(null);
    },
    seed: (c) => {
      seed = c.seed;
      reset();
      return ok(null);
    },
    fire: (c) =>
      guarded(() => {
        if (ENDED.includes(status))
          return fail('invalid-payload', `the run is ${status}; reset it to run again`);
        const fired: RecordedCommand = {
          op: 'fire',
          nodeId: c.nodeId,
          ...(c.data === undefined ? {} : { data: c.data }),
        };
        const result = applyAndRecord(engine, fired, log) as ReturnType<Engine['fire']>;
        if (result.ok && status === 'completed') setRunning();
        else if (status !== 'running') publish(true);
        return result;
      }),
    update: (c) =>
      refuseEnded() ??
      guarded(() => applyAndRecord(engine, { op: 'update', nodeId: c.nodeId, config: c.config }, log)),
    outage: (c) =>
      refuseEnded() ??
      guarded(() => {
        const command: RecordedCommand = { op: 'outage', nodeId: c.nodeId, down: c.down };
        const result = applyAndRecord(engine, command, log);
        if (!result.ok) return result;
        // Back up, held events are published now: a completed run has work again, a paused one shows them,
        // and the canvas shows the topic down (or up) without waiting for the next metrics tick.
        if (status === 'completed' && engine.nextTime() !== undefined) setRunning();
        else if (status !== 'running') publish(true);
        else postMetrics();
        return result;
      }),
    down: (c) =>
      refuseEnded() ??
      guarded(() => {
        const command: RecordedCommand = {
          op: 'down',
          nodeId: c.nodeId,
          down: c.down,
          ...(c.instance === undefined ? {} : { instance: c.instance }),
        };
        const result = applyAndRecord(engine, command, log);
        if (!result.ok) return result;
        // Bringing a group back with lag gives a completed run work again: it waits, paused, like a replay.
        if (status === 'completed' && engine.nextTime() !== undefined) {
          status = 'paused';
          postState();
        }
        if (status !== 'running') publish(true);
        return result;
      }),
    replay: (c) =>
      refuseEnded() ??
      guarded(() => {
        const command: RecordedCommand =
          'fromTime' in c
            ? { op: 'replay-time', nodeId: c.nodeId, fromTime: c.fromTime }
            : { op: 'replay', nodeId: c.nodeId, fromOffset: c.fromOffset };
        const result = applyAndRecord(engine, command, log);
        // A completed run waits, paused, so the group's grown lag can be seen before Play redelivers it.
        if (result.ok && status === 'completed') {
          status = 'paused';
          postState();
        }
        // The lag moved at once, while a paused run sends no metrics of its own: show it on the canvas too.
        if (result.ok) postMetrics();
        return result;
      }),
    get: (c) => {
      if (!engine.trace.event(c.eventId))
        return fail('unknown-event', `no event ${c.eventId} in the run's store`);
      return ok(engine.trace.path(c.eventId));
    },
    query: (c) => ok(engine.trace.query(c.filter, c.cursor, c.limit, queryStart(c))),
    topic: ({ op: _op, nodeId, ...query }) => engine.readTopic(nodeId, query),
    projection: (c) => engine.readProjection(c.nodeId, c.seq),
    aggregate: (c) => engine.readAggregate(c.nodeId, c.aggregate),
    rebuild: (c) =>
      refuseEnded() ??
      guarded(() => {
        const result = applyAndRecord(
          engine,
          { op: 'rebuild', nodeId: c.nodeId, fromSnapshot: c.fromSnapshot },
          log,
        );
        // A completed run has the rebuild's work now: it waits, paused, like a replay.
        if (result.ok && status === 'completed') {
          status = 'paused';
          postState();
        }
        if (result.ok) postMetrics();
        return result;
      }),
    resync: (c) => ok(stream.resync(c.fromSeq)),
    counts: (c) => countsAtSeq(engine.trace, engine.flow, c.seq),
    read: (c) => ok(readPage(engine.trace, c, generation)),
    otlp: (c) => ok(otlpPage(engine, c.maxHops)),
    summary: () =>
      ok(
        frozen
          ? { summary: frozen.summary, finished: frozen.idle }
          : { summary: engine.summary(), finished: engine.nextTime() === undefined },
      ),
    fail: (c) => {
      finish('failed', c.reason);
      return ok(null);
    },
    breakpoints: (c) => breakpoints.set(c.breakpoints),
    export: () =>
      ok({
        format: 'eventflow.replay' as const,
        version: 1 as const,
        flow: init.flow,
        seed,
        script: { commands: [...log], end: engine.position() },
        lastSeq: engine.trace.lastSeq(),
      }),
  };

  /**
   * A shared run replays its commands before the loop starts and then waits, paused (or completed), where it
   * was shared; its hops go out like a paced run's (sampled when there are many). A script that does not fit
   * fails the run with the reason.
   */
  function startReplayed(script: ReplayScript): void {
    const played = guarded(() => playScript(engine, script));
    if (!played.ok) {
      finish('failed', `the replay does not fit this flow and seed: ${played.message}`);
      return;
    }
    // Their answers are in the script: a replay never calls the endpoints again.
    engine.takeWebhookRequests();
    log = [...script.commands];
    status = engine.nextTime() === undefined ? 'completed' : 'paused';
    stream.flush(false);
    postState();
  }

  if (init.replay) startReplayed(init.replay);
  else if (status === 'running') setRunning();
  else postState();
  postMetrics();

  return {
    handle(command) {
      const handler = handlers[command.op] as (c: RunCommand) => Result<unknown>;
      return handler(command);
    },
    dispose() {
      webhooks.close();
      pacer.stop();
      stopTimers();
      if (releaseTimer) clearTimeout(releaseTimer);
    },
  };
}
