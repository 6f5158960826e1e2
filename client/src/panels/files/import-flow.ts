import { FLOW_VERSION, parseFlow, type FlowDoc, type Problem } from '@eventflow/shared';

export type ImportResult = { ok: true; doc: FlowDoc; warnings: Problem[] } | { ok: false; title: string; problems: Problem[] };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Turns file or clipboard text into a flow, or every reason it is not one. Nothing here touches the
 * current flow: the caller replaces it only on success.
 */
export function parseImport(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, title: 'This is not a JSON file', problems: [{ path: '', message, severity: 'error' }] };
  }
  // parseFlow refuses newer versions too; this message also tells the user what to do about it.
  if (isRecord(raw) && typeof raw.version === 'number' && raw.version > FLOW_VERSION) {
    return {
      ok: false,
      title: 'This flow was made by a newer Eventflow',
      problems: [
        {
          path: 'version',
          message: `format version ${raw.version} is newer than this designer supports (${FLOW_VERSION}); update Eventflow to open it`,
          severity: 'error',
        },
      ],
    };
  }
  const result = parseFlow(raw);
  if (!result.ok) return { ok: false, title: 'This flow cannot be imported', problems: result.problems };
  return { ok: true, doc: result.flow, warnings: result.warnings };
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
