import {
  FLOW_VERSION,
  FlowDoc,
  migrateFlowDoc,
  parseFlow,
  validateFlow,
  type Problem,
} from '@eventflow/shared';
import { asAsyncApi, flowFromAsyncApi, readAsyncApiYaml } from './import-asyncapi';

/**
 * `ok` only when nothing is wrong enough to stop a run (warnings are fine). A refused file keeps `doc` when
 * it fits the schema, so the user may still "Open anyway" and finish half-built work. `checked` is what
 * `validateFlow` found in `doc`, handed to the store so a 1,000-node flow is not validated twice on opening;
 * `warnings` adds what converting the file said (an AsyncAPI document's).
 */
export type ImportResult =
  | { ok: true; doc: FlowDoc; warnings: Problem[]; checked: Problem[] }
  | { ok: false; title: string; problems: Problem[]; doc?: FlowDoc };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Turns file or clipboard text into a flow, or every reason it is not one: a flow file, or an AsyncAPI 3
 * document (YAML or JSON) made into a flow. Nothing here touches the current flow: the caller replaces it
 * only on success.
 */
export function parseImport(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const yaml = readAsyncApiYaml(text);
    if (yaml) return importAsyncApi(yaml);
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      title: 'This is not a JSON file',
      problems: [{ path: '', message, severity: 'error' }],
    };
  }
  const asyncApi = asAsyncApi(raw);
  return asyncApi ? importAsyncApi(asyncApi) : readFlowValue(raw);
}

function importAsyncApi(doc: Record<string, unknown>): ImportResult {
  const made = flowFromAsyncApi(doc);
  if (!made.ok)
    return { ok: false, title: 'This AsyncAPI document cannot be imported', problems: made.problems };
  const result = readFlowValue(made.value);
  return result.ok ? { ...result, warnings: [...made.warnings, ...result.warnings] } : result;
}

/** The same checks for a value already parsed (a library flow, an example). */
export function readFlowValue(raw: unknown): ImportResult {
  // The shared migrator refuses newer versions; the title adds what the user can do about it.
  if (isRecord(raw) && typeof raw.version === 'number' && raw.version > FLOW_VERSION) {
    const migrated = migrateFlowDoc(raw);
    return {
      ok: false,
      title: 'This flow was made by a newer Eventflow',
      problems: migrated.ok ? [] : migrated.problems,
    };
  }
  const migrated = migrateFlowDoc(raw);
  if (!migrated.ok) return { ok: false, title: 'This flow cannot be imported', problems: migrated.problems };
  const schema = FlowDoc.safeParse(migrated.doc);
  if (!schema.success) {
    // Report everything at once: schema, graph and expression problems, with paths.
    const full = parseFlow(raw);
    return { ok: false, title: 'This flow cannot be imported', problems: full.ok ? [] : full.problems };
  }
  // Graph and expression errors (a dangling edge, a broken CEL filter) are reported before anything is
  // replaced; the document comes along so "Open anyway" can load it with its problems.
  const found = validateFlow(schema.data);
  const errors = found.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    return { ok: false, title: 'This flow has problems', problems: errors, doc: schema.data };
  return { ok: true, doc: schema.data, warnings: found, checked: found };
}

/** `Checkout flow` → `checkout-flow.flow.json`, safe on every file system. */
export function exportFileName(name: string, extension = 'flow.json'): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'flow'}.${extension}`;
}

/** The exact bytes of an exported flow: format v1, two-space JSON, trailing newline. */
export function serializeFlow(doc: FlowDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
