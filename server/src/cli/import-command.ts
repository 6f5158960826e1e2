import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { asyncApiToFlow } from '@eventflow/shared';
import { parse } from 'yaml';
import { parseImportArgs } from './args.js';
import { upgradeAsyncApi } from './asyncapi-upgrade.js';
import { type CliResult, done, failed, lines } from './cli-result.js';
import { IMPORT_HELP } from './help.js';

/** YAML or JSON (YAML reads both); the reason when it is neither. */
function readDocument(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
}

export async function importCommand(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const parsed = parseImportArgs(argv);
  if (!parsed.ok) return failed(1, lines([...parsed.errors, 'see: eventflow import --help']));
  if (parsed.help) return done(IMPORT_HELP);
  const { file, out } = parsed.args;
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failed(
      1,
      lines([`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`]),
    );
  }
  const doc = readDocument(text);
  if (!doc.ok) return failed(1, lines([`${file}: not YAML or JSON: ${doc.message}`]));
  const r = asyncApiToFlow(doc.value, { upgrade: upgradeAsyncApi });
  if (!r.ok) return failed(1, lines(r.errors));
  const warnings = r.warnings.map((w) => `warning: ${w}`);
  const json = `${JSON.stringify(r.flow, null, 2)}\n`;
  if (out === undefined) return done(json, lines(warnings));
  try {
    await writeFile(resolve(cwd, out), json);
  } catch (e) {
    return failed(1, lines([`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`]));
  }
  const summary = `✓ ${r.flow.name}: ${r.flow.nodes.length} nodes, ${r.flow.edges.length} edges written to ${out}`;
  return done(lines([summary]), lines(warnings));
}
