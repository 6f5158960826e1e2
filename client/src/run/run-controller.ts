import type { FlowEvent, TraceFilter } from '@eventflow/shared';
import type { Speed } from '../store/run-slice';
import type { AppState, AppStore } from '../store/store';
import { localPath } from '../model/path';
import { bindServerEvents } from '../transport/use-server-events';
import {
  sendCommand,
  type AppSocket,
  type CommandName,
  type CommandPayload,
  type CommandResult,
} from '../transport/socket';

export const EVENTS_PAGE = 500;

/** Every command the UI can give a run. Components call these; only this module talks to the socket. */
export interface RunController {
  play: () => Promise<void>;
  pause: () => Promise<void>;
  /** Next hop: moves the replay cursor forward through recorded hops, else asks the server for one more. */
  step: () => Promise<void>;
  stepBack: () => void;
  reset: () => Promise<void>;
  stop: () => Promise<void>;
  setSpeed: (speed: Speed) => Promise<void>;
  setSeed: (seed: number) => Promise<void>;
  fire: (nodeId: string, data?: unknown) => Promise<string | null>;
  selectEvent: (eventId: string) => Promise<void>;
  loadEvents: (append: boolean) => Promise<void>;
  setFilter: (filter: TraceFilter) => Promise<void>;
  /** Every stored hop of the run, in order, as `eventflow run --trace` NDJSON. */
  /** The whole stored trace of the run as NDJSON (the CLI's `--trace` format), streamed from the server. */
  exportTrace: () => Promise<Blob | null>;
  /** The CloudEvent of a selected event, when its path has been fetched. */
  eventOf: (eventId: string) => FlowEvent | undefined;
}

const isLive = (s: AppState) => s.run.id !== null && (s.run.phase === 'running' || s.run.phase === 'paused');

