/**
 * Part of the workshop bench's attendee fleet, in a process of its own so decoding every attendee's hop
 * batches does not share one event loop (the server's latency, not the fleet's, is what is measured).
 * Each attendee is a real socket.io client: `session:hello`, `room:join`, `run:watch`. The parent arms one
 * expectation at a time; once every attendee here has seen it, the last receipt time goes back.
 */
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Result,
  type RoomJoined,
  type ServerToClientEvents,
} from '@eventflow/shared';
import { epochNow, type Expect, type FromFleet, type ToFleet } from './workshop-ipc.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const tell = (m: FromFleet) => process.send?.(m);
const now = () => epochNow(performance.timeOrigin, performance.now());

function send<T>(c: Client, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (c.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, (r) =>
      r.ok ? resolve(r.value) : reject(new Error(`${event}: ${r.code} ${r.message}`)),
    );
  });
}

interface Armed {
  id: number;
  expect: Expect;
  pending: Set<Client>;
  lastAt: number;
}

const clients: Client[] = [];
let armed: Armed | undefined;

function seen(c: Client, matches: (e: Expect) => boolean) {
  if (!armed || !armed.pending.has(c) || !matches(armed.expect)) return;
  armed.pending.delete(c);
  armed.lastAt = now();
  settle();
}

function settle() {
  if (armed && armed.pending.size === 0) {
    tell({ type: 'got', id: armed.id, lastAt: armed.lastAt || now() });
    armed = undefined;
  }
}

async function attendee(url: string, code: string, name: string): Promise<Client> {
  const c: Client = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    // A fleet of hundreds decoding every batch is slow to answer handshakes; socket.io's 20 s is not enough.
    timeout: 120_000,
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', resolve);
    c.once('connect_error', reject);
  });
  c.on('run:state', (e) => seen(c, (x) => x.kind === 'state' && x.status === e.status));
  c.on('room:state', (e) =>
    seen(
      c,
      (x) => x.kind === 'delta' && e.kind === 'delta' && e.delta.follow?.selection?.eventId === x.eventId,
    ),
  );
  c.on('trace:hops', () => seen(c, (x) => x.kind === 'hops'));
  // A dropped attendee is reported and no longer waited for (it would make every later action "lost").
  c.on('disconnect', (reason) => {
    if (clients.includes(c)) clients.splice(clients.indexOf(c), 1);
    armed?.pending.delete(c);
    // The fleet's own close at the end is not a drop.
    if (reason !== 'io client disconnect') tell({ type: 'dropped', reason });
    settle();
  });
  await send(c, 'session:hello', { protocolVersion: PROTOCOL_VERSION });
  const joined = await send<RoomJoined>(c, 'room:join', { code, name });
  const run = joined.snapshot.run;
  if (!run) throw new Error(`workshop ${code} follows no run`);
  await send(c, 'run:watch', { runId: run.runId, viewKey: run.viewKey, fromSeq: Number.MAX_SAFE_INTEGER });
  return c;
}

process.on('message', (m: ToFleet) => {
  if (m.type === 'join') {
    void (async () => {
      // A few at a time: a thundering herd of handshakes is not what is being measured.
      for (let i = 0; i < m.count; i += 10) {
        const batch = Array.from({ length: Math.min(10, m.count - i) }, (_, j) =>
          attendee(m.url, m.code, `Attendee ${m.from + i + j}`),
        );
        clients.push(...(await Promise.all(batch)));
      }
      tell({ type: 'joined', count: clients.length });
    })().catch((err: unknown) => tell({ type: 'error', message: String(err) }));
  } else if (m.type === 'arm') {
    armed = { id: m.id, expect: m.expect, pending: new Set(clients), lastAt: 0 };
    tell({ type: 'armed', id: m.id });
  } else {
    for (const c of clients) c.disconnect();
    process.exit(0);
  }
});
