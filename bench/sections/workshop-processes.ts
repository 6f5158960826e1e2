import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import type { ServerStats } from './workshop-ipc.js';

// The workshop bench's processes: the forked servers and fleets, and the presenter's socket.

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const here = path.dirname(fileURLToPath(import.meta.url));

/** A forked helper process and the next message of it that matches. */
export interface Child {
  proc: ChildProcess;
  /** Attendees the server disconnected, as a fleet reports them. */
  dropped: number;
  next<T>(match: (m: T) => boolean): Promise<T>;
}

export function spawnChild(script: string, args: string[] = []): Child {
  const proc = fork(path.join(here, script), args, {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: 'inherit',
  });
  const waiters = new Set<{ match: (m: unknown) => boolean; fail: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of [...waiters]) w.fail(e);
    waiters.clear();
  };
  proc.on('message', (m: unknown) => {
    if (typeof m === 'object' && m && 'type' in m && m.type === 'error')
      return failAll(new Error(`${script}: ${(m as { message?: string }).message}`));
    if (typeof m === 'object' && m && 'type' in m && m.type === 'dropped') {
      child.dropped += 1;
      console.error(`# workshop: an attendee was dropped (${(m as { reason?: string }).reason})`);
    }
    for (const w of [...waiters]) if (w.match(m)) waiters.delete(w);
  });
  proc.on('exit', (code) => failAll(new Error(`${script} exited (${code})`)));
  const child: Child = {
    proc,
    dropped: 0,
    next: <T>(match: (m: T) => boolean) =>
      new Promise<T>((resolve, reject) => {
        waiters.add({
          match: (m) => {
            if (!match(m as T)) return false;
            resolve(m as T);
            return true;
          },
          fail: reject,
        });
      }),
  };
  return child;
}

/** A command to the server, its answer unwrapped (a refusal rejects). */
export function send<T>(c: Client, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (c.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, (r) =>
      r.ok ? resolve(r.value) : reject(new Error(`${event}: ${r.code} ${r.message}`)),
    );
  });
}

/** A socket that said hello to the server at `url`: the presenter of the room. */
export async function presenterAt(url: string): Promise<Client> {
  const c: Client = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', resolve);
    c.once('connect_error', reject);
  });
  await send(c, 'session:hello', { protocolVersion: PROTOCOL_VERSION });
  return c;
}

/** Every server process's figures, summed (their clocks differ: wall time is the first's). */
export const stats = async (servers: Child[]): Promise<ServerStats> => {
  const each = await Promise.all(
    servers.map((s) => {
      const reply = s.next<ServerStats>((m) => m.type === 'stats');
      s.proc.send({ type: 'stats' });
      return reply;
    }),
  );
  return {
    type: 'stats',
    cpuMs: each.reduce((a, s) => a + s.cpuMs, 0),
    wallMs: each[0]?.wallMs ?? 0,
    rssMb: each.reduce((a, s) => a + s.rssMb, 0),
    heapMb: each.reduce((a, s) => a + s.heapMb, 0),
  };
};
