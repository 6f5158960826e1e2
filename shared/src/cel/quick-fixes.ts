import type { ASTNode } from '@marcbachmann/cel-js';
import { typeName, type CelShape } from './shape.js';
import type { TypeProblem } from './typed-check.js';

/**
 * The problem for `l <op> r` with no overload for types `a` and `b`, at the operator, with a quick fix where
 * the intent is clear: `%` on JSON numbers (doubles) wraps them in `int(…)`; `"text" + number` wraps the
 * number in `string(…)`. The fix rewrites the whole source, so the editor can apply it as it is.
 */
export function overloadProblem(
  source: string,
  op: string,
  l: ASTNode,
  r: ASTNode,
  a: CelShape,
  b: CelShape,
): TypeProblem {
  const text = (n: ASTNode) => source.slice(n.start, n.end);
  const wrap = (nodes: readonly ASTNode[], fn: string) => {
    let fixed = source;
    // From the right, so the offsets of the nodes further left stay valid.
    for (const n of [...nodes].reverse())
      fixed = `${fixed.slice(0, n.start)}${fn}(${text(n)})${fixed.slice(n.end)}`;
    const shown = fixed.slice(l.start, r.end + (fn.length + 2) * nodes.length);
    return { title: `Use ${shown}`, source: fixed };
  };
  const problem: TypeProblem = {
    message: `no such overload: ${typeName(a)} ${op} ${typeName(b)}`,
    severity: 'error',
    offset: Math.max(l.end, source.indexOf(op, l.end)),
  };
  const doubles = [l, r].filter((_, i) => [a, b][i]!.kind === 'double');
  const numbers = [a, b].every((s) => s.kind === 'double' || s.kind === 'int');
  if (op === '%' && doubles.length > 0 && numbers) {
    problem.message += ` (${doubles.map(text).join(' and ')}: JSON numbers are doubles, and % needs ints)`;
    problem.fix = wrap(doubles, 'int');
  } else if (op === '+' && (a.kind === 'string' || b.kind === 'string')) {
    const [other, kind] = a.kind === 'string' ? [r, b.kind] : [l, a.kind];
    if (['int', 'double', 'bool'].includes(kind)) problem.fix = wrap([other], 'string');
  }
  return problem;
}
