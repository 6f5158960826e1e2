import { z } from 'zod';
import type { FlowDoc } from '../flow/schema.js';
import type { Problem } from '../protocol/result.js';
import { Hop } from './hop.js';

/**
 * Most hops a recorded run may hold: a recorded trace travels to the server in one socket message (2 MB in
 * production, about 170 bytes a hop), so a bigger one is refused before it is sent, with this number.
 */
export const RECORDED_MAX_HOPS = 10_000;

/** A recorded run's hops as `run:start { recorded }` carries them: what `--trace` or the UI's export wrote. */
export const RecordedHops = z.array(Hop).min(1).max(RECORDED_MAX_HOPS);

/**
 * Most hops a recorded run uploaded over REST (`POST /api/recorded`) may hold: the run's worker keeps them all in
 * its trace index (about 300 bytes a hop on its 512 MB heap), so a million is the ceiling, not a target.
 */
export const RECORDED_UPLOAD_MAX_HOPS = 1_000_000;
/** Largest upload body, in bytes of NDJSON: a million hops of the examples write about 170 MB. */
export const RECORDED_UPLOAD_MAX_BYTES = 256 * 1024 * 1024;
/** Where a trace too large for a socket message is uploaded; `run:start { recordedUpload }` then opens it. */
export const RECORDED_UPLOAD_PATH = '/api/recorded';

/** `POST /api/recorded`: the handle `run:start { recordedUpload }` takes, for this session only, once. */
export const RecordedUploadReply = z.object({
  uploadId: z.string(),
  /** Hops the upload holds, every one validated. */
  hops: z.number().int(),
  /** Wall ms the handle stays usable. */
  expiresInMs: z.number().int(),
});
export type RecordedUploadReply = z.infer<typeof RecordedUploadReply>;

/** Problems listed before giving up on a file: enough to see the pattern, not a wall of text. */
export const MAX_TRACE_PROBLEMS = 20;

export type RecordedTrace = { ok: true; hops: Hop[] } | { ok: false; problems: Problem[] };

const error = (path: string, message: string): Problem => ({ path, message, severity: 'error' });

function issueText(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

/**
 * Reads a trace NDJSON one line at a time, so a file of a million hops is checked as it streams in (the upload
 * route) or in slices between repaints (the client). Lines are numbered from 1 in the order they are given.
 */
export interface TraceLineReader {
  /** One line without its newline. False once enough problems were found to stop reading. */
  line(text: string): boolean;
  readonly count: number;
  readonly problems: readonly Problem[];
  /** The verdict: every hop (when kept) or the problems, including "too many hops" and "no hop". */
  finish(): RecordedTrace;
}

export function createTraceLineReader(opts: {
  maxHops: number;
  /** Keep every hop for `finish` (default true); false only counts them. */
  keep?: boolean;
  /** Sees each valid hop as it is read. */
  onHop?: (hop: Hop) => void;
}): TraceLineReader {
  const keep = opts.keep ?? true;
  const hops: Hop[] = [];
  const problems: Problem[] = [];
  let lineNo = 0;
  let count = 0;
  let lastSeq = 0;
  const tooMany = () =>
    error(
      '',
      `more than ${opts.maxHops} hops: a recorded run holds at most ${opts.maxHops} here; record a shorter run`,
    );
  return {
    line(raw) {
      lineNo += 1;
      if (problems.length >= MAX_TRACE_PROBLEMS) return false;
      const line = raw.trim();
      if (line === '') return true;
      const where = `line ${lineNo}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push(error(where, 'not JSON: each line of a trace is one hop as a JSON object'));
        return problems.length < MAX_TRACE_PROBLEMS;
      }
      const hop = Hop.safeParse(value);
      if (!hop.success) {
        problems.push(error(where, `not a hop: ${hop.error.issues.map(issueText).join('; ')}`));
      } else if (hop.data.seq <= lastSeq) {
        problems.push(
          error(where, `seq ${hop.data.seq} does not follow ${lastSeq}: hops must be in seq order`),
        );
      } else {
        lastSeq = hop.data.seq;
        count += 1;
        if (count > opts.maxHops) {
          problems.push(tooMany());
          return false;
        }
        if (keep) hops.push(hop.data);
        opts.onHop?.(hop.data);
      }
      return problems.length < MAX_TRACE_PROBLEMS;
    },
    get count() {
      return count;
    },
    get problems() {
      return problems;
    },
    finish() {
      if (problems.length) return { ok: false, problems };
      if (count === 0) return { ok: false, problems: [error('', 'the file holds no hop')] };
      return { ok: true, hops };
    },
  };
}

/**
 * A trace NDJSON file (`eventflow run --trace`, `GET /api/runs/:runId/trace.ndjson`): one `Hop` per line, blank
 * lines ignored, seqs strictly increasing. Every bad line is named by its number (from 1) and what is wrong.
 * `maxHops` defaults to what one socket message carries; an upload or a comparison passes more.
 */
export function parseTraceNdjson(text: string, maxHops = RECORDED_MAX_HOPS): RecordedTrace {
  const reader = createTraceLineReader({ maxHops });
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    if (!reader.line(text.slice(from, to))) break;
    from = to + 1;
  }
  return reader.finish();
}

/** `recordedTraceProblems` one hop at a time, for a trace read in slices that is never held whole. */
export interface RecordedTraceCheck {
  add(hop: Hop): void;
  problems(): Problem[];
}

export function createRecordedTraceCheck(flow: FlowDoc): RecordedTraceCheck {
  const nodes = new Set(flow.nodes.map((n) => n.id));
  const edges = new Set(flow.edges.map((e) => e.id));
  const missing = new Map<string, { kind: 'node' | 'edge'; id: string; count: number; seq: number }>();
  const note = (kind: 'node' | 'edge', id: string, seq: number) => {
    const key = `${kind}:${id}`;
    const m = missing.get(key);
    if (m) m.count++;
    else missing.set(key, { kind, id, count: 1, seq });
  };
  return {
    add(h) {
      if (!nodes.has(h.node)) note('node', h.node, h.seq);
      if (h.edge !== undefined && !edges.has(h.edge)) note('edge', h.edge, h.seq);
    },
    problems: () =>
      [...missing.values()].map((m) =>
        error(
          `${m.kind}s.${m.id}`,
          `the trace has ${m.count} hop${m.count === 1 ? '' : 's'} at ${m.kind} ${m.id} (first at seq ${m.seq}), which “${flow.name}” does not have: open the flow this trace was recorded with`,
        ),
      ),
  };
}

/**
 * Why these hops cannot have come from this flow: nodes or edges they pass through that the flow does not
 * have, each named once with how many hops and the first seq there. Empty when the trace fits the flow.
 */
export function recordedTraceProblems(flow: FlowDoc, hops: readonly Hop[]): Problem[] {
  const check = createRecordedTraceCheck(flow);
  for (const h of hops) check.add(h);
  return check.problems();
}
