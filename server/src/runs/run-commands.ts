import { fail, ok, type RecordedCommand, type Result } from '@eventflow/shared';
import type { Engine } from '../engine/api.js';
import { applyAndRecord } from '../engine/script.js';
import { countsAtSeq } from './counts-at-seq.js';
import type { HopStream } from './hop-stream.js';
import { otlpPage } from './otlp-page.js';
import { queryStart } from './query-start.js';
import { endedRefusal, type RunControl } from './run-control.js';
import type { RunReport } from './run-report.js';
import { isEnded, type RunState } from './run-state.js';
import { readPage } from './trace-page.js';
import type { LoopInit, RunCommand } from './worker-protocol.js';

export type RunCommandHandlers = {
  [K in RunCommand['op']]: (c: Extract<RunCommand, { op: K }>) => Result<unknown>;
};

/** One handler per worker command: what each does to the engine and which status it leaves the run in. */
export function createRunCommands(
  init: LoopInit,
  state: RunState,
  control: RunControl,
  stream: HopStream,
  report: RunReport,
): RunCommandHandlers {
  const { guarded, holdStill, refuseEnded, publish, breakpoints } = control;
  const { postState, postMetrics } = report;
  const record = (command: RecordedCommand) => applyAndRecord(state.engine, command, state.log);

  return {
    pause: () => {
      if (state.status === 'running') control.setPaused();
      return ok(null);
    },
    resume: () => {
      if (isEnded(state)) return endedRefusal(state);
      if (state.status !== 'running') control.setRunning();
      return ok(null);
    },
    step: (c) =>
      holdStill() ??
      guarded(() => {
        const hops = state.engine.step(c.hops);
        publish(true);
        if (hops < c.hops && control.workDone()) state.status = 'completed';
        postState();
        return ok({ hops });
      }),
    advance: (c) =>
      holdStill() ??
      guarded(() => {
        // Paused on a breakpoint on the way: that pause has been published and announced.
        if (breakpoints.advance(state.engine.now() + c.ms)) return ok({ t: state.engine.now() });
        publish(false);
        state.status = control.workDone() ? 'completed' : 'paused';
        postState();
        return ok({ t: state.engine.now() });
      }),
    stop: () => {
      control.finish('stopped', 'stopped by a client');
      return ok(null);
    },
    reset: () => {
      control.reset();
      return ok(null);
    },
    speed: (c) => {
      state.speed = c.speed;
      if (state.status === 'running') control.applySpeed();
      return ok(null);
    },
    seed: (c) => {
      state.seed = c.seed;
      control.reset();
      return ok(null);
    },
    fire: (c) =>
      guarded(() => {
        if (isEnded(state)) return endedRefusal(state);
        const result = record({
          op: 'fire',
          nodeId: c.nodeId,
          ...(c.data === undefined ? {} : { data: c.data }),
        }) as ReturnType<Engine['fire']>;
        if (result.ok && state.status === 'completed') control.setRunning();
        else if (state.status !== 'running') publish(true);
        return result;
      }),
    update: (c) =>
      refuseEnded() ?? guarded(() => record({ op: 'update', nodeId: c.nodeId, config: c.config })),
    outage: (c) =>
      refuseEnded() ??
      guarded(() => {
        const result = record({ op: 'outage', nodeId: c.nodeId, down: c.down });
        if (!result.ok) return result;
        // Back up, held events are published now: a completed run has work again, a paused one shows them,
        // and the canvas shows the topic down (or up) without waiting for the next metrics tick.
        if (state.status === 'completed' && state.engine.nextTime() !== undefined) control.setRunning();
        else if (state.status !== 'running') publish(true);
        else postMetrics();
        return result;
      }),
    down: (c) =>
      refuseEnded() ??
      guarded(() => {
        const result = record({
          op: 'down',
          nodeId: c.nodeId,
          down: c.down,
          ...(c.instance === undefined ? {} : { instance: c.instance }),
        });
        if (!result.ok) return result;
        // Bringing a group back with lag gives a completed run work again: it waits, paused, like a replay.
        if (state.status === 'completed' && state.engine.nextTime() !== undefined) {
          state.status = 'paused';
          postState();
        }
        if (state.status !== 'running') publish(true);
        return result;
      }),
    replay: (c) =>
      refuseEnded() ??
      guarded(() => {
        const result = record(
          'fromTime' in c
            ? { op: 'replay-time', nodeId: c.nodeId, fromTime: c.fromTime }
            : { op: 'replay', nodeId: c.nodeId, fromOffset: c.fromOffset },
        );
        // A completed run waits, paused, so the group's grown lag can be seen before Play redelivers it.
        if (result.ok && state.status === 'completed') {
          state.status = 'paused';
          postState();
        }
        // The lag moved at once, while a paused run sends no metrics of its own: show it on the canvas too.
        if (result.ok) postMetrics();
        return result;
      }),
    get: (c) => {
      if (!state.engine.trace.event(c.eventId))
        return fail('unknown-event', `no event ${c.eventId} in the run's store`);
      return ok(state.engine.trace.path(c.eventId));
    },
    query: (c) => ok(state.engine.trace.query(c.filter, c.cursor, c.limit, queryStart(c))),
    topic: ({ op: _op, nodeId, ...query }) => state.engine.readTopic(nodeId, query),
    projection: (c) => state.engine.readProjection(c.nodeId, c.seq),
    aggregate: (c) => state.engine.readAggregate(c.nodeId, c.aggregate),
    rebuild: (c) =>
      refuseEnded() ??
      guarded(() => {
        const result = record({ op: 'rebuild', nodeId: c.nodeId, fromSnapshot: c.fromSnapshot });
        // A completed run has the rebuild's work now: it waits, paused, like a replay.
        if (result.ok && state.status === 'completed') {
          state.status = 'paused';
          postState();
        }
        if (result.ok) postMetrics();
        return result;
      }),
    resync: (c) => ok(stream.resync(c.fromSeq)),
    counts: (c) => countsAtSeq(state.engine.trace, state.engine.flow, c.seq),
    read: (c) => ok(readPage(state.engine.trace, c, state.generation)),
    otlp: (c) => ok(otlpPage(state.engine, c.maxHops)),
    summary: () =>
      ok(
        state.frozen
          ? { summary: state.frozen.summary, finished: state.frozen.idle }
          : { summary: state.engine.summary(), finished: state.engine.nextTime() === undefined },
      ),
    fail: (c) => {
      control.finish('failed', c.reason);
      return ok(null);
    },
    breakpoints: (c) => breakpoints.set(c.breakpoints),
    export: () =>
      ok({
        format: 'eventflow.replay' as const,
        version: 1 as const,
        flow: init.flow,
        seed: state.seed,
        script: { commands: [...state.log], end: state.engine.position() },
        lastSeq: state.engine.trace.lastSeq(),
      }),
  };
}
