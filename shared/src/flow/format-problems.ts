import type { Problem } from '../protocol/result.js';

/** Builds a problem path such as `nodes[3].config.partitions` from path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** `path: message`, or just the message for the document itself; the CLI prints one per line. */
export function formatProblem(p: Problem): string {
  const text = p.path ? `${p.path}: ${p.message}` : p.message;
  return p.severity === 'warning' ? `${text} (warning)` : text;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
