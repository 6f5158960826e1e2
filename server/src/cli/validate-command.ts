import { parse as parseYaml } from 'yaml';
import { parseValidateArgs } from './args.js';
import { type CliResult, done, failed, lines } from './cli-result.js';
import { VALIDATE_HELP } from './help.js';
import { checkFlow, describeJsonError, formatProblem, readInputFile } from './load-flow.js';
import { isAsyncApiDocument, validateAsyncApi } from './validate-asyncapi.js';

const parseYamlOrUndefined = (text: string): unknown => {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return undefined;
  }
};

export async function validateCommand(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const parsed = parseValidateArgs(argv);
  if (!parsed.ok) return failed(1, lines([...parsed.errors, 'see: eventflow validate --help']));
  if (parsed.help) return done(VALIDATE_HELP);
  const { file } = parsed.args;
  const read = await readInputFile(file, cwd);
  if (!read.ok) return failed(1, lines([read.message]));
  const { text } = read;

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // Not JSON: an AsyncAPI document may be YAML. Anything else keeps the JSON error, which says where.
    const yaml = parseYamlOrUndefined(text);
    if (isAsyncApiDocument(yaml)) return validateAsyncApi(file, text, yaml);
    if (/\.ya?ml$/i.test(file))
      return failed(1, lines([`${file}: not an AsyncAPI document (YAML with an "asyncapi" field)`]));
    return failed(1, lines([`${file}: ${describeJsonError(text, e)}`]));
  }
  if (isAsyncApiDocument(raw)) return validateAsyncApi(file, text, raw);

  const loaded = checkFlow(file, raw);
  if (!loaded.ok) {
    const problems = loaded.problems.map(formatProblem);
    return failed(1, lines(problems.length ? problems : [loaded.message]));
  }
  const warnings = loaded.warnings.map(formatProblem);
  return done(lines([`✓ ${loaded.flow.name}: valid`, ...warnings]));
}
