import { defaultCall, type Topology } from '@eventflow/shared';
import { H } from '../../hop-codes.js';
import { hop, TASK, type Ctx } from '../../ctx.js';
import { record } from '../../latency.js';
import {
  reasonCode,
  type Delivery,
  type OpenCall,
  type RtConsumer,
  type RtInstance,
  type RtService,
  type State,
} from '../../state.js';
import { sampleMs } from './duration.js';

/** Gives each caller its call edges (edge-id order) and each callee its service record. */
export function compileCalls(
  s: State,
  topo: Topology,
  nodeIndex: ReadonlyMap<string, number>,
  edgeIndex: ReadonlyMap<string, number>,
) {
  for (const [caller, edges] of topo.calls) {
    const c = s.consumers[nodeIndex.get(caller)!]!;
    c.calls = edges.map((e) => {
      const cfg = e.call ?? defaultCall();
      const callee = nodeIndex.get(e.target)!;
      s.services[callee] ??= { node: callee, serving: 0, queue: [] };
      return {
        edge: edgeIndex.get(e.id)!,
        callee,
        latencyMs: cfg.latencyMs,
        timeoutMs: cfg.timeoutMs,
        failureRate: cfg.failureRate,
      };
    });
  }
}

/** The calling instance still waits for this call: it has not timed out, and the instance did not go down. */
const waiting = (inst: RtInstance, pc: OpenCall) => inst.call === pc.id && inst.gen === pc.gen;

const capacity = (s: State, svc: RtService) => s.consumers[svc.node]!.active;

/** A hop of a call: the caller's event at the callee, along the call edge, naming the caller's instance. */
function callHop(s: Ctx, type: number, pc: OpenCall, reason = 0) {
  const inst = s.instances[pc.inst]!;
  const c = s.consumers[inst.consumer]!;
  const attempt = inst.current?.attempt ?? 0;
  hop(s, type, pc.event, pc.call.callee, pc.call.edge, c.group, inst.ordinal, -1, -1, attempt, reason);
}

/** The caller's instance makes its next call and waits, busy, for the answer or its timeout. */
export function startCall(s: Ctx, inst: RtInstance, c: RtConsumer, d: Delivery) {
  const call = c.calls[d.call]!;
  const svc = s.services[call.callee]!;
  const id = ++s.lastCallId;
  const pc: OpenCall = {
    id,
    inst: inst.index,
    gen: inst.gen,
    call,
    event: d.event,
    since: s.now,
    serving: false,
  };
  s.openCalls.set(id, pc);
  inst.call = id;
  s.counters.nodeIn[call.callee]!++;
  const cap = capacity(s, svc);
  const busy = svc.serving >= cap;
  const name = s.nodeIds[call.callee]!;
  const why = busy
    ? `all ${cap} instance${cap === 1 ? '' : 's'} of '${name}' busy: the call waits in its queue`
    : '';
  callHop(s, H.called, pc, busy ? reasonCode(s, why) : 0);
  s.sched.push(s.now + call.timeoutMs, TASK.callTimeout, inst.index, id);
  if (busy) svc.queue.push(pc);
  else serve(s, svc, pc);
}

function serve(s: Ctx, svc: RtService, pc: OpenCall) {
  pc.serving = true;
  svc.serving++;
  const ms = sampleMs(s, s.consumers[svc.node]!.config.processingMs) + sampleMs(s, pc.call.latencyMs);
  s.sched.push(s.now + ms, TASK.callAnswer, pc.id, 0);
}

/** Starts queued calls while the callee has a free instance; a call whose caller gave up leaves the queue. */
function serveNext(s: Ctx, svc: RtService) {
  const cap = capacity(s, svc);
  while (svc.serving < cap && svc.queue.length > 0) {
    const next = svc.queue.shift()!;
    if (s.openCalls.has(next.id) && waiting(s.instances[next.inst]!, next)) serve(s, svc, next);
    else s.openCalls.delete(next.id);
  }
}

/** What the caller's instance does next: go on (failure undefined) or fail its processing with this reason. */
export interface CallOutcome {
  inst: RtInstance;
  failure: string | undefined;
}

/**
 * The callee finished a call. Its instance is freed (and the next queued call starts) before the caller goes
 * on, so a caller calling again at once queues behind the calls that were already waiting.
 */
export function onCallAnswer(s: Ctx, id: number): CallOutcome | undefined {
  const pc = s.openCalls.get(id);
  if (!pc) return undefined;
  s.openCalls.delete(id);
  const svc = s.services[pc.call.callee]!;
  svc.serving--;
  serveNext(s, svc);
  const inst = s.instances[pc.inst]!;
  // Answered after the caller timed out or went down: the work was done for no one.
  if (!waiting(inst, pc)) return undefined;
  inst.call = 0;
  const callee = s.consumers[svc.node]!;
  const name = s.nodeIds[svc.node]!;
  record(s.latency.nodes[svc.node]!, s.now - pc.since);
  const rate = pc.call.failureRate;
  const own = callee.config.failureRate;
  const failure =
    rate > 0 && s.rng.float() < rate
      ? `call-failed: the call to '${name}' failed (failureRate ${rate})`
      : own > 0 && s.rng.float() < own
        ? `call-failed: '${name}' failed processing the call (failureRate ${own})`
        : undefined;
  if (failure) {
    s.counters.nodeFailed[svc.node]!++;
    callHop(s, H['call-failed'], pc, reasonCode(s, failure));
  } else {
    s.counters.nodeAcked[svc.node]!++;
    callHop(s, H['call-answered'], pc);
  }
  return { inst, failure };
}

/** The caller's timeout: unless the answer came first, it stops waiting and its processing fails. */
export function onCallTimeout(s: Ctx, instIndex: number, id: number): CallOutcome | undefined {
  const inst = s.instances[instIndex]!;
  const pc = s.openCalls.get(id);
  if (!pc || !waiting(inst, pc)) return undefined;
  inst.call = 0;
  // A queued call leaves the queue (skipped when it comes up); one being served still holds its instance.
  if (!pc.serving) s.openCalls.delete(id);
  const name = s.nodeIds[pc.call.callee]!;
  const failure = `call-timeout: no answer from '${name}' within ${pc.call.timeoutMs} ms`;
  callHop(s, H['call-timed-out'], pc, reasonCode(s, failure));
  return { inst, failure };
}

/** Calls a service is serving and calls queued whose callers still wait, for its live figures. */
export function serviceLoad(s: State, svc: RtService): { serving: number; queued: number } {
  const queued = svc.queue.filter((pc) => s.openCalls.has(pc.id) && waiting(s.instances[pc.inst]!, pc));
  return { serving: svc.serving, queued: queued.length };
}
