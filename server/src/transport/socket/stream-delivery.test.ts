import { describe, expect, it } from 'vitest';
import type { Hop } from '@eventflow/shared';
import type { StreamMessage } from '../../runs/worker-protocol.js';
import { streamToRooms, type AppServer } from './run-handlers.js';

/** The broadcasts a stream made: to which room, by which event name, volatile or not. */
function recordingServer() {
  const sent: { room: string; name: string; volatile: boolean }[] = [];
  const io = {
    to: (room: string) => ({
      emit: (name: string) => sent.push({ room, name, volatile: false }),
      volatile: { emit: (name: string) => sent.push({ room, name, volatile: true }) },
    }),
  };
  return { io: io as unknown as AppServer, sent };
}

const hop: Hop = { seq: 1, t: 0, type: 'produced', event: 'e1', trace: 'e1', node: 'p' };
const hops: StreamMessage = { kind: 'hops', hops: [hop], sampled: false };
const state = (status: 'running' | 'paused' | 'stopped'): StreamMessage => ({ kind: 'state', status, t: 0 });

describe('how a run streams to its room', () => {
  it('sends hop batches volatile while running and reliably while paused (steps, advances)', () => {
    const { io, sent } = recordingServer();
    const stream = streamToRooms(io);
    stream('r1', hops);
    stream('r1', state('paused'));
    stream('r1', hops);
    stream('r2', hops); // another run is unaffected by r1's pause
    stream('r1', state('running'));
    stream('r1', hops);
    stream('r1', state('paused'));
    stream('r1', state('stopped'));
    stream('r1', hops);
    expect(sent.filter((s) => s.name === 'trace:hops')).toEqual([
      { room: 'run:r1', name: 'trace:hops', volatile: true },
      { room: 'run:r1', name: 'trace:hops', volatile: false },
      { room: 'run:r2', name: 'trace:hops', volatile: true },
      { room: 'run:r1', name: 'trace:hops', volatile: true },
      { room: 'run:r1', name: 'trace:hops', volatile: true },
    ]);
    expect(sent.filter((s) => s.name === 'run:state').every((s) => !s.volatile)).toBe(true);
  });
});
