/**
 * A separate process for the socket-stream bench: joins a run, then the parent SIGSTOPs it so it stops
 * reading its socket for real (the kernel buffers fill and the server sees an unwritable connection).
 * Prints one JSON line per second: batches and hops received so far.
 */
import { PROTOCOL_VERSION } from '@eventflow/shared';
import { io } from 'socket.io-client';

const [url, runId, sessionToken] = process.argv.slice(2);
if (!url || !runId || !sessionToken)
  throw new Error('usage: socket-stall-client <url> <runId> <sessionToken>');
const socket = io(url, { transports: ['websocket'], reconnection: false });
let batches = 0;
let hops = 0;
let lastSeq = 0;
socket.on('trace:hops', (e: { hops: { seq: number }[] }) => {
  batches += 1;
  hops += e.hops.length;
  lastSeq = e.hops.at(-1)?.seq ?? lastSeq;
});
socket.on('connect', () => {
  socket.emit('session:hello', { protocolVersion: PROTOCOL_VERSION, sessionToken }, () => {
    socket.emit('run:resync', { runId, fromSeq: 1_000_000_000 }, (r: { ok: boolean }) => {
      process.stdout.write(`${JSON.stringify({ joined: r.ok })}\n`);
    });
  });
});
socket.on('disconnect', (reason) => process.stdout.write(`${JSON.stringify({ disconnected: reason })}\n`));
setInterval(
  () => process.stdout.write(`${JSON.stringify({ batches, hops, lastSeq, connected: socket.connected })}\n`),
  1000,
);
