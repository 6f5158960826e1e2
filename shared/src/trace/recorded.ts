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

/** Problems listed before giving up on a file: enough to see the pattern, not a wall of text. */
const MAX_PROBLEMS = 20;

export type RecordedTrace = { ok: true; hops: Hop[] } | { ok: false; problems: Problem[] };

const error = (path: string, message: string): Problem => ({ path, message, severity: 'error' });

function issueText(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

/**
 * A trace NDJSON file (`eventflow run --trace`, `GET /api/runs/:runId/trace.ndjson`): one `Hop` per line, blank
 * lines ignored, seqs strictly increasing. Every bad line is named by its number (from 1) and what is wrong.
 */
export function parseTraceNdjson(text: string): RecordedTrace {
  const hops: Hop[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  let lastSeq = 0;
  for (let i = 0; i < lines.length && problems.length < MAX_PROBLEMS; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(error(where, 'not JSON: each line of a trace is one hop as a JSON object'));
      continue;
    }
    const hop = Hop.safeParse(value);
    if (!hop.success) {
      problems.push(error(where, `not a hop: ${hop.error.issues.map(issueText).join('; ')}`));
      continue;
    }
    if (hop.data.seq <= lastSeq) {
      problems.push(
        error(where, `seq ${hop.data.seq} does not follow ${lastSeq}: hops must be in seq order`),
      );
      continue;
    }
    lastSeq = hop.data.seq;
    hops.push(hop.data);
  }
  if (problems.length) return { ok: false, problems };
  if (hops.length === 0) return { ok: false, problems: [error('', 'the file holds no hop')] };
  if (hops.length > RECORDED_MAX_HOPS)
    return {
      ok: false,
      problems: [
        error(
          '',
          `${hops.length} hops: a recorded run holds at most ${RECORDED_MAX_HOPS}; record a shorter run`,
        ),
      ],
    };
  return { ok: true, hops };
}

/**
 * Why these hops cannot have come from this flow: nodes or edges they pass through that the flow does not
 * have, each named once with how many hops and the first seq there. Empty when the trace fits the flow.
 */
export function recordedTraceProblems(flow: FlowDoc, hops: readonly Hop[]): Problem[] {
  const nodes = new Set(flow.nodes.map((n) => n.id));
  const edges = new Set(flow.edges.map((e) => e.id));
  const missing = new Map<string, { kind: 'node' | 'edge'; id: string; count: number; seq: number }>();
  const note = (kind: 'node' | 'edge', id: string, seq: number) => {
    const key = `${kind}:${id}`;
    const m = missing.get(key);
    if (m) m.count++;
    else missing.set(key, { kind, id, count: 1, seq });
  };
  for (const h of hops) {
    if (!nodes.has(h.node)) note('node', h.node, h.seq);
    if (h.edge !== undefined && !edges.has(h.edge)) note('edge', h.edge, h.seq);
  }
  return [...missing.values()].map((m) =>
    error(
      `${m.kind}s.${m.id}`,
      `the trace has ${m.count} hop${m.count === 1 ? '' : 's'} at ${m.kind} ${m.id} (first at seq ${m.seq}), which “${flow.name}” does not have: open the flow this trace was recorded with`,
    ),
  );
}
