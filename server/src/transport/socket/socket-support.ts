import { parseFlow, type FlowDoc, type FlowDocInput, type Hop, type Result } from '@eventflow/shared';
import type { TestClient } from '../test-support.js';

/** Emits a command and resolves with its ack. */
export function send<T = unknown>(client: TestClient, event: string, payload: unknown): Promise<Result<T>> {
  return new Promise((resolve) => {
    (client.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, resolve);
  });
}

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Recorder {
  hops: Hop[];
  sampledBatches: number;
  states: { status: string; t: number; reason?: string }[];
  metrics: { t: number }[];
}

/** Records everything a client is sent for one run. */
export function record(client: TestClient, run: { id?: string }): Recorder {
  const rec: Recorder = { hops: [], sampledBatches: 0, states: [], metrics: [] };
  client.on('trace:hops', (e) => {
    if (e.runId !== run.id) return;
    rec.hops.push(...e.hops);
    if (e.sampled) rec.sampledBatches += 1;
  });
  client.on('run:state', (e) => {
    if (e.runId === run.id)
      rec.states.push({ status: e.status, t: e.t, ...(e.reason ? { reason: e.reason } : {}) });
  });
  client.on('run:metrics', (e) => {
    if (e.runId === run.id) rec.metrics.push({ t: e.t });
  });
  return rec;
}

export function parsed(doc: FlowDocInput | unknown): FlowDoc {
  const r = parseFlow(doc);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.flow;
}

export const lastState = (rec: Recorder) => rec.states.at(-1)?.status;
