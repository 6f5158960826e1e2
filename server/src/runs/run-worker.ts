import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { fail } from '@eventflow/shared';
import { createEngine } from '../engine/index.js';
import { createRunLoop } from './run-loop.js';
import type { FromWorker, RunInit, ToWorker } from './worker-protocol.js';

// Entry point of a run's worker thread: everything here runs off the server's event loop.
const port = parentPort;
if (!port) throw new Error('run-worker must be started as a worker thread');

const post = (msg: FromWorker) => port.postMessage(msg);
const loop = createRunLoop({ init: workerData as RunInit, createEngine, post, wallNow: () => performance.now() });

port.on('message', (msg: ToWorker) => {
  if (msg.kind !== 'command') return;
  let result;
  try {
    result = loop.handle(msg.command);
  } catch (err) {
    result = fail('internal', err instanceof Error ? err.message : 'command failed');
  }
  post({ kind: 'reply', id: msg.id, result });
});
