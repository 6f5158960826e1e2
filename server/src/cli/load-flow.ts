import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseFlow, type FlowDoc, type Problem } from '@eventflow/shared';

export type LoadResult =
  | { ok: true; flow: FlowDoc; warnings: Problem[] }
  /** `problems` are validation problems; `message` alone means the file could not be read or parsed as JSON. */
  | { ok: false; message: string; problems: Problem[] };

/** 1-based line and column of a character offset, as editors show them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** V8 reports JSON syntax errors by character position (or not at all at end of input). */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  const { line, column } = lineColumn(text, offset);
  return `invalid JSON at line ${line}, column ${column}: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`;
}

/** The file's text, or why it cannot be read. */
export async function readInputFile(
  file: string,
  cwd = process.cwd(),
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    return { ok: true, text: await readFile(resolve(cwd, file), 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    return { ok: false, message: `cannot read ${file}: ${why}` };
  }
}

export async function loadFlowFile(file: string, cwd = process.cwd()): Promise<LoadResult> {
  const read = await readInputFile(file, cwd);
  if (!read.ok) return { ...read, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (e) {
    return { ok: false, message: `${file}: ${describeJsonError(read.text, e)}`, problems: [] };
  }
  return checkFlow(file, raw);
}

/** A parsed file as a flow: migrated, validated, with its warnings. */
export function checkFlow(file: string, raw: unknown): LoadResult {
  const parsed = parseFlow(raw);
  if (!parsed.ok) return { ok: false, message: `${file}: invalid flow`, problems: parsed.problems };
  return { ok: true, flow: parsed.flow, warnings: parsed.warnings };
}

/** `path: message`, with warnings marked so they stand apart from the errors that failed the flow. */
export const formatProblem = (p: Problem) =>
  `${p.severity === 'warning' ? 'warning: ' : ''}${p.path || '(root)'}: ${p.message}`;
