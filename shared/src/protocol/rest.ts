import { z } from 'zod';
import { formatPath } from '../flow/format-problems.js';
import type { Problem } from './result.js';

/** A library revision: a JSON integer ≥ 1. Strings ("4", "0x4") and fractions (4.5) are refused, not coerced. */
export const LibraryRevision = z.number().int().min(1, 'must be an integer ≥ 1');

/** `PUT /api/flows/:id`: the edit and the revision it is based on (the current one, or 409). */
export const FlowUpdateBody = z.strictObject({
  revision: LibraryRevision,
  /** The flow document; checked against the flow format separately, with every problem reported. */
  flow: z.looseObject({}),
});

/** `DELETE /api/flows/:id?revision=N`: decimal digits only, so the query says exactly one integer. */
export const FlowDeleteQuery = z.strictObject({
  revision: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a decimal integer ≥ 1, e.g. ?revision=4')
    .transform(Number),
});

export type FlowUpdateBody = z.infer<typeof FlowUpdateBody>;
export type FlowDeleteQuery = z.infer<typeof FlowDeleteQuery>;

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Problems of a REST input, each naming its path. Parse with `{ reportInput: true }`: without the input a
 * wrong type cannot be told from a missing field.
 */
export function restProblems(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'is not a known field',
        severity: 'error',
      }));
    }
    let message = issue.message.replace(/^Invalid input: /, '');
    if (issue.code === 'invalid_type') {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      const got = typeof issue.input === 'number' ? String(issue.input) : describeInput(issue.input);
      message =
        'input' in issue ? `expected ${expected}, received ${got}` : `is required (expected ${expected})`;
    }
    return [{ path, message, severity: 'error' }];
  });
}
