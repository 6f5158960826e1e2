import { describe, expect, it } from 'vitest';
import { checkReply, eventProblem } from './protocol-check.js';

const hop = { seq: 1, t: 0, type: 'produced', event: 'e1', trace: 't', node: 'orders' };

describe('the protocol check the socket tests run on every answer and event', () => {
  it('accepts answers that fit the reply schema of their command, and failures with a known code', () => {
    expect(() => checkReply('run:step', { ok: true, value: { hops: 3 } })).not.toThrow();
    expect(() => checkReply('run:pause', { ok: true, value: null })).not.toThrow();
    expect(() => checkReply('run:pause', { ok: false, code: 'forbidden', message: 'no' })).not.toThrow();
    expect(() => checkReply('no:such', { ok: false, code: 'invalid-payload', message: 'no' })).not.toThrow();
  });

  it('refuses an answer whose value drifted from the table, or an unknown error code', () => {
    expect(() => checkReply('run:step', { ok: true, value: { hops: '3' } })).toThrow(/run:step.*hops/);
    expect(() => checkReply('run:start', { ok: true, value: { runId: 'r' } })).toThrow(/flowRevision/);
    expect(() => checkReply('run:pause', { ok: false, code: 'oops', message: 'x' })).toThrow(/run:pause/);
    expect(() => checkReply('no:such', { ok: true, value: 1 })).toThrow(/no:such/);
  });

  it('names events that are not in the table or do not fit their schema', () => {
    expect(eventProblem('trace:hops', [{ runId: 'r', hops: [hop], sampled: false }])).toBeUndefined();
    expect(
      eventProblem('trace:hops', [{ runId: 'r', hops: [{ ...hop, seq: 'one' }], sampled: false }]),
    ).toMatch(/trace:hops.*hops\.0\.seq/);
    expect(eventProblem('run:state', [{ runId: 'r', status: 'sleeping', t: 0 }])).toMatch(/status/);
    expect(eventProblem('run:gossip', [{}])).toMatch(/not in the protocol table/);
    expect(eventProblem('run:metrics', [{ runId: 'r', t: 0, nodes: {}, edges: {} }, 2])).toMatch(
      /2 arguments/,
    );
  });
});
