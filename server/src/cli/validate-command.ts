import { parseValidateArgs } from './args.js';
import { type CliResult, done, failed, lines } from './cli-result.js';
import { VALIDATE_HELP } from './help.js';
import { formatProblem, loadFlowFile } from './load-flow.js';

export async function validateCommand(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const parsed = parseValidateArgs(argv);
  if (!parsed.ok) return failed(1, lines([...parsed.errors, 'see: eventflow validate --help']));
  if (parsed.help) return done(VALIDATE_HELP);
  const loaded = await loadFlowFile(parsed.args.file, cwd);
  if (!loaded.ok) {
    const problems = loaded.problems.map(formatProblem);
    return failed(1, lines(problems.length ? problems : [loaded.message]));
  }
  const warnings = loaded.warnings.map(formatProblem);
  return done(lines([`✓ ${loaded.flow.name}: valid`, ...warnings]));
}
