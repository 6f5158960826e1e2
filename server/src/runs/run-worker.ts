import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { fail } from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { createRunLoop } from './run-loop.js';
import type { RunLoop } from './run-loop.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

// Entry point of a run's worker thread: everything here runs off the server's event loop.
const port = parentPort;
if (!port) throw new Error('run-worker must be started as a worker thread');

const post = (msg: FromWorker) => port.postMessage(msg);
// Booted ahead of need by the pool; the run's flow arrives as the first message.
let loop: RunLoop | undefined;

port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'init') {
    loop ??= createRunLoop({ init: msg.init, createEngine, post, wallNow: () => performance.now() });
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
