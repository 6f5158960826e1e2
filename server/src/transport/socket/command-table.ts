import {
  fail,
  ok,
  PROTOCOL_VERSION,
  type CommandName,
  type CommandParsed,
  type CommandReply,
  type Result,
  type LessonCommandName,
  type RoomCommandName,
  type SessionlessName,
} from '@eventflow/shared';
import type { RecordedUploads } from '../../runs/recorded-uploads.js';
import type { RunService } from '../../runs/run-service.js';
import type { RunAccess } from './run-access.js';
import type { Session, SessionRegistry } from './sessions.js';

export type Reply<C extends CommandName> = (r: Result<CommandReply<C>>) => void;

/**
 * What one command does once the shared table's rules have passed: its payload parsed, the session known
 * (except for `session:hello`) and, for `owner`/`viewer` commands, the session's right to the run checked.
 */
export type Handler<C extends CommandName> = (
  cmd: CommandParsed<C>,
  reply: Reply<C>,
  who: C extends SessionlessName ? Session | undefined : Session,
) => Promise<void> | void;

/** One handler per command of the table: a command added there is a compile error here until handled. */
export type CommandHandlers = { [C in CommandName]: Handler<C> };
/**
 * The handlers written here; the room commands' are in `room-handlers.ts` (they need the socket), the lesson
 * commands' in `lesson-handlers.ts` (they need the rooms).
 */
export type RunCommandHandlers = Omit<CommandHandlers, RoomCommandName | LessonCommandName>;

/** What the handlers need of the connection they serve. */
export interface Connection {
  runs: RunService;
  sessions: SessionRegistry;
  access: RunAccess;
  /** Traces uploaded over REST, opened by `run:start { recordedUpload }`; absent where nothing is uploaded. */
  uploads?: RecordedUploads;
  /** Binds the connection to a session (the first successful hello). */
  adopt(session: Session): void;
  /** Joins the run's room (its stream) once. */
  join(runId: string): void;
  /** Sends a run's current state to this socket only (a late joiner missed the changes so far). */
  sendState(runId: string): void;
}

/**
 * The server's side of the protocol table: what each command does. The rules around it (payload schema,
 * session, access to the run, rate class) are read from `COMMANDS` in shared/ by `registerRunHandlers`.
 */
