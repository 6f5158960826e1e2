import { fail, COMMANDS, type CommandName, type Result } from '@eventflow/shared';
import type { CommandHandlers } from './command-table.js';
import type { RunAccess } from './run-access.js';
import type { Session } from './sessions.js';
import type { Ack } from './socket-commands.js';

function denied(verdict: 'forbidden' | 'unknown-run', runId: string): Result<never> {
  return verdict === 'unknown-run'
    ? fail('unknown-run', `no run ${runId}`)
    : fail('forbidden', `run ${runId} belongs to another session`);
}

/** The `runId` of a parsed run-scoped payload (the table's types guarantee one; this keeps it checked). */
export const runIdOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'runId' in data && typeof data.runId === 'string'
    ? data.runId
    : undefined;

/** A handler seen from the dispatch, which serves every command alike. */
type LooseHandler = (cmd: unknown, reply: Ack, who: Session | undefined) => Promise<void> | void;
const handlerOf = (handlers: CommandHandlers, name: CommandName) => handlers[name] as LooseHandler;

/**
 * A parsed command by the table's rules: for run-scoped commands the session's right to the run, then its
 * handler. The same for a command of a socket here and one forwarded from another process (cluster/).
 */
export async function dispatchParsed(
  handlers: CommandHandlers,
  access: Pick<RunAccess, 'check'>,
  name: CommandName,
  data: unknown,
  reply: Ack,
  who: Session | undefined,
): Promise<void> {
  const spec = COMMANDS[name];
  if (spec.access !== 'none') {
    if (!who) return reply(fail('no-session', `say session:hello before ${name}`));
    const runId = runIdOf(data);
    if (runId === undefined) return reply(fail('invalid-payload', `${name} names no runId`));
    const verdict = access.check(who.id, runId, spec.access);
    if (verdict !== 'ok') return reply(denied(verdict, runId));
  }
  await handlerOf(handlers, name)(data, reply, who);
}
