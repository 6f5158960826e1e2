import { flowRevision, type FlowDoc, type Hop, type Result } from '@eventflow/shared';
import type {
  Channel,
  CommandName,
  CommandPayload,
  CommandResult,
  ServerEvent,
  ServerPayload,
} from './channel';
import { createFakeRooms } from './fake-rooms';
import { fitAnswer, fitEvent } from './fake-protocol-fit';

/** A run the fake server started, with the document it was started with (its hops name only those nodes). */
export interface FakeRun {
  id: string;
  doc: FlowDoc;
  seq: number;
  events: number;
}

interface Held {
  name: CommandName;
  payload: unknown;
  resolve: (r: Result<unknown>) => void;
}

/**
 * An in-memory stand-in for the socket and a tiny server behind it, for the session's unit and model tests.
 * Answers come at once, or are held (`hold = true`) and released in any order, so tests can deliver an ack
 * after the user has moved on. Hops and events are named after their run (`run-2:e1`), so a test can
 * tell which run anything on the client came from.
 */
/** How many events the fake's list holds when a `trace:query` jumps (`row` or `eventId`). */
export const LIST_EVENTS = 2000;

export function createFakeChannel() {
  const handlers = new Map<string, Set<(p: unknown) => void>>();
  const reconnects = new Set<() => void>();
  const notices = new Set<(m: string) => void>();
  const runs = new Map<string, FakeRun>();
  const sent: { name: CommandName; payload: unknown }[] = [];
  const held: Held[] = [];
  let nextRun = 0;

  const hopsOf = (run: FakeRun, count: number): Hop[] => {
    const nodes = run.doc.nodes;
    const out: Hop[] = [];
    for (let i = 0; i < count && nodes.length > 0; i += 1) {
      run.events += 1;
      const node = nodes[run.events % nodes.length];
      if (!node) continue;
      run.seq += 1;
      out.push({
        seq: run.seq,
        t: run.seq * 10,
        type: 'produced',
        event: `${run.id}:e${run.events}`,
        trace: 't',
        node: node.id,
      });
    }
    return out;
  };

  const serve = (name: CommandName, payload: unknown): Result<unknown> => {
    const p = payload as { runId?: string; flow?: FlowDoc; eventId?: string };
    if (name === 'run:start') {
      const id = `run-${++nextRun}`;
      const doc = p.flow as FlowDoc;
      runs.set(id, { id, doc, seq: 0, events: 0 });
      const revision =
        fake.revisionOf === 'v1'
          ? undefined
          : fake.revisionOf === 'other'
            ? '0000000000000000'
            : flowRevision(doc);
      return { ok: true, value: { runId: id, ...(revision ? { flowRevision: revision } : {}) } };
    }
    if (name.startsWith('room:')) return rooms.serve(name, payload);
    if (fake.refuse && name !== 'run:stop') return { ok: false, ...fake.refuse };
    const run = p.runId ? runs.get(p.runId) : undefined;
    if (!run) return { ok: false, code: 'unknown-run', message: `no run '${p.runId ?? ''}'` };
    switch (name) {
      case 'run:step':
        // Like the server: the stepped hop is streamed before the ack.
        emit('trace:hops', { runId: run.id, hops: hopsOf(run, 1), sampled: false });
        return { ok: true, value: { hops: 1 } };
      case 'producer:fire':
        return { ok: true, value: { eventId: `${run.id}:fired` } };
      case 'run:topic-outage':
        return { ok: true, value: null };
      case 'trace:get': {
        const hop = hopsOf(run, 1);
        const hops = hop.map((h) => ({ ...h, event: p.eventId ?? h.event }));
        return { ok: true, value: { hops, events: [], truncated: false } };
      }
      case 'trace:query': {
        // A jump (row or event id) reads a list of LIST_EVENTS events e1…eN, so a test can tell pages apart.
        const q = payload as { row?: number; eventId?: string; limit?: number };
        if (q.row !== undefined || q.eventId !== undefined) {
          const offset = Math.min(LIST_EVENTS, q.eventId ? Number(q.eventId.slice(1)) - 1 : (q.row ?? 0));
          const n = Math.min(q.limit ?? 100, LIST_EVENTS - offset);
          const events = Array.from({ length: n }, (_, i) => ({
            id: `e${offset + i + 1}`,
            type: 'T',
            t: offset + i,
            node: 'p',
            outcomes: {},
          }));
          const cursor = offset + n < LIST_EVENTS ? { cursor: String(offset + n) } : {};
          return { ok: true, value: { events, total: LIST_EVENTS, offset, ...cursor } };
        }
        const node = run.doc.nodes[0]?.id;
        const events = node ? [{ id: `${run.id}:e1`, type: 'T', t: 0, node, outcomes: {} }] : [];
        return { ok: true, value: { events, total: events.length } };
      }
      case 'topic:read': {
        // One partition, two entries, one group that has read the first: enough to tell views apart by run.
        const q = payload as { nodeId: string };
        const events = [0, 1].map((offset) => ({
          offset,
          eventId: `${run.id}:e${offset + 1}`,
          type: 'T',
          t: offset,
        }));
        return {
          ok: true,
          value: {
            nodeId: q.nodeId,
            t: run.seq * 10,
            partitions: [{ partition: 0, oldest: 0, next: 2, events }],
            groups: [{ group: 'g', consumerNodeId: 'c', committed: [1], lag: [1] }],
          },
        };
      }
      case 'run:metrics-at': {
        // Counts that say which hop they are of: every node's `in` is the seq asked for.
        const { seq } = payload as { seq: number };
        if (seq > run.seq) return { ok: false, code: 'unknown-event', message: `no hop ${seq}` };
        const nodes = Object.fromEntries(
          run.doc.nodes.map((n) => [n.id, { in: seq, out: 0, inFlight: 0, failures: 0 }]),
        );
        return { ok: true, value: { seq, t: seq * 10, fromSeq: 1, nodes, edges: {} } };
      }
      case 'run:resync':
        return { ok: true, value: { hops: hopsOf(run, 1), complete: true } };
      case 'lesson:check': {
        const { lessonId } = payload as { lessonId: string };
        const pass = fake.lessonPass;
        const reason = pass ? 'Nothing was dead-lettered.' : '2 events were dead-lettered (charger: 2).';
        const rules = [{ rule: 'nothing-dead-lettered', pass, reason }];
        return {
          ok: true,
          value: {
            lessonId,
            goal: 'Dead-letter nothing',
            pass,
            finished: true,
            reason,
            rules,
            recorded: false,
          },
        };
      }
      case 'run:export-replay': {
        const at = { t: run.seq * 10, tasks: run.seq, seq: run.seq };
        const script = { commands: [{ at, command: { op: 'fire', nodeId: 'p' } }], end: at };
        return {
          ok: true,
          value: { format: 'eventflow.replay', version: 1, flow: run.doc, seed: 7, script, lastSeq: run.seq },
        };
      }
      case 'run:watch':
        // Every hop the run has had so far from `fromSeq` on, and one more: as the server, nothing missing.
        return {
          ok: true,
          value: { hops: hopsOf(run, 1), complete: true, flowRevision: flowRevision(run.doc) },
        };
      case 'projection:read': {
        // One row whose state names the run and the hop asked for, so a test can tell answers apart.
        const q = payload as { nodeId: string; seq?: number };
        const seq = q.seq ?? run.seq;
        const row = { aggregate: 'o-1', version: 1, state: { run: run.id, seq }, t: 0 };
        return {
          ok: true,
          value: {
            nodeId: q.nodeId,
            seq,
            t: 0,
            rows: [row],
            total: 1,
            written: 1,
            applied: 1,
            behindMs: 0,
            ahead: {},
          },
        };
      }
      case 'run:breakpoints': {
        const list = (payload as { breakpoints: { enabled: boolean }[] }).breakpoints;
        return { ok: true, value: { enabled: list.filter((b) => b.enabled).length } };
      }
      default:
        return { ok: true, value: null };
    }
  };

  const channel: Channel = {
    send: <K extends CommandName>(name: K, payload: CommandPayload<K>) =>
      new Promise<CommandResult<K>>((resolve) => {
        sent.push({ name, payload });
        // A v1 server's `run:start` ack is older than the table on purpose (it names no revision).
        const legacy = fake.revisionOf === 'v1' && name === 'run:start';
        const answer = (r: Result<unknown>) => resolve((legacy ? r : fitAnswer(name, r)) as CommandResult<K>);
        if (fake.hold) held.push({ name, payload, resolve: answer });
        else answer(serve(name, payload));
      }),
    on: <E extends ServerEvent>(event: E, handler: (payload: ServerPayload<E>) => void) => {
      const set = handlers.get(event) ?? new Set();
      const h = (p: unknown) => handler(p as ServerPayload<E>);
      set.add(h);
      handlers.set(event, set);
      return () => set.delete(h);
    },
    onReconnect: (h) => {
      reconnects.add(h);
      return () => reconnects.delete(h);
    },
    onNotice: (h) => {
      notices.add(h);
      return () => notices.delete(h);
    },
    token: () => 'fake-token-0123456789',
  };

  const emit = <E extends ServerEvent>(event: E, payload: ServerPayload<E>) => {
    fitEvent(event, payload);
    for (const h of handlers.get(event) ?? []) h(payload);
  };

  const rooms = createFakeRooms(emit, (runId) => runs.get(runId)?.doc);

  const fake = {
    channel,
    /** The fake server's workshop rooms (see fake-rooms.ts). */
    rooms,
    runs,
    sent,
    held,
    /** When true, answers wait in `held` until `release` is called. */
    hold: false,
    /** What `lesson:check` answers. */
    lessonPass: false,
    /** What the `run:start` ack says the run is of: the document sent, another one, or nothing (a v1 server). */
    revisionOf: 'sent' as 'sent' | 'other' | 'v1',
    /** When set, every command but `run:start`/`run:stop` is refused with it (a server that lost the session). */
    refuse: null as { code: 'forbidden' | 'no-session'; message: string } | null,
    /** Answers the held command at `index` (default: the oldest) as the server would now. */
    release(index = 0) {
      const [h] = held.splice(index, 1);
      if (h) h.resolve(serve(h.name, h.payload));
    },
    releaseAll() {
      while (held.length) fake.release();
    },
    /** The commands sent so far with this name, in order. */
    sentOf(name: CommandName) {
      return sent.filter((s) => s.name === name).map((s) => s.payload);
    },
    /** The server streams `count` hops of a run (any run it ever started, current or not). */
    streamHops(runId: string, count = 1) {
      const run = runs.get(runId);
      if (run) emit('trace:hops', { runId, hops: hopsOf(run, count), sampled: false });
    },
    streamMetrics(runId: string) {
      const run = runs.get(runId);
      if (!run) return;
      const nodes = Object.fromEntries(
        run.doc.nodes.map((n) => [n.id, { in: 1, out: 1, rate: 1, inFlight: 0, failures: 0 }]),
      );
      emit('run:metrics', { runId, t: run.seq * 10, nodes, edges: {} });
    },
    streamState(runId: string, status: 'running' | 'paused' | 'completed') {
      const run = runs.get(runId);
      if (run) emit('run:state', { runId, status, t: run.seq * 10 });
    },
    reconnect() {
      for (const h of reconnects) h();
    },
    emit,
  };
  return fake;
}

export type FakeChannel = ReturnType<typeof createFakeChannel>;
