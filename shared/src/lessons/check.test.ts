import { describe, expect, it } from 'vitest';
import type { GroupSummary, LatencyStats, RunSummary } from '../trace/summary.js';
import { evaluateCheck } from './check.js';
import { parseLesson, type CheckRule, type Lesson } from './lesson.js';

const latency = (p99 = 0): LatencyStats => ({ count: 1, min: 0, mean: 0, p50: 0, p95: 0, p99, max: p99 });

function group(name: string, counts: Partial<GroupSummary> = {}): GroupSummary {
  return {
    group: name,
    consumers: [name],
    expected: 10,
    acked: 10,
    filtered: 0,
    dropped: 0,
    deadLettered: 0,
    expired: 0,
    inFlight: 0,
    duplicatesProcessed: 0,
    duplicatesSkipped: 0,
    orderViolations: 0,
    ackedPerSecond: 5,
    ...counts,
  };
}

function summary(groups: GroupSummary[], endToEndP99 = 50): RunSummary {
  const sum = (f: (g: GroupSummary) => number) => groups.reduce((n, g) => n + f(g), 0);
  return {
    flow: 'test',
    seed: 1,
    simulatedMs: 2000,
    hops: 100,
    events: { produced: 10, emitted: 0 },
    outcomes: {
      acked: sum((g) => g.acked),
      filtered: 0,
      dropped: sum((g) => g.dropped),
      deadLettered: sum((g) => g.deadLettered),
      expired: sum((g) => g.expired),
      inFlight: 0,
    },
    processing: {
      attempts: 10,
      failures: 0,
      redeliveries: 0,
      duplicatesProcessed: sum((g) => g.duplicatesProcessed),
      duplicatesSkipped: 0,
      orderViolations: sum((g) => g.orderViolations),
    },
    conservation: { ok: true, expected: 10, accounted: 10 },
    nodes: { orders: { in: 10, out: 10 } },
    groups,
    latency: { nodes: { orders: latency(12.5) }, endToEnd: latency(endToEndP99) },
    throughput: { producedPerSecond: 5, ackedPerSecond: 5 },
  };
}

const check = (...rules: CheckRule[]): Lesson['check'] => ({ goal: 'Do it right', rules });

describe('declared rules', () => {
  const cases: [CheckRule, Partial<GroupSummary>, RegExp][] = [
    [
      { rule: 'per-key-order' },
      { orderViolations: 3 },
      /^3 events overtook an earlier event with the same key \(billing: 3\)/,
    ],
    [
      { rule: 'no-loss' },
      { dropped: 2, expired: 1 },
      /^3 events were lost \(billing: 2 dropped, 1 expired\)/,
    ],
    [
      { rule: 'no-duplicates-processed' },
      { duplicatesProcessed: 1 },
      /^1 event was processed more than once \(billing: 1\)/,
    ],
    [{ rule: 'nothing-dead-lettered' }, { deadLettered: 4 }, /^4 events were dead-lettered \(billing: 4\)/],
  ];

  it.each(cases)('%o passes on a clean finished run and fails with counts', (rule, bad, reason) => {
    const passed = evaluateCheck(check(rule), summary([group('billing')]), true);
    expect(passed).toMatchObject({ pass: true, finished: true });
    const failed = evaluateCheck(check(rule), summary([group('billing', bad), group('shipping')]), true);
    expect(failed.pass).toBe(false);
    expect(failed.reason).toMatch(reason);
  });

  it('a failure decides at once, even before the run has finished', () => {
    const r = evaluateCheck(
      check({ rule: 'nothing-dead-lettered' }),
      summary([group('a', { deadLettered: 1 })]),
      false,
    );
    expect(r).toMatchObject({ pass: false, finished: false, reason: expect.stringMatching(/dead-lettered/) });
  });

  it('a pass waits for the end of the run', () => {
    const r = evaluateCheck(check({ rule: 'no-loss' }), summary([group('a')]), false);
    expect(r).toMatchObject({
      pass: false,
      finished: false,
      reason: expect.stringMatching(/has not finished/),
    });
  });

  it('a rule on one group ignores the others, and names a group that does not exist', () => {
    const s = summary([group('billing'), group('shipping', { dropped: 5 })]);
    expect(evaluateCheck(check({ rule: 'no-loss', group: 'billing' }), s, true).pass).toBe(true);
    expect(evaluateCheck(check({ rule: 'no-loss', group: 'shipping' }), s, true).pass).toBe(false);
    const missing = evaluateCheck(check({ rule: 'no-loss', group: 'mailer' }), s, true);
    expect(missing).toMatchObject({
      pass: false,
      reason: "There is no consumer group 'mailer' in this run.",
    });
  });

  it('every rule must hold; the first failing one gives the reason, each rule its own', () => {
    const s = summary([group('a', { duplicatesProcessed: 2 })]);
    const r = evaluateCheck(check({ rule: 'no-loss' }, { rule: 'no-duplicates-processed' }), s, true);
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/processed more than once/);
    expect(r.rules.map((x) => x.pass)).toEqual([true, false]);
  });
});

