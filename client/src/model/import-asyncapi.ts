import { asyncApiToFlow, type Problem } from '@eventflow/shared';
import { parse } from 'yaml';
import { upgradeAsyncApi } from './asyncapi-upgrade';

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A value that is an AsyncAPI document (it names its `asyncapi` version), else undefined. */
export const asAsyncApi = (value: unknown): Record<string, unknown> | undefined =>
  isRecord(value) && typeof value.asyncapi === 'string' ? value : undefined;

/** YAML text that holds an AsyncAPI document, else undefined (JSON is read first, by the caller). */
export function readAsyncApiYaml(text: string): Record<string, unknown> | undefined {
  try {
    return asAsyncApi(parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The flow an AsyncAPI document describes, as a plain value for the usual flow checks, with what the
 * import could not carry over as warnings; or the reasons it is no flow.
 */
export function flowFromAsyncApi(
  doc: Record<string, unknown>,
): { ok: true; value: unknown; warnings: Problem[] } | { ok: false; problems: Problem[] } {
  const r = asyncApiToFlow(doc, { upgrade: upgradeAsyncApi });
  if (!r.ok)
    return { ok: false, problems: r.errors.map((message) => ({ path: '', message, severity: 'error' })) };
  return {
    ok: true,
    value: r.flow,
    warnings: r.warnings.map((message) => ({ path: '', message, severity: 'warning' })),
  };
}
