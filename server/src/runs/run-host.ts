import type { Worker } from 'node:worker_threads';
import { fail, type Result } from '@eventflow/shared';
import type {
  FromWorker,
  InitAnswer,
  RunCommand,
  RunInit,
  StreamMessage,
  ToWorker,
  ValueOf,
} from './worker-protocol.js';

export interface RunHostOptions {
  init: RunInit;
  /** A booted worker from the pool (its heap is capped there); it belongs to this run from now on. */
  worker: Worker;
  /** A command not answered within this many ms fails with `internal`. */
  replyTimeoutMs: number;
  /** The worker's verdict on the flow; it arrives before any stream message and is handled synchronously. */
  onInit: (answer: InitAnswer) => void;
  onStream: (msg: StreamMessage) => void;
  /** The worker ended without being asked to (crash, out of memory). */
  onCrash: (reason: string) => void;
}

export interface RunHost {
  /** `onReply` runs synchronously as the answer arrives, before any later stream message is handled. */
  request<C extends RunCommand>(
    command: C,
    onReply?: (r: Result<ValueOf<C>>) => void,
  ): Promise<Result<ValueOf<C>>>;
  terminate(): Promise<void>;
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function startRunHost(opts: RunHostOptions): RunHost {
  const worker = opts.worker;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let ended = false;

  function settleAll(reason: string): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve(fail('internal', reason));
      pending.delete(id);
    }
  }

  worker.on('message', (msg: FromWorker) => {
    if (msg.kind === 'accepted' || msg.kind === 'rejected') return opts.onInit(msg);
    if (msg.kind !== 'reply') return opts.onStream(msg);
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    p.resolve(msg.result);
  });
  let crash: string | undefined;
  worker.on('error', (err) => {
    crash = err.message || String(err);
  });
  worker.on('exit', (code) => {
    const wasEnded = ended;
    ended = true;
    settleAll('the run has ended');
    if (!wasEnded) opts.onCrash(crash ?? `the run's worker exited with code ${code}`);
  });

  const init: ToWorker = { kind: 'init', init: opts.init };
  // An uploaded trace's bytes move to the worker rather than being copied, when they own their whole buffer.
  const bytes = opts.init.recordedNdjson;
  const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  worker.postMessage(init, own ? [bytes.buffer as ArrayBuffer] : []);
  if (worker.threadId === -1) queueMicrotask(() => worker.emit('exit', 1));

  return {
    request(command, onReply) {
      if (ended) return Promise.resolve(fail('unknown-run', 'the run has ended'));
      const id = nextId++;
      return new Promise((resolve) => {
        const finish = (r: Result<unknown>) => {
          const typed = r as Result<ValueOf<typeof command>>;
          onReply?.(typed);
          resolve(typed);
        };
        const timer = setTimeout(() => {
          pending.delete(id);
          finish(fail('internal', `the run did not answer ${command.op} within ${opts.replyTimeoutMs} ms`));
        }, opts.replyTimeoutMs);
        pending.set(id, { resolve: finish, timer });
        const msg: ToWorker = { kind: 'command', id, command };
        worker.postMessage(msg);
      });
    },
    async terminate() {
      if (ended) return;
      ended = true;
      settleAll('the run has ended');
      await worker.terminate();
    },
  };
}
