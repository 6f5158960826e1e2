import { describe, expect, it } from 'vitest';
import { chainDoc, createHarness, settle } from './test-docs';

const A = chainDoc('A', 'a');

describe('breakpoints in the session', () => {
  it('a Play with breakpoints starts paused, sets them, then resumes, in that order', async () => {
    const h = createHarness(A);
    h.session.toggleBreakHere('ac', 'Billing');
    await h.session.play();
    await settle();
    const names = h.fake.sent.map((s) => s.name);
    expect(names).toEqual(['run:start', 'run:breakpoints', 'run:resume']);
    expect(h.fake.sent[0]?.payload).toMatchObject({ paused: true });
    expect(h.fake.sentOf('run:breakpoints').at(-1)).toEqual({
      runId: 'run-1',
      breakpoints: [{ id: 'bp-1', name: 'Billing', node: 'ac', enabled: true }],
    });
  });

  it('without breakpoints Play starts running at once and sends none', async () => {
    const h = createHarness(A);
    await h.session.play();
    await settle();
    expect(h.fake.sent.map((s) => s.name)).toEqual(['run:start']);
    expect(h.fake.sent[0]?.payload).toMatchObject({ paused: false });
  });

  it('every change of the list reaches the live run as the whole list', async () => {
    const h = createHarness(A);
    await h.session.play();
    expect(h.session.addBreakpoint({ name: 'big', condition: 'data.total > 100' })).toBeNull();
    h.session.toggleBreakpoint('bp-1');
    await settle();
    expect(h.fake.sentOf('run:breakpoints')).toEqual([
      {
        runId: 'run-1',
        breakpoints: [{ id: 'bp-1', name: 'big', condition: 'data.total > 100', enabled: true }],
      },
      {
        runId: 'run-1',
        breakpoints: [{ id: 'bp-1', name: 'big', condition: 'data.total > 100', enabled: false }],
      },
    ]);
    h.session.removeBreakpoint('bp-1');
    await settle();
    expect(h.fake.sentOf('run:breakpoints').at(-1)).toEqual({ runId: 'run-1', breakpoints: [] });
  });

  it('refuses a condition that does not compile, with its column, and keeps the list as it was', () => {
    const h = createHarness(A);
    const problem = h.session.addBreakpoint({ name: 'bad', condition: 'data.total >' });
    expect(problem).toEqual({
      path: 'breakpoints.0.condition',
      message: expect.stringMatching(/ at column 13$/) as string,
      severity: 'error',
    });
    expect(h.store.getState().breakpoints).toEqual([]);
  });

  it('a pause at a breakpoint selects that event and that hop; running on clears it', async () => {
    const h = createHarness(A);
    await h.session.play();
    h.fake.streamHops('run-1', 3);
    const hop = h.store.getState().live.hops[1]!;
    const hit = { id: 'bp-1', name: 'Billing', seq: hop.seq, event: hop.event };
    h.fake.emit('run:state', {
      runId: 'run-1',
      status: 'paused',
      t: 20,
      reason: 'breakpoint: Billing',
      breakpoint: hit,
    });
    await settle();
    const s = h.store.getState();
    expect(s.breakpointHit).toEqual(hit);
    expect(s.selection?.eventId).toBe(hop.event);
    expect(s.selection?.path?.hops[s.selection.index]?.event).toBe(hop.event);
    h.fake.streamState('run-1', 'running');
    expect(h.store.getState().breakpointHit).toBeNull();
  });

  it('breakpoints survive a reset and a new run, and go when another document is opened', async () => {
    const h = createHarness(A, { b: chainDoc('B', 'b') });
    h.session.toggleBreakHere('ac', 'c');
    await h.session.play();
    await h.session.reset();
    expect(h.store.getState().breakpoints).toHaveLength(1);
    await h.session.openExample('b');
    await settle();
    expect(h.store.getState().breakpoints).toEqual([]);
  });

  it('does not send a breakpoint whose node left the drawing', async () => {
    const h = createHarness(A);
    h.session.toggleBreakHere('ac', 'c');
    h.session.addBreakpoint({ name: 'anywhere', condition: 'type == "Order"' });
    h.store.getState().selectOnly({ nodes: ['ac'] });
    h.store.getState().deleteSelection();
    await h.session.play();
    await settle();
    expect(h.fake.sentOf('run:breakpoints').at(-1)).toMatchObject({ breakpoints: [{ name: 'anywhere' }] });
    expect(h.store.getState().breakpoints).toHaveLength(2);
  });
});
