import {
  flowRevision,
  topologyKey,
  type FlowDoc,
  type Hop,
  type ReplayFile,
  type Result,
  type Speed,
} from '@eventflow/shared';
import { runCleared } from '../../store/run-cleared';
import type { AppStore } from '../../store/store';
import type { Channel } from './channel';
import { hasEnabledBreakpoints, sendBreakpoints } from './breakpoints';
import { selectWatchesPresenter } from '../../store/room-slice';
import { refusePresentersRun } from './presenters-run';
import { bindServerFacts } from './server-facts';
import { isLive, sendConfigChanges, watchDrawing } from './live-edits';

export const TOPOLOGY_CHANGED =
  'The drawing changed, so the run was ended. Press Play to run the new drawing.';
/** Said instead of starting a run that could never produce an event (it would "complete" at once, silently). */
export const NO_PRODUCER = 'Add a producer to run this flow: events start at a producer.';

/** Every command the UI can give a run. Views call these; nothing else starts, ends or switches a run. */
export interface RunLifecycle {
  play: () => Promise<void>;
  pause: () => Promise<void>;
  /** Next hop: moves the replay cursor forward through recorded hops, else asks the server for one more. */
  step: () => Promise<void>;
  stepBack: () => void;
  /** Leaves the stepped-back view: the canvas and the clock follow the run's newest hop again. */
  toLive: () => void;
  reset: () => Promise<void>;
  stop: () => Promise<void>;
  setSpeed: (speed: Speed) => Promise<void>;
  setSeed: (seed: number) => Promise<void>;
  fire: (nodeId: string, data?: unknown) => Promise<string | null>;
  /** Starts a run of the document on screen that replays a shared run's commands and waits where it was shared. */
  playReplay: (file: Pick<ReplayFile, 'seed' | 'script'>) => Promise<string | null>;
  /** Opens a recorded trace's hops (checked against the document by the caller) as a finished run. */
  /** The hops themselves (within the socket's cap), or the handle of a trace uploaded first (`POST /api/recorded`). */
  playRecorded: (recorded: Hop[] | { upload: string }) => Promise<string | null>;
  /** Takes a topic's broker down or brings it back in the live run; false when there is none or it was refused. */
  setTopicDown: (nodeId: string, down: boolean) => Promise<boolean>;
  /** Ends the current run (fire-and-forget `run:stop`) and clears every trace of it, in one update. */
  endRun: () => void;
  /** Stops listening to the channel and the store (tests, unmount). */
  dispose: () => void;
}

/** Turns a failed answer into a toast; `forbidden`/`no-session` get a sentence the user can act on. */
export function reporter(store: AppStore) {
  return (r: Result<unknown>): boolean => {
    if (r.ok) return true;
    const s = store.getState();
    if (r.code === 'forbidden')
      s.notify(`Not allowed: this run belongs to another session (${r.message}).`, 'error');
    else if (r.code === 'no-session')
      s.notify('The server has not accepted this tab’s session yet. Reload the page to reconnect.', 'error');
    else s.notify(r.message, 'error');
    return false;
  };
}

