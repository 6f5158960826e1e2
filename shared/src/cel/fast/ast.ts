import type { RandLog } from './rand-log.js';

/** What one fast evaluation reads: the activation filled by `compileCel` and the draw log. */
export interface FastState {
  readonly ctx: Record<string, unknown>;
  readonly log: RandLog;
  /**
   * Set by a payload's root map when the map it built is plain JSON within `CEL_LIMITS` already, so
   * `toPlainJson` would return it as it is (see `maps.ts`); reset before each evaluation.
   */
  plain: boolean;
}

/** A compiled sub-expression: plain closures over the type-checked AST, no code generation. */
export type FastFn = (s: FastState) => unknown;

/** The parts of the library's AST nodes the compiler reads. */
export interface Node {
  op: string;
  args: unknown;
  checkedType?: { name: string; kind: string; hasDynType?: boolean; hasPlaceholderType?: boolean };
}

/** Thrown while compiling when a node is outside the subset; the expression then stays on the library. */
export class Unsupported extends Error {}

export const isDyn = (n: Node): boolean => n.checkedType?.name === 'dyn';

/** The library types a value at run time, deeply, unless its static type is free of dyn. */
const typedDeeply = (n: Node): boolean => n.checkedType?.hasDynType !== false;

/** Which of receiver and arguments the library types at run time before calling (else: a static overload). */
export function runtimeTyping(recv: Node | undefined, args: Node[]): boolean[] {
  const t = recv?.checkedType;
  const typing =
    args.some((a) => a.checkedType?.hasDynType === true) ||
    (recv !== undefined && (t?.kind === 'dyn' || t?.hasPlaceholderType === true));
  return [...(recv ? [recv] : []), ...args].map((n) => typing && typedDeeply(n));
}