export function createRunController(socket: AppSocket, store: AppStore): RunController {
  const get = () => store.getState();
  const send = <K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<K>> =>
    sendCommand(socket, name, payload);
  const report = (r: { ok: boolean; message?: string }) => {
    if (!r.ok && r.message) get().notify(r.message, 'error');
    return r.ok;
  };
  const runId = () => get().run.id;

  const start = async (paused: boolean) => {
    const { run, present } = get();
    get().runStarting(run.seed, run.speed);
    get().resetTrace();
    const seed = run.seed ?? present.seed;
    const r = await send('run:start', {
      flow: present,
      speed: run.speed,
      paused,
      ...(seed !== undefined ? { seed } : {}),
    });
    if (!r.ok) {
      get().runFailed(
        r.problems?.[0] ? `${r.message}: ${r.problems[0].path} ${r.problems[0].message}` : r.message,
      );
      get().notify(`Run refused: ${r.message}`, 'error');
      return null;
    }
    get().runStarted(r.value.runId, paused, performance.now());
    return r.value.runId;
  };

  const controller: RunController = {
    play: async () => {
      const id = runId();
      if (id && get().run.phase === 'paused') {
        get().setStepCursor(null);
        report(await send('run:resume', { runId: id }));
      } else if (!id || !isLive(get())) await start(false);
    },
    pause: async () => {
      const id = runId();
      if (id) report(await send('run:pause', { runId: id }));
    },
    step: async () => {
      const { stepCursor, live } = get();
      if (stepCursor !== null && stepCursor < live.hops.length - 1)
        return get().setStepCursor(stepCursor + 1);
      let id = runId();
      if (!id || !isLive(get())) id = await start(true);
      if (!id) return;
      const r = await send('run:step', { runId: id, hops: 1 });
      if (report(r)) get().setStepCursor(get().live.hops.length - 1);
    },
    stepBack: () => {
      const { stepCursor, live } = get();
      if (live.hops.length === 0) return;
      get().setStepCursor((stepCursor ?? live.hops.length - 1) - 1);
    },
    reset: async () => {
      const id = runId();
      if (!id) return;
      // Cleared after the ack: hops and queries of the old timeline all arrive before it.
      if (report(await send('run:reset', { runId: id }))) {
        get().resetTrace();
        get().clearRunData();
      }
    },
    stop: async () => {
      const id = runId();
      if (id) report(await send('run:stop', { runId: id }));
    },
    setSpeed: async (speed) => {
      get().setSpeed(speed);
      const id = runId();
      if (id && isLive(get())) report(await send('run:speed', { runId: id, speed }));
    },
    setSeed: async (seed) => {
      get().setSeed(seed);
      const id = runId();
      if (id && isLive(get()) && report(await send('run:seed', { runId: id, seed }))) {
        get().resetTrace();
        get().clearRunData();
      }
    },
    fire: async (nodeId, data) => {
      let id = runId();
      if (!id || !isLive(get())) id = await start(true);
      if (!id) return null;
      const r = await send(
        'producer:fire',
        data === undefined ? { runId: id, nodeId } : { runId: id, nodeId, data },
      );
      return report(r) && r.ok ? r.value.eventId : null;
    },
    selectEvent: async (eventId) => {
      const id = runId();
      if (!id) return;
      get().selectEvent(eventId, performance.now());
      const local = localPath(get().live.hops, eventId);
      if (local.length > 0) get().setPath(eventId, { hops: local, events: [], truncated: true }, true);
      const r = await send('trace:get', { runId: id, eventId });
      if (r.ok) get().setPath(eventId, r.value);
      else get().setPathError(eventId, r.message);
    },
    loadEvents: async (append) => {
      const id = runId();
      const { events } = get();
      if (!id || events.loading || (append && events.cursor === undefined)) return;
      const generation = events.generation;
      get().eventsLoading(generation);
      const page = append && events.cursor !== undefined ? { cursor: events.cursor } : {};
      const r = await send('trace:query', { runId: id, filter: events.filter, limit: EVENTS_PAGE, ...page });
      if (r.ok) get().setEventsPage(generation, r.value, append);
      else get().setEventsPage(generation, { events: append ? [] : [], total: events.total }, append);
    },
    setFilter: async (filter) => {
      get().setEventFilter(filter);
      await controller.loadEvents(false);
    },
    exportTrace: async () => {
      const id = runId();
      if (!id) return null;
      // The server streams every stored hop from the run's worker: byte-identical to `eventflow run --trace`.
      let res: Response;
      try {
        res = await fetch(`/api/runs/${encodeURIComponent(id)}/trace.ndjson`);
      } catch (e) {
        get().notify(`Trace export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
        return null;
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        get().notify(`Trace export failed: ${body.message ?? res.statusText}`, 'error');
        return null;
      }
      const blob = await res.blob();
      const evicted = Number(res.headers.get('X-Eventflow-Evicted') ?? 0);
      if (evicted > 0)
        get().notify(
          `The export starts at hop ${res.headers.get('X-Eventflow-First-Seq') ?? '?'}: ${evicted.toLocaleString()} older hops were evicted from the run’s store.`,
          'info',
        );
      return blob;
    },
    eventOf: (eventId) => get().selection?.path?.events.find((e) => e.id === eventId),
  };

  bindServerEvents(socket, store);
  watchConfigEdits(store, send);
  return controller;
}

/** Inspector edits reach a live run as `node:update`: the store is watched, the inspector is left alone. */
function watchConfigEdits(
  store: AppStore,
  send: <K extends CommandName>(name: K, payload: CommandPayload<K>) => Promise<CommandResult<K>>,
) {
  store.subscribe((next, prev) => {
    if (next.nodes === prev.nodes || !isLive(next) || !next.run.id) return;
    const before = new Map(prev.nodes.map((n) => [n.id, n.data.config]));
    for (const n of next.nodes) {
      const old = before.get(n.id);
      if (old === undefined || old === n.data.config) continue;
      const runId = next.run.id;
      void send('node:update', {
        runId,
        nodeId: n.id,
        config: n.data.config as Record<string, unknown>,
      }).then((r) => {
        if (!r.ok) store.getState().notify(`Live change not applied: ${r.message}`, 'error');
      });
    }
  });
}
