// Placeholder: the CEL helper replaces this with the real compiler.
export type CelContext = 'filter' | 'key' | 'payload' | 'emit';
export interface CelRand {
  int(lo: number, hi: number): number;
  float(): number;
  pick(xs: readonly unknown[]): unknown;
  uuid(): string;
}
export interface CelVars {
  event?: unknown;
  data?: unknown;
  key?: string | null;
  seq?: number;
  now?: number;
  rand?: CelRand;
}
export interface CompiledExpr {
  readonly source: string;
  evaluate(vars: CelVars): unknown;
}
export type CompileResult = { ok: true; expr: CompiledExpr } | { ok: false; message: string; column?: number };
export function compileCel(source: string, _context: CelContext): CompileResult {
  return { ok: false, message: `not implemented: ${source}` };
}
