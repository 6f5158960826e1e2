/** Messages between the workshop bench and its server and fleet processes (all JSON over `process.send`). */

export interface ServerStats {
  type: 'stats';
  /** User + system CPU of the whole server process so far, worker threads included (ms). */
  cpuMs: number;
  /** The server's monotonic clock when sampled (ms). */
  wallMs: number;
  rssMb: number;
  heapMb: number;
}

/** What one presenter action is seen as by an attendee. */
export type Expect =
  { kind: 'state'; status: 'paused' | 'running' } | { kind: 'delta'; eventId: string } | { kind: 'hops' };

export type ToFleet =
  | { type: 'join'; url: string; code: string; count: number; from: number }
  | { type: 'arm'; id: number; expect: Expect }
  | { type: 'close' };

export type FromFleet =
  | { type: 'joined'; count: number }
  | { type: 'armed'; id: number }
  /** Every attendee of this process has it; `lastAt` is the last one's receipt, in epoch ms (high-res). */
  | { type: 'got'; id: number; lastAt: number }
  /** The server closed an attendee's connection (the stall guard, say). */
  | { type: 'dropped'; reason: string }
  | { type: 'error'; message: string };

/** Epoch ms at sub-ms resolution, comparable between processes of one machine. */
export const epochNow = (timeOrigin: number, now: number) => timeOrigin + now;
