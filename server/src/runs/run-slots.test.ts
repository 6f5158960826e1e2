import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitRun, type SlotView } from './run-slots.js';

const run = (runId: string, owner: string, started: number, ended = false): SlotView => ({
  runId,
  owner,
  started,
  ended,
});

describe('run slots', () => {
  it('evicts the owner’s own oldest ended run before refusing it', () => {
    const runs = [
      run('a1', 'A', 1, true),
      run('a2', 'A', 2),
      run('a0', 'A', 0, true),
      run('b1', 'B', 3, true),
    ];
    expect(admitRun(runs, 'A', { maxRuns: 8, maxRunsPerOwner: 3 })).toEqual({ ok: true, evict: ['a0'] });
  });

  it('refuses an owner at its share with how many runs it has, whatever else is free', () => {
    const runs = [run('a1', 'A', 1), run('a2', 'A', 2), run('a3', 'A', 3), run('b1', 'B', 4, true)];
    const verdict = admitRun(runs, 'A', { maxRuns: 8, maxRunsPerOwner: 3 });
    expect(verdict).toEqual({
      ok: false,
      message: expect.stringMatching(/this client has 3 live runs.*stop one/),
    });
    expect(admitRun(runs, 'B', { maxRuns: 8, maxRunsPerOwner: 3 })).toEqual({ ok: true, evict: [] });
  });

  it('takes back anyone’s oldest ended run when the server is full, else refuses', () => {
    const runs = [run('a1', 'A', 1), run('b1', 'B', 2, true), run('c1', 'C', 3, true)];
    expect(admitRun(runs, 'D', { maxRuns: 3, maxRunsPerOwner: 3 })).toEqual({ ok: true, evict: ['b1'] });
    const live = runs.map((r) => ({ ...r, ended: false }));
    expect(admitRun(live, 'D', { maxRuns: 3, maxRunsPerOwner: 3 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('maximum of 3 runs'),
    });
  });

  it('never lets admitted starts exceed either limit (any sequence of starts and ends)', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('start' as const), owner: fc.constantFrom('A', 'B', 'C', 'D') }),
      fc.record({ op: fc.constant('end' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(step),
        (maxRuns, per, steps) => {
          const limits = { maxRuns, maxRunsPerOwner: per };
          let runs: SlotView[] = [];
          let n = 0;
          for (const s of steps) {
            if (s.op === 'end') {
              const live = runs.filter((r) => !r.ended);
              const victim = live[s.pick % Math.max(1, live.length)];
              if (victim) victim.ended = true;
              continue;
            }
            const verdict = admitRun(runs, s.owner, limits);
            if (!verdict.ok) {
              const mine = runs.filter((r) => r.owner === s.owner);
              // Refused only when no ended run could have made room.
              expect(mine.length >= per || runs.length >= maxRuns).toBe(true);
              continue;
            }
            runs = runs.filter((r) => !verdict.evict.includes(r.runId));
            runs.push(run(`r${n}`, s.owner, n++));
            expect(runs.length).toBeLessThanOrEqual(maxRuns);
            expect(runs.filter((r) => r.owner === s.owner).length).toBeLessThanOrEqual(per);
            expect(verdict.evict.every((id) => !runs.some((r) => r.runId === id))).toBe(true);
          }
        },
      ),
    );
  });
});
