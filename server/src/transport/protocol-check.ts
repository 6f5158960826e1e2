import {
  COMMANDS,
  ErrorReply,
  EVENTS,
  ExampleList,
  ExampleReply,
  FlowList,
  FlowWriteReply,
  HealthReply,
  isCommandName,
  resultOf,
  ResultFailure,
  StoredFlowReply,
  ValidateReply,
} from '@eventflow/shared';
import type { z } from 'zod';

/**
 * Test support: holds the server to the shared protocol table. Every answer a test client gets is parsed
 * with the command's reply schema and every event it is sent with the event's payload schema, so a server
 * that drifts from the table fails the test that saw it, not a client in production.
 */

const describe = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/** Throws unless `answer` is a `Result` whose value fits the reply schema of command `name`. */
export function checkReply(name: string, answer: unknown): void {
  // Unknown command names are answered too (`invalid-payload`): those answers must still be failures.
  const schema = isCommandName(name) ? resultOf(COMMANDS[name].reply) : ResultFailure;
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new Error(`the answer to ${name} does not fit the protocol table: ${describe(parsed.error)}`);
  }
}

/** Why a server → client event does not fit the table, or undefined when it does. */
export function eventProblem(name: string, args: unknown[]): string | undefined {
  if (!Object.hasOwn(EVENTS, name)) return `the server sent ${name}, which is not in the protocol table`;
  if (args.length !== 1) return `${name} came with ${args.length} arguments, not one payload`;
  const parsed = EVENTS[name as keyof typeof EVENTS].payload.safeParse(args[0]);
  return parsed.success ? undefined : `${name} does not fit the protocol table: ${describe(parsed.error)}`;
}

const seen = new WeakMap<object, string[]>();

/** Starts checking every event `client` is sent; `assertEventsFit` reports what did not fit. */
export function watchEvents(client: {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}): void {
  const problems: string[] = [];
  seen.set(client, problems);
  client.onAny((event, ...args) => {
    const problem = eventProblem(event, args);
    if (problem) problems.push(problem);
  });
}

/** Throws if an event `client` was sent so far did not fit the protocol table. */
export function assertEventsFit(client: object): void {
  const problems = seen.get(client) ?? [];
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
}

/** The JSON routes of the REST API and the shared schema of each one's success body. */
const REST_REPLIES: [method: string, route: RegExp, schema: z.ZodType][] = [
  ['GET', /^\/api\/health$/, HealthReply],
  ['GET', /^\/api\/flows$/, FlowList],
  ['POST', /^\/api\/flows\/validate$/, ValidateReply],
  ['POST', /^\/api\/flows$/, FlowWriteReply],
  ['GET', /^\/api\/flows\/[^/]+$/, StoredFlowReply],
  ['PUT', /^\/api\/flows\/[^/]+$/, FlowWriteReply],
  ['GET', /^\/api\/examples$/, ExampleList],
  ['GET', /^\/api\/examples\/[^/]+$/, ExampleReply],
];

/** Throws unless a REST answer with a JSON body fits its shared schema (errors: `ErrorReply`). */
export function checkRestReply(method: string, route: string, status: number, body: unknown): void {
  const path = route.split('?')[0] ?? route;
  const schema =
    status >= 400 ? ErrorReply : REST_REPLIES.find(([m, r]) => m === method && r.test(path))?.[2];
  if (!schema || body === undefined) return;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${method} ${route} (${status}) does not fit its shared schema: ${describe(parsed.error)}`,
    );
  }
}
