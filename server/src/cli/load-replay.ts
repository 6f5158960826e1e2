import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  parseFlow,
  ReplayFile,
  restProblems,
  type FlowDoc,
  type Problem,
  type ReplayScript,
} from '@eventflow/shared';

export type ReplayLoad =
  | { ok: true; flow: FlowDoc; seed: number; script: ReplayScript; warnings: Problem[] }
  | { ok: false; message: string; problems: Problem[] };

/** A shared run: the replay file's own schema first (every problem with its path), then its flow's. */
export async function loadReplayFile(file: string, cwd = process.cwd()): Promise<ReplayLoad> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `cannot read ${file} as JSON: ${why}`, problems: [] };
  }
  const parsed = ReplayFile.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    return { ok: false, message: `${file}: invalid replay file`, problems: restProblems(parsed.error) };
  const flow = parseFlow(parsed.data.flow);
  if (!flow.ok) {
    const problems = flow.problems.map((p) => ({ ...p, path: p.path ? `flow.${p.path}` : 'flow' }));
    return { ok: false, message: `${file}: invalid flow`, problems };
  }
  const { seed, script } = parsed.data;
  return { ok: true, flow: flow.flow, seed, script, warnings: flow.warnings };
}
