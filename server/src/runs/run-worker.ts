import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  fail,
  flowRevision,
  parseFlow,
  parseTraceNdjson,
  realWebhookProblems,
  RECORDED_UPLOAD_MAX_HOPS,
  recordedTraceProblems,
  type Hop,
  type Problem,
} from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { brokerRunProblems } from '../brokers/runtime/plan.js';
import { createBrokerLoop } from './broker-loop.js';
import { createRecordedLoop } from './recorded-loop.js';
import { createRunLoop } from './run-loop.js';
import type { RunLoop } from './run-loop.js';
import type { FromWorker, RunInit, ToWorker } from './worker-protocol.js';

// Entry point of a run's worker thread: everything here runs off the server's event loop.
const port = parentPort;
if (!port) throw new Error('run-worker must be started as a worker thread');

const post = (msg: FromWorker) => port.postMessage(msg);
// Booted ahead of need by the pool; the run's flow arrives as the first message.
let loop: RunLoop | undefined;

// A worker inherits `gc` only when the server runs with --expose-gc (workers refuse it in their execArgv, and
// reaching it through `node:vm` would break the rule that nothing here evaluates code). Without it, an ended
// run's released memory shows in its next heap report once V8 collects on its own.
const gc = (globalThis as { gc?: () => void }).gc;

/** Heap plus typed-array backing stores of this isolate: the trace store lives mostly in the latter. */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * An uploaded trace's hops. The upload route checked every line already; they are checked again here because
 * the schema is what makes them hops, and this costs the worker's time, not the server's.
 */
function uploadedHops(bytes: Uint8Array): Hop[] | { problems: Problem[] } {
  const parsed = parseTraceNdjson(new TextDecoder().decode(bytes), RECORDED_UPLOAD_MAX_HOPS);
  return parsed.ok
    ? parsed.hops
    : { problems: parsed.problems.map((p) => ({ ...p, path: `recordedUpload.${p.path}` })) };
}

/** Parsing a large flow (schema, graph rules, every CEL expression) is the costly part of a start. */
function begin(init: RunInit): void {
  const parsed = parseFlow(init.flow);
  if (!parsed.ok) return post({ kind: 'rejected', problems: parsed.problems });
  const flow = parsed.flow;
  const refused = realWebhookProblems(flow, init.webhookAllow);
  if (refused.length) return post({ kind: 'rejected', problems: refused });
  const seed = init.seed ?? flow.seed ?? init.defaultSeed;
  const recorded = init.recorded ?? (init.recordedNdjson && uploadedHops(init.recordedNdjson));
  if (recorded && !Array.isArray(recorded)) return post({ kind: 'rejected', problems: recorded.problems });
  if (recorded) {
    const problems = recordedTraceProblems(flow, recorded).map((p) => ({ ...p, path: `recorded.${p.path}` }));
    if (problems.length) return post({ kind: 'rejected', problems });
    post({ kind: 'accepted', flowRevision: flowRevision(flow), flowName: flow.name, seed });
    // The upload's bytes are not kept once parsed: the trace index holds the hops.
    const { recordedNdjson: _bytes, ...rest } = init;
    loop = createRecordedLoop({ init: { ...rest, flow, seed, recorded }, post, heapBytes });
    return;
  }
  const broker = init.broker;
  if (broker) {
    // What only the simulator models is refused before the run starts, each with its node and what to do.
    const problems = brokerRunProblems(flow).map((p) => ({
      path: `nodes.${p.node}`,
      message: `${p.message} (running on ${broker.kind})`,
      severity: 'error' as const,
    }));
    if (problems.length) return post({ kind: 'rejected', problems });
    post({ kind: 'accepted', flowRevision: flowRevision(flow), flowName: flow.name, seed });
    loop = createBrokerLoop({
      init: { ...init, flow, seed, broker },
      post,
      heapBytes,
      runName: init.runId ?? `run${Date.now().toString(36)}`,
    });
    return;
  }
  post({ kind: 'accepted', flowRevision: flowRevision(flow), flowName: flow.name, seed });
  loop = createRunLoop({
    init: { ...init, flow, seed },
    createEngine,
    post,
    wallNow: () => performance.now(),
    heapBytes,
    collect: () => gc?.(),
  });
}

port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'init') {
    if (!loop) begin(msg.init);
    return;
  }
  let result;
  try {
    result = loop ? loop.handle(msg.command) : fail('internal', 'the run has not started');
  } catch (err) {
    result = fail('internal', err instanceof Error ? err.message : 'command failed');
  }
  post({ kind: 'reply', id: msg.id, result });
});