export function createCommandHandlers(conn: Connection): RunCommandHandlers {
  const { runs, sessions, access } = conn;

  /**
   * Joining as the worker's answer arrives (synchronously) is what makes a resync exact: batches sent before
   * the answer are in it, batches after it reach this socket through the room.
   */
  const resync = (runId: string, fromSeq: number, reply: Reply<'run:resync'>) =>
    runs.command(runId, { op: 'resync', fromSeq }, (r) => {
      if (r.ok) conn.join(runId);
      reply(r);
      if (r.ok) conn.sendState(runId);
    });

  return {
    'session:hello': ({ protocolVersion, sessionToken }, reply, current) => {
      if (protocolVersion !== PROTOCOL_VERSION) {
        return reply(
          fail('version-mismatch', `server speaks protocol ${PROTOCOL_VERSION}, client ${protocolVersion}`),
        );
      }
      if (current) {
        if (sessionToken !== undefined && sessionToken !== current.token) {
          return reply(fail('invalid-payload', 'this connection already has a session; reconnect to switch'));
        }
        return reply(ok({ protocolVersion, sessionToken: current.token }));
      }
      const opened = sessions.open(sessionToken);
      if (!opened) return reply(fail('server-busy', 'too many sessions are open; try again later'));
      conn.adopt(opened.session);
      reply(ok({ protocolVersion, sessionToken: opened.session.token }));
    },

    'run:start': async (
      { flow, seed, speed, paused, replay, runtime, recorded, recordedUpload },
      reply,
      who,
    ) => {
      let recordedNdjson: Buffer | undefined;
      if (recordedUpload !== undefined) {
        if (recorded !== undefined)
          return reply(fail('invalid-payload', 'recorded: send the hops or an upload’s handle, not both'));
        const taken = conn.uploads?.take(recordedUpload, who.id) ?? 'not-found';
        if (taken === 'forbidden')
          return reply(fail('forbidden', 'recordedUpload: that trace was uploaded by another session'));
        if (taken === 'not-found')
          return reply(
            fail('not-found', 'recordedUpload: no such upload (already opened, expired, or never uploaded)'),
          );
        recordedNdjson = taken;
      }
      const init = {
        flow,
        ...(seed === undefined ? {} : { seed }),
        ...(replay === undefined ? {} : { replay }),
        ...(runtime === undefined ? {} : { runtime }),
        ...(recorded === undefined ? {} : { recorded }),
        ...(recordedNdjson === undefined ? {} : { recordedNdjson }),
        speed: speed ?? 1,
        paused: paused ?? false,
        owner: who.id,
      };
      // The worker validates the flow; `onAccepted` runs as it accepts it, before any message of the new run
      // is forwarded, so the starter owns the run and is in its room before the first hop.
      const started = await runs.start(init, (runId) => {
        access.recordOwner(runId, who.id);
        conn.join(runId);
      });
      if (started.ok) access.setFlowRevision(started.value.runId, started.value.flowRevision);
      reply(started);
    },

    'run:resync': async ({ runId, fromSeq }, reply) => {
      await resync(runId, fromSeq, reply);
    },

    'run:share': ({ runId }, reply) => {
      const viewKey = access.share(runId);
      reply(viewKey ? ok({ viewKey }) : fail('unknown-run', `no run ${runId}`));
    },

    'run:watch': async ({ runId, viewKey, fromSeq }, reply, who) => {
      const verdict = access.watch(who.id, runId, viewKey);
      if (verdict === 'unknown-run') return reply(fail('unknown-run', `no run ${runId}`));
      if (verdict === 'forbidden')
        return reply(fail('forbidden', `that is not the view key of run ${runId}`));
      const flowRevision = access.flowRevision(runId) ?? '';
      await resync(runId, fromSeq, (r) => reply(r.ok ? ok({ ...r.value, flowRevision }) : r));
    },

    'run:pause': async ({ runId }, reply) => reply(await runs.command(runId, { op: 'pause' })),
    'run:resume': async ({ runId }, reply) => reply(await runs.command(runId, { op: 'resume' })),
    'run:step': async ({ runId, hops }, reply) =>
      reply(await runs.command(runId, { op: 'step', hops: hops ?? 1 })),
    'run:advance': async ({ runId, ms }, reply) => reply(await runs.command(runId, { op: 'advance', ms })),
    'run:stop': async ({ runId }, reply) => reply(await runs.command(runId, { op: 'stop' })),
    'run:reset': async ({ runId }, reply) => reply(await runs.command(runId, { op: 'reset' })),
    'run:speed': async ({ runId, speed }, reply) => reply(await runs.command(runId, { op: 'speed', speed })),
    'run:seed': async ({ runId, seed }, reply) => reply(await runs.command(runId, { op: 'seed', seed })),
    'producer:fire': async ({ runId, nodeId, data }, reply) =>
      reply(await runs.command(runId, { op: 'fire', nodeId, ...(data === undefined ? {} : { data }) })),
    'node:update': async ({ runId, nodeId, config }, reply) =>
      reply(await runs.command(runId, { op: 'update', nodeId, config })),
    'run:topic-outage': async ({ runId, nodeId, down }, reply) =>
      reply(await runs.command(runId, { op: 'outage', nodeId, down })),
    'consumer:set-down': async ({ runId, nodeId, down, instance }, reply) =>
      reply(
        await runs.command(runId, {
          op: 'down',
          nodeId,
          down,
          ...(instance === undefined ? {} : { instance }),
        }),
      ),
    'group:replay': async ({ runId, nodeId, fromOffset, fromTime }, reply) =>
      reply(
        await runs.command(
          runId,
          fromTime === undefined
            ? { op: 'replay', nodeId, fromOffset: fromOffset ?? 0 }
            : { op: 'replay', nodeId, fromTime },
        ),
      ),
    'run:breakpoints': async ({ runId, breakpoints }, reply) =>
      reply(await runs.command(runId, { op: 'breakpoints', breakpoints })),
    'run:export-replay': async ({ runId }, reply) => reply(await runs.command(runId, { op: 'export' })),
    'trace:get': async ({ runId, eventId }, reply) =>
      reply(await runs.command(runId, { op: 'get', eventId })),
    'run:metrics-at': async ({ runId, seq }, reply) =>
      reply(await runs.command(runId, { op: 'counts', seq })),
    'topic:read': async ({ runId, ...query }, reply) =>
      reply(await runs.command(runId, { op: 'topic', ...query })),
    'projection:read': async ({ runId, nodeId, seq }, reply) =>
      reply(await runs.command(runId, { op: 'projection', nodeId, ...(seq === undefined ? {} : { seq }) })),
    'projection:rebuild': async ({ runId, nodeId, fromSnapshot }, reply) =>
      reply(await runs.command(runId, { op: 'rebuild', nodeId, fromSnapshot })),
    'store:aggregate': async ({ runId, nodeId, aggregate }, reply) =>
      reply(await runs.command(runId, { op: 'aggregate', nodeId, aggregate })),
    'trace:query': async ({ runId, filter, cursor, limit, row, eventId }, reply) =>
      reply(
        await runs.command(runId, {
          op: 'query',
          filter,
          ...(cursor === undefined ? {} : { cursor }),
          ...(limit === undefined ? {} : { limit }),
          ...(row === undefined ? {} : { row }),
          ...(eventId === undefined ? {} : { eventId }),
        }),
      ),
  };
}
