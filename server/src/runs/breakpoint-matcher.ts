import {
  ARRIVAL_HOPS,
  compileCel,
  fail,
  ok,
  type Breakpoint,
  type CompiledExpr,
  type FlowEvent,
  type Hop,
  type Problem,
  type Result,
} from '@eventflow/shared';

/** Decides, hop by hop, whether a run must pause; built only when at least one breakpoint is enabled. */
export interface BreakpointMatcher {
  /** The first enabled breakpoint (in list order) that `hop` matches, or undefined. */
  match(hop: Hop, eventOf: (id: string) => FlowEvent | undefined): Breakpoint | undefined;
}

interface Armed {
  bp: Breakpoint;
  hops: ReadonlySet<string>;
  condition: CompiledExpr | undefined;
}

const where = (line: number | undefined, column: number | undefined) =>
  column === undefined
    ? ''
    : line && line > 1
      ? ` at line ${line}, column ${column}`
      : ` at column ${column}`;

/**
 * Checks every breakpoint (disabled ones too: a list the client shows must be a list the run accepts) and
 * compiles the enabled ones. Problems carry the path `breakpoints.<i>.<field>` and, for CEL, the column,
 * worded like the flow validator's. `undefined` matcher: nothing is enabled, so the run needs no checks.
 */
export function compileBreakpoints(
  list: readonly Breakpoint[],
  nodeIds: ReadonlySet<string>,
): Result<BreakpointMatcher | undefined> {
  const problems: Problem[] = [];
  const armed: Armed[] = [];
  list.forEach((bp, i) => {
    if (bp.node !== undefined && !nodeIds.has(bp.node))
      problems.push({
        path: `breakpoints.${i}.node`,
        message: `no node '${bp.node}' in this flow`,
        severity: 'error',
      });
    let condition: CompiledExpr | undefined;
    const source = bp.condition?.trim() ? bp.condition : undefined;
    if (source !== undefined) {
      const r = compileCel(source, 'breakpoint');
      if (r.ok) condition = r.expr;
      else
        problems.push({
          path: `breakpoints.${i}.condition`,
          message: `${r.message}${where(r.line, r.column)}`,
          severity: 'error',
        });
    }
    const hops = new Set<string>(bp.hops?.length ? bp.hops : ARRIVAL_HOPS);
    if (bp.enabled) armed.push({ bp, hops, condition });
  });
  const first = problems[0];
  if (first) return fail('invalid-payload', `${first.path}: ${first.message}`, problems);
  return ok(armed.length === 0 ? undefined : createMatcher(armed));
}

function createMatcher(armed: readonly Armed[]): BreakpointMatcher {
  return {
    match(hop, eventOf) {
      let event: FlowEvent | undefined;
      for (const a of armed) {
        if ((a.bp.node !== undefined && a.bp.node !== hop.node) || !a.hops.has(hop.type)) continue;
        if (!a.condition) return a.bp;
        event ??= eventOf(hop.event);
        if (!event) continue;
        try {
          const holds = a.condition.evaluate({
            event,
            data: event.data,
            key: event.partitionkey ?? null,
            type: event.type,
            node: hop.node,
            hop: hop.type,
          });
          if (holds === true) return a.bp;
        } catch {
          // A condition that fails on this event (a missing field) does not hold: the run goes on.
        }
      }
      return undefined;
    },
  };
}
