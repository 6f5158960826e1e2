import type { Duration } from '@eventflow/shared';

// What a consumer talks to besides its topics: the services it calls and a webhook's endpoint.

/** A service-call edge as its caller makes it (decision 0025). */
export interface RtCall {
  edge: number;
  /** The called consumer's node index. */
  callee: number;
  latencyMs: Duration;
  timeoutMs: number;
  failureRate: number;
}

/** One call from a caller's instance: queued at the callee, then served, then answered or abandoned. */
export interface OpenCall {
  id: number;
  /** The calling instance, and its gen when it called: a newer gen (it went down) abandons the call. */
  inst: number;
  gen: number;
  call: RtCall;
  event: number;
  since: number;
  serving: boolean;
}

/** A called consumer: it answers as many calls at once as it has instances and queues the rest, in order. */
export interface RtService {
  node: number;
  serving: number;
  queue: OpenCall[];
}

/** A webhook's modelled endpoint. */
export interface RtEndpoint {
  latencyMs: Duration;
  timeoutMs: number;
  /** Cumulative status-mix weights: ok, ok + client error, ok + client + server error. */
  cumulative: [number, number, number];
  total: number;
  /** Set when the endpoint is real: attempts are POSTed here by the run host, not drawn. */
  url?: string;
}
