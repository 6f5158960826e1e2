import type { ASTNode } from '@marcbachmann/cel-js';

const isNode = (x: unknown): x is ASTNode => typeof x === 'object' && x !== null && 'op' in x && 'args' in x;

/** Renames every bare identifier `from` to `to`, in place (before type checking, so the checker sees `to`). */
export function renameIdentifier(node: ASTNode, from: string, to: string): void {
  if (node.op === 'id') {
    if (node.args === from) (node as { args: unknown }).args = to;
    return;
  }
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) visit(y);
    else if (isNode(x)) renameIdentifier(x, from, to);
  };
  visit(node.args);
}
