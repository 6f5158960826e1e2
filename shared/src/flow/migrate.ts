import type { Problem } from '../protocol/result.js';
import { FLOW_FORMAT, FLOW_VERSION } from './schema.js';

export type MigrateResult =
  { ok: true; doc: Record<string, unknown>; from: number } | { ok: false; problems: Problem[] };

const error = (path: string, message: string): MigrateResult => ({
  ok: false,
  problems: [{ path, message, severity: 'error' }],
});

/**
 * Upgrades a flow document to the current format version (`FLOW_VERSION`). Version 0 is the same
 * document without `format` and with `version: 0` (or no version at all). Newer versions are refused,
 * never guessed at. Returns a new object; the input is not modified. `from` is the version read.
 */
export function migrateFlowDoc(raw: unknown): MigrateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return error('', 'a flow must be a JSON object');
  const doc = raw as Record<string, unknown>;
  const format = doc.format;
  if (format !== undefined && format !== FLOW_FORMAT) {
    return error('format', `this is not an Eventflow flow: format must be "${FLOW_FORMAT}"`);
  }
  const version = doc.version ?? (format === undefined ? 0 : undefined);
  if (version === undefined) return error('version', 'is required');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return error('version', 'must be an integer ≥ 0');
  }
  if (version > FLOW_VERSION) {
    return error(
      'version',
      `this file is format version ${version}; this Eventflow reads up to ${FLOW_VERSION}`,
    );
  }
  if (version === 0) {
    if (format !== undefined) return error('version', `format "${FLOW_FORMAT}" starts at version 1`);
    return { ok: true, doc: { format: FLOW_FORMAT, ...doc, version: FLOW_VERSION }, from: 0 };
  }
  return { ok: true, doc: { ...doc }, from: version };
}
