import { COMMANDS, EVENTS, resultOf, type Result } from '@eventflow/shared';
import type { CommandName } from './channel';

const issuesOf = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/**
 * Holds the fake server to the protocol table, as the socket tests hold the real one: every event it sends
 * and every answer it gives is parsed with the table's schema, so a test that makes it send something
 * the real server never could fails instead of testing the client against a shape that does not exist.
 */
export function fitEvent(event: string, payload: unknown): void {
  const spec = Object.hasOwn(EVENTS, event) ? EVENTS[event as keyof typeof EVENTS] : undefined;
  if (!spec) throw new Error(`the fake server sent ${event}, which is not in the protocol table`);
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) {
    throw new Error(
      `the fake server sent a ${event} that does not fit the protocol table: ${issuesOf(parsed.error)}`,
    );
  }
}

export function fitAnswer(name: CommandName, answer: Result<unknown>): Result<unknown> {
  const parsed = resultOf(COMMANDS[name].reply).safeParse(answer);
  if (!parsed.success) {
    throw new Error(
      `the fake server's answer to ${name} does not fit the protocol table: ${issuesOf(parsed.error)}`,
    );
  }
  return answer;
}
