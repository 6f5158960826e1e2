import { RunRef, RunResync, RunStart, RunWatch, SessionHello } from '../commands.js';
import { HelloReply, ResyncReply, RunStarted, ShareReply, WatchReply } from '../replies.js';
import { command } from './spec.js';

/** Saying who you are, starting a run, and joining a run's stream (as its owner or with its view key). */
export const sessionCommands = {
  'session:hello': command({
    payload: SessionHello,
    reply: HelloReply,
    access: 'none',
    rate: 'command',
    sessionless: true,
    doc: 'Must come first on every connection (anything else before it answers `no-session`). Without `sessionToken` the server issues a new session; with a known one it resumes it (the runs it started stay its own, across reconnects and reloads); an unknown or expired token gets a new session, so compare the answer with what you sent. `version-mismatch` when `protocolVersion` differs.',
  }),
  'run:start': command({
    payload: RunStart,
    reply: RunStarted,
    access: 'none',
    rate: 'command',
    doc: "Checks the run slots and memory first (`run-limit`, `server-busy`), bounds the flow's size (`too-large`), then validates it in the run's worker (`invalid-flow` with problems) and starts the run there, owned by this session; the sender joins its room. `flowRevision` is `flowRevision(flow)` of the parsed flow. Seed: command, else the flow's `seed`, else 1. Speed default 1, `paused` default false. With `replay` (a shared run's `script`, with its `flow` and `seed`) the run replays those commands at once and starts paused where the run was shared; a script that does not fit the flow and seed fails the run with the reason. With `recorded` (a trace's hops, at most 10,000, as `--trace` or the trace export wrote them) nothing runs: the run opens `completed` from those hops (summary recounted, `trace:get`, `trace:query`, `run:metrics-at` answered from them) and refuses what would move it; a trace with nodes or edges the flow lacks is `invalid-flow` with a problem per node at `recorded.nodes.<id>`. A longer trace (up to 1,000,000 hops) is uploaded first to `POST /api/recorded` and opened with `recordedUpload` (its handle): another session's handle is `forbidden`, an unknown, used or expired one `not-found`; the rest is as with `recorded`.",
  }),
  'run:resync': command({
    payload: RunResync,
    reply: ResyncReply,
    access: 'viewer',
    rate: 'command',
    doc: "Joins the run's room and returns every stored hop from `fromSeq` up to where the live stream continues: nothing missing, nothing doubled; then sends the run's current `run:state` to this socket. `complete` is false when older hops were evicted or more than 20,000 were due (then the newest are returned); the whole trace is `GET /api/runs/:runId/trace.ndjson`.",
  }),
  'run:share': command({
    payload: RunRef,
    reply: ShareReply,
    access: 'owner',
    rate: 'command',
    doc: 'Owner only. A random key (the same one on every call for a run) that lets another session follow the run read-only with `run:watch`.',
  }),
  'run:watch': command({
    payload: RunWatch,
    reply: WatchReply,
    // Gated by the view key in the payload, which the handler checks.
    access: 'none',
    rate: 'command',
    doc: "Any session with the view key: from then on it may read the run (`run:resync`, `trace:get`, `trace:query`, the REST export) and joins its stream, answered like `run:resync` plus the run's `flowRevision`. Control commands stay `forbidden`. A wrong key: `forbidden`.",
  }),
};
