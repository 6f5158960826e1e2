import { z } from 'zod';
import { compileCel, CelEvalError } from '../cel/index.js';
import type { GroupSummary, RunSummary } from '../trace/summary.js';
import type { CheckRule, Lesson, RuleName } from './lesson.js';

/** How one rule of a check came out, in words a learner understands. */
export const RuleResult = z.strictObject({
  rule: z.string(),
  pass: z.boolean(),
  reason: z.string(),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** A check's verdict on a run. */
export const CheckResult = z.strictObject({
  pass: z.boolean(),
  /**
   * False while the run still has work scheduled. A declared rule that already fails cannot recover (the
   * counts it reads only grow), so that is a fail at once; a pass needs the whole run.
   */
  finished: z.boolean(),
  /** The first failing rule's reason, or why it is not decided yet, or what held. */
  reason: z.string(),
  rules: z.array(RuleResult),
});
export type CheckResult = z.infer<typeof CheckResult>;

type Verdict = { pass: boolean; reason: string; final: boolean };
type Declared = Exclude<CheckRule, { rule: 'cel' }>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function groupsOf(summary: RunSummary, name: string | undefined): GroupSummary[] | string {
  if (name === undefined) return summary.groups;
  const found = summary.groups.filter((g) => g.group === name || g.consumers.includes(name));
  return found.length ? found : `there is no consumer group '${name}' in this run`;
}

/** "relaxed: 3, strict: 1" for the groups with a non-zero count. */
function byGroup(groups: GroupSummary[], count: (g: GroupSummary) => number): string {
  return groups
    .filter((g) => count(g) > 0)
    .map((g) => `${g.group}: ${count(g)}`)
    .join(', ');
}

const where = (groups: GroupSummary[], name: string | undefined) =>
  name === undefined ? `in ${plural(groups.length, 'group')}` : `in ${name}`;

/** Each declared rule: the count it forbids, and its sentences. */
const DECLARED: {
  [R in Exclude<RuleName, 'cel'>]: {
    count: (g: GroupSummary) => number;
    failed: (n: number, detail: string) => string;
    held: string;
  };
} = {
  'per-key-order': {
    count: (g) => g.orderViolations,
    failed: (n, d) => `${plural(n, 'event')} overtook an earlier event with the same key (${d})`,
    held: 'every key was processed in the order it was published',
  },
  'no-loss': {
    count: (g) => g.dropped + g.deadLettered + g.expired,
    failed: (n, d) => `${plural(n, 'event was', 'events were')} lost (${d})`,
    held: 'no event was lost',
  },
  'no-duplicates-processed': {
    count: (g) => g.duplicatesProcessed,
    failed: (n, d) => `${plural(n, 'event was', 'events were')} processed more than once (${d})`,
    held: 'no event was processed twice',
  },
  'nothing-dead-lettered': {
    count: (g) => g.deadLettered,
    failed: (n, d) => `${plural(n, 'event was', 'events were')} dead-lettered (${d})`,
    held: 'nothing was dead-lettered',
  },
};

/** What a lost event became, per group: the learner needs to know whether to fix delivery or retention. */
function lossDetail(g: GroupSummary): string {
  const parts = [
    g.dropped && `${g.dropped} dropped`,
    g.deadLettered && `${g.deadLettered} dead-lettered`,
    g.expired && `${g.expired} expired`,
  ].filter(Boolean);
  return `${g.group}: ${parts.join(', ')}`;
}

function declared(rule: Declared, summary: RunSummary): Verdict {
  const groups = groupsOf(summary, rule.group);
  if (typeof groups === 'string') return { pass: false, reason: groups, final: true };
  const spec = DECLARED[rule.rule];
  const n = groups.reduce((sum, g) => sum + spec.count(g), 0);
  if (n === 0) return { pass: true, reason: `${spec.held} ${where(groups, rule.group)}`, final: false };
  const detail =
    rule.rule === 'no-loss'
      ? groups
          .filter((g) => spec.count(g) > 0)
          .map(lossDetail)
          .join('; ')
      : byGroup(groups, spec.count);
  return { pass: false, reason: spec.failed(n, detail), final: true };
}

/** The summary as CEL sees it: whole numbers become CEL ints, so `summary.outcomes.dropped == 0` reads naturally. */
export function summaryVars(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(summaryVars);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summaryVars(v)]));
  return value;
}

function cel(rule: Extract<CheckRule, { rule: 'cel' }>, vars: unknown): Verdict {
  const compiled = compileCel(rule.expression, 'check', { fast: false });
  if (!compiled.ok)
    return { pass: false, reason: `the check does not compile: ${compiled.message}`, final: true };
  try {
    const pass = compiled.expr.evaluate({ summary: vars }) === true;
    return { pass, reason: pass ? rule.pass : rule.fail, final: false };
  } catch (e) {
    const message = e instanceof CelEvalError ? e.message : String(e);
    return { pass: false, reason: `the check could not be evaluated: ${message}`, final: true };
  }
}

const NOT_FINISHED = 'the run has not finished yet: let it run to the end (or press Play) and check again';

/**
 * A lesson's check over a run's summary. `finished` says the run has no work left; until then only a
 * declared rule's failure decides (the counts it reads never go down), everything else waits for the end.
 */
export function evaluateCheck(check: Lesson['check'], summary: RunSummary, finished: boolean): CheckResult {
  const vars = summaryVars(summary);
  const verdicts = check.rules.map((rule) => ({
    rule: rule.rule,
    ...(rule.rule === 'cel' ? cel(rule, vars) : declared(rule, summary)),
  }));
  const rules = verdicts.map(({ rule, pass, reason }) => ({ rule, pass, reason }));
  const decisive = verdicts.find((v) => !v.pass && (v.final || finished));
  if (decisive) return { pass: false, finished, reason: capitalise(decisive.reason), rules };
  if (!finished) return { pass: false, finished, reason: capitalise(NOT_FINISHED), rules };
  return { pass: true, finished, reason: capitalise(verdicts.map((v) => v.reason).join('; ')), rules };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
