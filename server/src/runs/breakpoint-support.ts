import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Breakpoint, BreakpointHit, FlowDoc, Hop, Speed } from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { parsed } from '../transport/socket/socket-support.js';
import { DEFAULT_STREAM } from './defaults.js';
import { createRunLoop, type RunLoop } from './run-loop.js';
import type { StreamMessage } from './worker-protocol.js';

/** The fan-out example: 20 `OrderPlaced` events (`total` 5–500) to billing, shipping and analytics. */
export const fanOut = (): FlowDoc =>
  parsed(
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../examples/fan-out.flow.json', import.meta.url)), 'utf8'),
    ),
  );

export const bigOrderAtBilling: Breakpoint = {
  id: 'b1',
  name: 'big order at billing',
  node: 'billing',
  condition: 'data.total > 100 && type == "OrderPlaced"',
  enabled: true,
};

export interface LoopHarness {
  loop: RunLoop;
  messages: StreamMessage[];
  /** Every hop the loop streamed, in order. */
  hops(): Hop[];
  hits(): BreakpointHit[];
  waitFor(check: () => boolean, what: string): Promise<void>;
}

/** A run loop in this thread (no worker): the same code the worker runs, with its messages collected. */
export function startLoop(flow: FlowDoc, opts: { seed?: number; speed?: Speed; paused?: boolean } = {}) {
  const messages: StreamMessage[] = [];
  const loop = createRunLoop({
    init: {
      flow,
      seed: opts.seed ?? 7,
      speed: opts.speed ?? 'max',
      paused: opts.paused ?? true,
      limits: { maxHops: 10_000_000, maxCpuMs: 60_000, storeCapacity: 100_000 },
      stream: DEFAULT_STREAM,
      webhookAllow: [],
    },
    createEngine,
    post: (m) => messages.push(m),
    wallNow: () => performance.now(),
    heapBytes: () => 0,
    collect: () => undefined,
  });
  const harness: LoopHarness = {
    loop,
    messages,
    hops: () => messages.flatMap((m) => (m.kind === 'hops' ? m.hops : [])),
    hits: () => messages.flatMap((m) => (m.kind === 'state' && m.breakpoint ? [m.breakpoint] : [])),
    async waitFor(check, what) {
      const until = performance.now() + 10_000;
      while (!check()) {
        if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  return harness;
}

/** The whole trace of `flow` run to the end without breakpoints, for the ground truth. */
export function fullTrace(flow: FlowDoc, seed = 7) {
  const engine = createEngine({ flow, seed });
  engine.run();
  return {
    hops: engine.trace.read(1, engine.trace.lastSeq()),
    event: (id: string) => engine.trace.event(id),
  };
}
