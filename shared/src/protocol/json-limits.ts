import { z } from 'zod';

/** Limits on an `unknown` JSON payload; `maxBytes` is the approximate length of its JSON text (UTF-16 units). */
export interface JsonLimits {
  maxDepth: number;
  maxBytes: number;
}

/** Fired event data and live config: deep enough for any real document, far short of a stack overflow. */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxBytes: 256 * 1024 };

type Segment = string | number;
type Found = { path: Segment[]; message: string } | undefined;
interface Frame {
  value: unknown;
  key: Segment | undefined;
  parent: Frame | undefined;
  depth: number;
}

function pathOf(frame: Frame): Segment[] {
  const path: Segment[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

function kindOf(value: unknown): 'leaf' | 'array' | 'object' | 'bad' {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return 'leaf';
  if (typeof value === 'number') return Number.isFinite(value) ? 'leaf' : 'bad';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null ? 'object' : 'bad';
  }
  return 'bad';
}

const leafBytes = (value: unknown) =>
  typeof value === 'string' ? value.length + 2 : value === null ? 4 : String(value).length;

/**
 * Walks the value with an explicit stack (never recursion, so no `RangeError` however deep it is) and reports
 * the first place that breaks a limit. Socket.io can also deliver binary attachments (Buffers): those are not
 * JSON and are refused too.
 */
export function findJsonProblem(root: unknown, limits: JsonLimits): Found {
  // Each frame links to its parent, so a path is built only for the part that is reported.
  const stack: Frame[] = [{ value: root, key: undefined, parent: undefined, depth: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    const kind = kindOf(value);
    if (kind === 'bad') return { path: pathOf(frame), message: 'is not a JSON value' };
    if (kind === 'leaf') bytes += leafBytes(value);
    else if (depth >= limits.maxDepth) {
      return { path: pathOf(frame), message: `is nested deeper than ${limits.maxDepth} levels` };
    } else if (kind === 'array') {
      const items = value as unknown[];
      bytes += 2 + items.length;
      for (let i = items.length - 1; i >= 0; i--)
        stack.push({ value: items[i], key: i, parent: frame, depth: depth + 1 });
    } else {
      const entries = Object.entries(value as Record<string, unknown>);
      bytes += 2 + entries.length;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        bytes += key.length + 3;
        stack.push({ value: child, key, parent: frame, depth: depth + 1 });
      }
    }
    if (bytes > limits.maxBytes)
      return { path: [], message: `is larger than ${limits.maxBytes} bytes as JSON` };
  }
  return undefined;
}

/** A zod check for any schema whose value is arbitrary JSON: issues carry the path of the offending part. */
export function jsonWithin(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const problem = findJsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  };
}

/** Arbitrary JSON within `DEFAULT_JSON_LIMITS`; used for `ProducerFire.data` and `NodeUpdate.config` values. */
export const BoundedJson = z.unknown().superRefine(jsonWithin());
