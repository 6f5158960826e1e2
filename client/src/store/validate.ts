import { parseFlow, type FlowDoc, type Problem } from '@eventflow/shared';

/** A validation problem pinned to the canvas element it is about, so the UI can select and mark it. */
export interface LocatedProblem extends Problem {
  nodeId?: string;
  edgeId?: string;
  /** The path inside the element, e.g. `config.partitions`. */
  field?: string;
}

export type Severity = Problem['severity'];

export interface Validation {
  problems: LocatedProblem[];
  /** Worst severity per element id. */
  byNode: Record<string, Severity>;
  byEdge: Record<string, Severity>;
}

// Accepts both `nodes[3].config.x` (the documented form) and `nodes.3.config.x` (zod's joined path).
const ELEMENT_PATH = /^(nodes|edges)(?:\[(\d+)\]|\.(\d+))(?:\.(.+))?$/;

export function locateProblem(problem: Problem, doc: FlowDoc): LocatedProblem {
  const m = ELEMENT_PATH.exec(problem.path);
  if (!m) return problem;
  const index = Number(m[2] ?? m[3]);
  const field = m[4];
  const located: LocatedProblem = { ...problem };
  if (field !== undefined) located.field = field;
  if (m[1] === 'nodes') {
    const id = doc.nodes[index]?.id;
    if (id !== undefined) located.nodeId = id;
  } else {
    const id = doc.edges[index]?.id;
    if (id !== undefined) located.edgeId = id;
  }
  return located;
}

const worse = (a: Severity | undefined, b: Severity): Severity =>
  a === 'error' || b === 'error' ? 'error' : 'warning';

export function validateDoc(doc: FlowDoc): Validation {
  const result = parseFlow(doc);
  return validationOf(result.ok ? result.warnings : result.problems, doc);
}

/** Problems already found in `doc` (an import checks the file before it replaces anything), pinned to its elements. */
export function validationOf(found: readonly Problem[], doc: FlowDoc): Validation {
  const problems = found.map((p) => locateProblem(p, doc));
  const byNode: Record<string, Severity> = {};
  const byEdge: Record<string, Severity> = {};
  for (const p of problems) {
    if (p.nodeId) byNode[p.nodeId] = worse(byNode[p.nodeId], p.severity);
    if (p.edgeId) byEdge[p.edgeId] = worse(byEdge[p.edgeId], p.severity);
  }
  return { problems, byNode, byEdge };
}
