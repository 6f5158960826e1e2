import type { Diagnostic } from '@asyncapi/parser';
import { asyncApiToFlow, type FlowDoc } from '@eventflow/shared';
import { type CliResult, done, failed, lines } from './cli-result.js';

/** Whether a parsed file is an AsyncAPI document rather than a flow: it says which AsyncAPI version it is. */
export const isAsyncApiDocument = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'asyncapi' in raw;

/** The parser's `DiagnosticSeverity` order: Error, Warning, Information, Hint. */
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** `severity: path: message (line N)`, the line 1-based as editors show it. */
const formatDiagnostic = (d: Diagnostic) =>
  `${SEVERITIES[d.severity] ?? 'info'}: ${d.path.join('.') || '(root)'}: ${d.message} (line ${d.range.start.line + 1})`;

function describeFlow(flow: FlowDoc): string {
  const kinds = new Map<string, number>();
  for (const n of flow.nodes) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts = [...kinds].map(([kind, n]) => count(n, kind));
  return `maps to a flow of ${count(flow.nodes.length, 'node')} (${parts.join(', ')}) and ${count(flow.edges.length, 'edge')}`;
}

/**
 * Validates an AsyncAPI document with `@asyncapi/parser` (the reference parser: schema, references and its
 * ruleset), then says what `eventflow import` would make of it. Errors fail; a valid document that does not map
 * to a flow is still valid AsyncAPI, so that is reported as warnings.
 */
export async function validateAsyncApi(file: string, text: string, doc: unknown): Promise<CliResult> {
  // Loaded only here: the parser and its ruleset take a second or two to load, which flow files never need.
  const { Parser } = await import('@asyncapi/parser');
  const { document, diagnostics } = await new Parser().parse(text, { source: file });
  const found = [...diagnostics].sort((a, b) => a.severity - b.severity);
  const printed = found.map(formatDiagnostic);
  if (!document || found.some((d) => d.severity === 0))
    return failed(1, lines([`${file}: invalid AsyncAPI document`, ...printed]));

  const title = document.info().title();
  const mapped = asyncApiToFlow(doc);
  const mapping = mapped.ok
    ? [describeFlow(mapped.flow), ...mapped.warnings.map((w) => `warning: ${w}`)]
    : mapped.errors.map((e) => `warning: does not map to a flow: ${e}`);
  return done(lines([`✓ ${title}: valid AsyncAPI ${document.version()}`, ...printed, ...mapping]));
}
