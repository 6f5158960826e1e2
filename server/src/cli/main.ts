import { type CliResult, done, failed } from './cli-result.js';
import { exportCommand } from './export-command.js';
import { EXPORT_HELP, IMPORT_HELP, MAIN_HELP, RUN_HELP, VALIDATE_HELP } from './help.js';
import { importCommand } from './import-command.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

const commands = {
  validate: validateCommand,
  run: runCommand,
  export: exportCommand,
  import: importCommand,
} as const;
const helps: Record<string, string> = {
  validate: VALIDATE_HELP,
  run: RUN_HELP,
  export: EXPORT_HELP,
  import: IMPORT_HELP,
};

const isCommand = (name: string): name is keyof typeof commands => Object.hasOwn(commands, name);

/** The whole CLI as a function of its arguments; `bin/eventflow.mjs` only writes the result out. */
export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') return done(MAIN_HELP);
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) return done(MAIN_HELP);
    const text = helps[topic];
    return text ? done(text) : failed(1, `unknown command '${topic}'\n\n${MAIN_HELP}`);
  }
  if (!isCommand(name)) return failed(1, `unknown command '${name}'\n\n${MAIN_HELP}`);
  return commands[name]([...rest], cwd);
}
