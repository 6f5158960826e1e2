import type { z } from 'zod';
import type { Problem } from '../protocol/result.js';
import { formatPath } from './format-problems.js';

type Issue = z.core.$ZodIssue;

const DEFAULT_PREFIX =
  /^(Invalid input|Too (small|big)|Invalid option|Invalid string|Invalid element|Invalid key)/;

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
}

function message(issue: Issue): string {
  // Messages written in the schema ("must be an integer ≥ 1") are already human; keep them.
  if (!DEFAULT_PREFIX.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected === 'int' ? 'integer' : issue.expected)}, not ${describeType(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `must have at least ${String(issue.minimum)} character(s)`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `must have at most ${String(issue.maximum)} character(s)`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return issue.message;
  }
}

function pushIssue(out: Problem[], issue: Issue, prefix: readonly PropertyKey[]): void {
  const full = [...prefix, ...issue.path];
  const path = formatPath(full);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) out.push({ path, message: `unknown field '${key}'`, severity: 'error' });
    return;
  }
  if (issue.code === 'invalid_union') {
    if (
      issue.discriminator !== undefined &&
      issue.errors.length === 0 &&
      'options' in issue &&
      issue.options
    ) {
      out.push({
        path,
        message: `must be ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`,
        severity: 'error',
      });
      return;
    }
    // A branch that failed below the top level had the right shape: its issues are the useful ones.
    const shaped = issue.errors.find((branch) =>
      branch.some((i) => i.path.length > 0 || i.code !== 'invalid_type'),
    );
    if (shaped) {
      for (const i of shaped) pushIssue(out, i, full);
      return;
    }
    const expected = [
      ...new Set(issue.errors.flat().map((i) => (i.code === 'invalid_type' ? i.expected : 'value'))),
    ];
    out.push({ path, message: `must be ${expected.map(article).join(' or ')}`, severity: 'error' });
    return;
  }
  out.push({ path, message: message(issue), severity: 'error' });
}

/** Maps zod issues to problems with `nodes[3].config.partitions`-style paths; one problem per unknown key. */
export function zodProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) pushIssue(out, issue, []);
  return out;
}
