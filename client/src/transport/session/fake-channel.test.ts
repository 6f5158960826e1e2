import { describe, expect, it } from 'vitest';
import type { ServerPayload } from './channel';
import { createFakeChannel } from './fake-channel';

const hop = { seq: 1, t: 10, type: 'produced', event: 'run-1:e1', trace: 't', node: 'p' } as const;

describe('the fake server is held to the protocol table', () => {
  it('delivers events that fit their schema', () => {
    const fake = createFakeChannel();
    const seen: ServerPayload<'trace:hops'>[] = [];
    fake.channel.on('trace:hops', (e) => seen.push(e));
    fake.emit('trace:hops', { runId: 'run-1', hops: [hop], sampled: false });
    expect(seen).toHaveLength(1);
  });

  it('refuses to send an event that the real server could not send, and delivers nothing', () => {
    const fake = createFakeChannel();
    const seen: unknown[] = [];
    fake.channel.on('run:state', (e) => seen.push(e));
    const malformed = { runId: 'run-1', status: 'sleeping', t: 0 } as unknown as ServerPayload<'run:state'>;
    expect(() => fake.emit('run:state', malformed)).toThrow(/run:state.*status/);
    const noSampled = { runId: 'run-1', hops: [hop] } as unknown as ServerPayload<'trace:hops'>;
    expect(() => fake.emit('trace:hops', noSampled)).toThrow(/trace:hops.*sampled/);
    expect(seen).toEqual([]);
  });
});
