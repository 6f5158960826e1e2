import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  applicationToAsyncApi,
  exportAsyncApi,
  flowToMermaid,
  type FlowDoc,
  type Problem,
} from '@eventflow/shared';
import { stringify } from 'yaml';
import { parseExportArgs, type ExportArgs } from './args.js';
import { type CliResult, done, failed, lines } from './cli-result.js';
import { EXPORT_HELP } from './help.js';
import { formatProblem, loadFlowFile } from './load-flow.js';

/** The exported text, or why there is none (a `--node` that is no application of the flow). */
function render(
  flow: FlowDoc,
  a: ExportArgs,
): { ok: true; text: string; warnings: Problem[] } | { ok: false; message: string } {
  if (a.format === 'mermaid') return { ok: true, text: flowToMermaid(flow), warnings: [] };
  const options = a.server ? { server: a.server } : {};
  const whole = exportAsyncApi(flow, options);
  const doc = a.node === undefined ? whole.doc : applicationToAsyncApi(flow, a.node, options);
  // One application's document leaves out the rest of the flow on purpose: only the whole flow warns.
  const warnings = a.node === undefined ? whole.warnings : [];
  if (!doc)
    return {
      ok: false,
      message: `--node ${a.node}: no producer, consumer or webhook with that id publishes or reads a topic`,
    };
  // No anchors or folded lines: the file should read like a hand-written spec.
  const text =
    a.format === 'asyncapi'
      ? `${JSON.stringify(doc, null, 2)}\n`
      : stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
  return { ok: true, text, warnings };
}

export async function exportCommand(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const parsed = parseExportArgs(argv);
  if (!parsed.ok) return failed(1, lines([...parsed.errors, 'see: eventflow export --help']));
  if (parsed.help) return done(EXPORT_HELP);
  const a = parsed.args;
  const loaded = await loadFlowFile(a.file, cwd);
  if (!loaded.ok) {
    const problems = loaded.problems.map(formatProblem);
    return failed(1, lines(problems.length ? problems : [loaded.message]));
  }
  const out = render(loaded.flow, a);
  if (!out.ok) return failed(1, lines([out.message]));
  // What the format cannot carry is said on stderr, never dropped silently; stdout stays the document.
  const warned = lines(out.warnings.map((w) => `warning: ${w.path}: ${w.message}`));
  if (a.out === undefined) return done(out.text, out.warnings.length ? warned : '');
  try {
    await writeFile(resolve(cwd, a.out), out.text);
  } catch (e) {
    return failed(1, lines([`cannot write ${a.out}: ${e instanceof Error ? e.message : String(e)}`]));
  }
  return done(
    lines([`✓ ${loaded.flow.name}: ${a.format} written to ${a.out}`]),
    out.warnings.length ? warned : '',
  );
}
