import type { Problem } from '../protocol/result.js';
import { readLoose } from './loose-flow.js';
import { migrateFlowDoc } from './migrate.js';
import { FlowDoc } from './schema.js';
import { validateExpressions } from './validate-expressions.js';
import { validateGraph } from './validate-graph.js';
import { zodProblems } from './zod-problems.js';
import { validateSchemas } from '../event-schemas/validate-schemas.js';

/** `problems` holds every error and warning found; `warnings` only warnings (the flow is usable). */
export type ParseResult =
  { ok: true; flow: FlowDoc; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Loads a flow document: migrates old format versions, checks the schema, the graph rules and every CEL
 * expression, and reports all problems at once (paths like `nodes[3].config.partitions`). Graph and
 * expression rules run even when the schema fails, on whatever nodes and edges could be read.
 */
export function parseFlow(raw: unknown): ParseResult {
  const migrated = migrateFlowDoc(raw);
  if (!migrated.ok) return migrated;
  const problems: Problem[] = [];
  if (migrated.from < 1) {
    problems.push({
      path: 'version',
      message: `migrated from format version ${migrated.from}`,
      severity: 'warning',
    });
  }
  // With the input reported, a wrong type reads "must be a number, not string" rather than "is required".
  const parsed = FlowDoc.safeParse(migrated.doc, { reportInput: true });
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  const { nodes, edges } = readLoose(migrated.doc);
  problems.push(
    ...validateGraph(nodes, edges),
    ...validateExpressions(nodes, edges),
    ...validateSchemas(migrated.doc.schemas, nodes, edges),
  );
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, flow: parsed.data, warnings: problems };
}

/** Graph and expression rules on a document that already passed the schema (e.g. the canvas's state). */
export function validateFlow(flow: FlowDoc): Problem[] {
  const { nodes, edges } = readLoose(flow as unknown as Record<string, unknown>);
  return [
    ...validateGraph(nodes, edges),
    ...validateExpressions(nodes, edges),
    ...validateSchemas(flow.schemas, nodes, edges),
  ];
}