export function createRunLifecycle(channel: Channel, store: AppStore): RunLifecycle {
  const get = () => store.getState();
  const report = reporter(store);
  const runId = () => get().run.id;
  // Bumped by every start and every end: an answer to a start whose ticket is no longer current was abandoned.
  let ticket = 0;

  const endRun = () => {
    ticket += 1;
    const id = runId();
    // A workshop attendee's run on screen is the presenter's: it is forgotten here, never stopped.
    if (id && !selectWatchesPresenter(get())) void channel.send('run:stop', { runId: id });
    store.setState(runCleared(get(), { keepRun: false }));
  };
  const restartTimeline = () => store.setState(runCleared(get(), { keepRun: true }));

  const start = async (
    paused: boolean,
    replay?: Pick<ReplayFile, 'seed' | 'script'>,
    recorded?: Hop[] | { upload: string },
  ): Promise<string | null> => {
    if (!get().present.nodes.some((n) => n.kind === 'producer')) {
      get().notify(NO_PRODUCER);
      return null;
    }
    const mine = ++ticket;
    const { run, present } = get();
    const doc: FlowDoc = present;
    store.setState(runCleared(get(), { keepRun: false }));
    get().runStarting(run.seed, run.speed, { topology: topologyKey(doc), revision: flowRevision(doc) });
    const seed = replay ? replay.seed : (run.seed ?? doc.seed);
    // A broker runs in wall time from the start: it cannot wait paused, and breakpoints are the simulator's.
    const runtime = replay || recorded ? 'simulator' : get().runtime;
    const onBroker = runtime !== 'simulator';
    // With breakpoints the run starts paused and runs only once they are set: none of its hops goes unchecked.
    const hold = !recorded && !onBroker && !paused && hasEnabledBreakpoints(store);
    const r = await channel.send('run:start', {
      flow: doc,
      speed: run.speed,
      paused: !onBroker && (paused || hold),
      ...(onBroker ? { runtime } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(replay ? { replay: replay.script } : {}),
      ...(Array.isArray(recorded) ? { recorded } : recorded ? { recordedUpload: recorded.upload } : {}),
    });
    if (mine !== ticket) {
      // The user switched documents (or edited the drawing) while this start was on its way.
      if (r.ok) void channel.send('run:stop', { runId: r.value.runId });
      return null;
    }
    if (!r.ok) {
      get().runFailed(
        r.problems?.[0] ? `${r.message}: ${r.problems[0].path} ${r.problems[0].message}` : r.message,
      );
      report({ ...r, message: `Run refused: ${r.message}` });
      return null;
    }
    // A v1 server answers without a revision: the run is then taken to be of the document sent.
    const revision = typeof r.value.flowRevision === 'string' ? r.value.flowRevision : null;
    const sent = get().run.sentRevision;
    if (revision !== null && revision !== sent) {
      // The server runs another document than the one on screen: showing its trace here would mislead.
      void channel.send('run:stop', { runId: r.value.runId });
      store.setState(runCleared(get(), { keepRun: false }));
      get().notify(
        `The server ran a different version of this flow (revision ${revision}, not ${sent ?? '?'}), so the run was stopped.`,
        'error',
      );
      return null;
    }
    get().runStarted(r.value.runId, paused, performance.now(), revision);
    // Config typed while the start was on its way reaches the engine like any later live edit.
    sendConfigChanges(channel, store, r.value.runId, doc, get().present);
    // A recorded run already happened: there is nothing for breakpoints to stop.
    if (!recorded && get().breakpoints.length > 0) {
      const set = await sendBreakpoints(channel, store, r.value.runId);
      if (hold && set && runId() === r.value.runId)
        report(await channel.send('run:resume', { runId: r.value.runId }));
    }
    return r.value.runId;
  };
  /** The live run, or a fresh one of the document on screen; null while a start is on its way or refused. */
  const liveOrStart = async (paused: boolean) => {
    if (get().run.phase === 'starting') return null;
    const id = runId();
    return id && isLive(get()) ? id : start(paused);
  };

  // Steps queue in order: a second Step pressed while the first is on its way (a start, the server's hop)
  // must step from where the first lands, not be dropped or read a cursor that is about to move.
  let stepping: Promise<void> | null = null;
  const serial = (work: () => Promise<void> | void): Promise<void> => {
    const next = (stepping ?? Promise.resolve()).then(work);
    const tracked: Promise<void> = next
      .catch(() => undefined)
      .then(() => {
        if (stepping === tracked) stepping = null;
      });
    stepping = tracked;
    return next;
  };
  const stepOnce = async () => {
    const { stepCursor, live } = get();
    if (stepCursor !== null && stepCursor < live.hops.length - 1) return get().setStepCursor(stepCursor + 1);
    const id = await liveOrStart(true);
    if (!id) return;
    const r = await channel.send('run:step', { runId: id, hops: 1 });
    if (report(r) && runId() === id) get().setStepCursor(get().live.hops.length - 1);
  };
  const stepBackOnce = () => {
    const { stepCursor, live } = get();
    if (live.hops.length === 0) return;
    get().setStepCursor((stepCursor ?? live.hops.length - 1) - 1);
  };

  const presenters = () => refusePresentersRun(store);

  const lifecycle: RunLifecycle = {
    play: async () => {
      if (presenters()) return;
      const id = runId();
      if (get().run.phase === 'starting') return;
      if (id && get().run.phase === 'paused') {
        get().setStepCursor(null);
        report(await channel.send('run:resume', { runId: id }));
      } else if (!id || !isLive(get())) await start(false);
    },
    pause: async () => {
      if (presenters()) return;
      const id = runId();
      if (id && isLive(get())) report(await channel.send('run:pause', { runId: id }));
    },
    step: () => (presenters() ? Promise.resolve() : serial(stepOnce)),
    stepBack: () => {
      if (stepping) void serial(stepBackOnce);
      else stepBackOnce();
    },
    toLive: () => get().setStepCursor(null),
    reset: async () => {
      if (presenters()) return;
      const id = runId();
      if (!id) return;
      // Cleared after the ack: hops and answers of the old timeline all arrive before it.
      if (report(await channel.send('run:reset', { runId: id })) && runId() === id) restartTimeline();
    },
    stop: async () => {
      if (presenters()) return;
      const id = runId();
      if (id) report(await channel.send('run:stop', { runId: id }));
    },
    setSpeed: async (speed) => {
      if (presenters()) return;
      get().setSpeed(speed);
      const id = runId();
      if (id && isLive(get())) report(await channel.send('run:speed', { runId: id, speed }));
    },
    setSeed: async (seed) => {
      if (presenters()) return;
      get().setSeed(seed);
      const id = runId();
      if (
        id &&
        isLive(get()) &&
        report(await channel.send('run:seed', { runId: id, seed })) &&
        runId() === id
      )
        restartTimeline();
    },
    fire: async (nodeId, data) => {
      if (presenters()) return null;
      const id = await liveOrStart(true);
      if (!id) return null;
      const r = await channel.send(
        'producer:fire',
        data === undefined ? { runId: id, nodeId } : { runId: id, nodeId, data },
      );
      return report(r) && r.ok ? r.value.eventId : null;
    },
    playReplay: (file) => start(true, file),
    playRecorded: (hops) => start(false, undefined, hops),
    setTopicDown: async (nodeId, down) => {
      const id = runId();
      if (!id || !isLive(get())) return false;
      return report(await channel.send('run:topic-outage', { runId: id, nodeId, down }));
    },
    endRun,
    dispose: () => undefined,
  };

  const unbind = bindServerFacts(channel, store, restartTimeline);
  const unwatch = watchDrawing(channel, store, () => {
    endRun();
    get().notify(TOPOLOGY_CHANGED);
  });
  lifecycle.dispose = () => {
    unbind();
    unwatch();
  };
  return lifecycle;
}