describe('CEL rules over the summary', () => {
  const cel = (expression: string): CheckRule => ({
    rule: 'cel',
    expression,
    pass: 'fast enough',
    fail: 'too slow',
  });

  it("reads counts as ints and latencies as doubles, and answers with the lesson's own words", () => {
    const fast = summary([group('a')], 90);
    const slow = summary([group('a')], 130.5);
    const rule = cel('summary.latency.endToEnd.p99 <= 120 && summary.outcomes.dropped == 0');
    expect(evaluateCheck(check(rule), fast, true)).toMatchObject({ pass: true, reason: 'Fast enough.' });
    expect(evaluateCheck(check(rule), slow, true)).toMatchObject({ pass: false, reason: 'Too slow.' });
  });

  it('iterates groups and reads nodes by id (`in` is a CEL keyword: index it)', () => {
    const s = summary([group('a'), group('b')]);
    const all = cel(
      'summary.groups.all(g, g.acked == summary.events.produced) && summary.nodes["orders"]["in"] == 10',
    );
    expect(evaluateCheck(check(all), s, true).pass).toBe(true);
  });

  it('an expression that fails to evaluate is a failed check with the reason, not a crash', () => {
    const r = evaluateCheck(check(cel('summary.nodes["nope"].acked == 1')), summary([group('a')]), true);
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/could not be evaluated/);
  });

  it('a false CEL rule on an unfinished run is not decided yet', () => {
    const r = evaluateCheck(check(cel('summary.outcomes.acked == 999')), summary([group('a')]), false);
    expect(r).toMatchObject({
      pass: false,
      finished: false,
      reason: expect.stringMatching(/has not finished/),
    });
  });
});

describe('parseLesson', () => {
  const good = {
    format: 'eventflow.lesson',
    version: 1,
    concept: 'Retries',
    summary: 'Failures are retried.',
    watch: 'The Dead-lettered row.',
    tryThis: 'Raise Max attempts.',
    check: { goal: 'Dead-letter nothing', rules: [{ rule: 'nothing-dead-lettered' }] },
  };

  it('accepts a lesson', () => {
    expect(parseLesson(good).ok).toBe(true);
  });

  it('names the path of each problem', () => {
    const bad = {
      ...good,
      concept: '',
      check: {
        goal: 'x',
        rules: [
          { rule: 'no-such-rule' },
          { rule: 'cel', expression: 'summary.hops +', pass: 'a', fail: 'b' },
        ],
      },
      extra: true,
    };
    const r = parseLesson(bad);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['concept', 'check.rules[0].rule', 'check.rules[1].expression', 'extra']),
    );
  });

  it('refuses a CEL check that reads anything but the summary, or gives no bool', () => {
    const withRule = (expression: string) => ({
      ...good,
      check: { goal: 'x', rules: [{ rule: 'cel', expression, pass: 'a', fail: 'b' }] },
    });
    const unknown = parseLesson(withRule('data.x == 1'));
    expect(unknown.ok ? '' : unknown.problems[0]?.message).toMatch(/unknown variable 'data'.*summary/);
    const notBool = parseLesson(withRule('size(summary.groups)'));
    expect(notBool.ok ? '' : notBool.problems[0]?.message).toMatch(/a check must give a bool/);
  });
});
