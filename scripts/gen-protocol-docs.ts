/**
 * Writes docs/protocol.md: the REST API and socket protocol. The command list and every payload's JSON
 * Schema come from the zod schemas in shared/, so the document cannot drift from what the server checks.
 *
 *   npx tsx scripts/gen-protocol-docs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import {
  DEFAULT_JSON_LIMITS,
  ERROR_CODES,
  GroupReplay,
  NodeUpdate,
  PROTOCOL_VERSION,
  ProducerFire,
  RunAdvance,
  RunMetricsAt,
  RunRef,
  RunResync,
  RunSeed,
  RunSpeed,
  RunStart,
  RunStep,
  RunWatch,
  SESSION_HEADER,
  SessionHello,
  TOPIC_READ_MAX,
  TopicRead,
  TraceGet,
  TraceQuery,
} from '@eventflow/shared';
import { ALLOWED_ORIGINS_ENV } from '../server/src/transport/http/origin-guard.js';
import { RUN_ACCESS } from '../server/src/transport/socket/command-table.js';

const commands: [string, z.ZodType, string, string][] = [
  [
    'session:hello',
    SessionHello,
    '`{ protocolVersion, sessionToken }`',
    'Must come first on every connection (anything else before it answers `no-session`). Without `sessionToken` the server issues a new session; with a known one it resumes it (the runs it started stay its own, across reconnects and reloads); an unknown or expired token gets a new session, so compare the answer with what you sent. `version-mismatch` when `protocolVersion` differs.',
  ],
  [
    'run:start',
    RunStart,
    '`{ runId, flowRevision }`',
    "Checks the run slots and memory first (`run-limit`, `server-busy`), bounds the flow's size (`too-large`), then validates it in the run's worker (`invalid-flow` with problems) and starts the run there, owned by this session; the sender joins its room. `flowRevision` is `flowRevision(flow)` of the parsed flow. Seed: command, else the flow's `seed`, else 1. Speed default 1, `paused` default false.",
  ],
  [
    'run:pause',
    RunRef,
    '`null`',
    'Stops real-time pacing; the run then moves only by `run:step` / `run:advance`.',
  ],
  [
    'run:resume',
    RunRef,
    '`null`',
    'Resumes pacing at the current speed. Refused on stopped/failed runs (reset first).',
  ],
  [
    'run:step',
    RunStep,
    '`{ hops }`',
    'Makes up to `hops` (default 1) more hops visible; every one is streamed, in order, before the ack. Pauses a running run.',
  ],
  ['run:advance', RunAdvance, '`{ t }`', 'Advances simulated time by `ms`. Pauses a running run.'],
  [
    'run:stop',
    RunRef,
    '`null`',
    'Ends the run (`stopped`); its trace stays queryable until the run is evicted.',
  ],
  [
    'run:reset',
    RunRef,
    '`null`',
    'Recreates the engine from the original flow and seed: `run:state { status: "paused", t: 0, reason: "reset" }`; seq restarts at 1, so clients drop the hops they hold.',
  ],
  [
    'run:speed',
    RunSpeed,
    '`null`',
    'Simulated ms per wall ms (0.01..1000), or `"max"` (as fast as the worker can).',
  ],
  ['run:seed', RunSeed, '`null`', 'Sets the seed and resets the run.'],
  [
    'run:resync',
    RunResync,
    '`{ hops, complete }`',
    "Joins the run's room and returns every stored hop from `fromSeq` up to where the live stream continues: nothing missing, nothing doubled; then sends the run's current `run:state` to this socket. `complete` is false when older hops were evicted or more than 20,000 were due (then the newest are returned); the whole trace is `GET /api/runs/:runId/trace.ndjson`.",
  ],
  [
    'run:share',
    RunRef,
    '`{ viewKey }`',
    'Owner only. A random key (the same one on every call for a run) that lets another session follow the run read-only with `run:watch`.',
  ],
  [
    'run:watch',
    RunWatch,
    '`{ hops, complete, flowRevision }`',
    "Any session with the view key: from then on it may read the run (`run:resync`, `trace:get`, `trace:query`, the REST export) and joins its stream, answered like `run:resync` plus the run's `flowRevision`. Control commands stay `forbidden`. A wrong key: `forbidden`.",
  ],
  [
    'producer:fire',
    ProducerFire,
    '`{ eventId }`',
    `Publishes one event from a producer now (\`data\` or its payload expression). \`data\` nested deeper than ${DEFAULT_JSON_LIMITS.maxDepth} levels or over ${DEFAULT_JSON_LIMITS.maxBytes / 1024} KB as JSON is refused (\`invalid-payload\` with its path) before it reaches the run.`,
  ],
  [
    'node:update',
    NodeUpdate,
    '`null`',
    "Merges `config` into a node's config, validated (and bounded like `producer:fire` data); takes effect from the next task.",
  ],
  [
    'group:replay',
    GroupReplay,
    '`null`',
    'Moves a consumer group back on every partition: to `fromOffset` (or the oldest retained), or to the first entry published at or after `fromTime` (simulated ms; a partition with none stays put). Exactly one of the two. Those entries are delivered again as the run moves; a completed run becomes paused. `unknown-node` for a non-consumer.',
  ],
  [
    'trace:get',
    TraceGet,
    '`TracePath`',
    'Every stored hop of an event and its chained descendants (`unknown-event` if not in the store).',
  ],
  ['trace:query', TraceQuery, '`{ events, cursor?, total }`', 'A page of events matching the filter.'],
  [
    'topic:read',
    TopicRead,
    '`TopicView`',
    `Each partition's \`oldest\`/\`next\` offsets; the entries \`{ offset, eventId, type, key?, t }\` of \`partition\` (all when left out) from \`fromOffset\` (else the newest), at most \`limit\` ≤ ${TOPIC_READ_MAX}; per group \`{ group, consumerNodeId, committed, lag }\` by partition. \`unknown-node\` for a non-topic.`,
  ],
  [
    'run:metrics-at',
    RunMetricsAt,
    '`{ seq, t, fromSeq, nodes, edges }`',
    "The counters `run:metrics` carries, recounted from the stored hops up to `seq` inclusive: what the canvas shows once the user steps back. Rates and consumer instances are left out (they are not in the trace); a group's position after `group:replay` shows from its next fetch. `fromSeq` > 1 says older hops were evicted and are not counted. `unknown-event` for a seq past the run's last hop or already evicted.",
  ],
];

const schemaOf = (s: z.ZodType) =>
  JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }), null, 2);

const out = `# Eventflow server protocol

<!-- Generated by \`npx tsx scripts/gen-protocol-docs.ts\` from shared/src/protocol; edit the script, not this file. -->

The server (\`npm start\`) listens on \`HOST\`:\`PORT\` (default \`127.0.0.1:3000\`) and keeps flows in
\`EVENTFLOW_DATA_DIR\` (default \`<repo>/.data/flows\`). Security headers via helmet; no CORS.

## Origins and hosts

Every HTTP request (API and static files) and every socket.io handshake is checked before anything else:

- \`Host\` must be one the server answers to: the address it listens on (\`HOST\`:\`PORT\`, by name
  when \`HOST\` is a name), plus \`localhost\`, \`127.0.0.1\` and \`[::1]\` on that port when it listens on loopback or on
  every interface (\`0.0.0.0\`). This is what stops DNS rebinding.
- \`Origin\`, when present, must be \`http://\` + one of those hosts. Requests without \`Origin\` (curl, same-origin
  GETs) pass this check but still need an allowed \`Host\`.
- \`${ALLOWED_ORIGINS_ENV}\` adds origins (comma-separated, e.g. \`http://192.168.1.20:3000\` for a LAN workshop);
  their hosts are allowed as \`Host\` too. \`npm run dev\` (\`--dev\`) adds Vite's \`http://localhost:5173\` and
  \`http://127.0.0.1:5173\`.

Refused: HTTP 403 \`{ code: "forbidden", message }\`, the message naming the refused origin or host and the variable
to set; a refused socket.io handshake gets the same message (readable over polling; a WebSocket upgrade is closed).

## REST (\`/api\`)

Bodies are JSON, at most 2 MB. Every error is \`{ code, message, problems? }\` with a fitting status
(400 \`invalid-payload\` for malformed JSON or a body that does not fit its schema, 401 \`no-session\`,
403 \`forbidden\`, 413 \`too-large\`, 404 \`not-found\`, 409 \`conflict\`, 422 \`invalid-flow\`, 428 \`invalid-payload\`
when a write leaves out its revision, 507 \`quota-exceeded\`, 500 \`internal\`).

| Route | Body | Answer |
| --- | --- | --- |
| \`GET /api/health\` | | \`{ ok: true, runs }\` |
| \`GET /api/flows\` | | \`[{ id, name, description?, revision, updated }]\`, newest first (\`updated\` epoch ms) |
| \`POST /api/flows\` | a flow document | 201 \`{ id, revision: 1, problems }\` (graph and expression problems do not stop a save: half-built work is kept); 422 \`invalid-flow\` with \`problems\` when it does not fit the format |
| \`GET /api/flows/:id\` | | \`{ id, revision, created, updated, flow }\` (the document as saved) |
| \`PUT /api/flows/:id\` | \`{ revision, flow }\` (\`revision\` = the one the edit is based on, a JSON integer) | \`{ id, revision, problems }\`; 409 \`{ code: "conflict", revision }\` when another write came first; 428 without \`revision\`; 507 past the quota |
| \`DELETE /api/flows/:id?revision=N\` | | 204; 409 \`{ code: "conflict", revision }\` when \`N\` is stale; 428 without it |
| \`POST /api/flows/validate\` | a flow document | 200 \`{ ok, problems: [{ path, message, severity }] }\` either way |
| \`GET /api/examples\` | | \`[{ id, name, description? }]\` from \`examples/*.flow.json\` |
| \`GET /api/examples/:id\` | | \`{ id, flow }\` (read-only templates) |
| \`GET /api/runs/:runId/trace.ndjson\` | | 200 \`application/x-ndjson\`: the run's whole stored trace, one hop per line (see below). Needs \`${SESSION_HEADER}: <sessionToken>\` of the run's owner or of a session that \`run:watch\`ed it: 401 \`no-session\` without the header or for an unknown/expired token, 403 \`forbidden\` for another session's run; 404 \`unknown-run\`; 400 \`invalid-payload\` for a malformed \`runId\` |

### Revisions, validation and quota

Every write names the revision it is based on, and only the current one is accepted (409 \`conflict\` with
the current \`revision\` otherwise, 428 when it is left out): \`PUT\` in the body's \`revision\`, a JSON integer
≥ 1 (\`"4"\`, \`"0x4"\` and \`4.5\` are refused, never coerced); \`DELETE\` in the query, \`?revision=N\` with
decimal digits only. Request bodies and queries are checked with the zod schemas in
\`shared/src/protocol/rest.ts\` (\`FlowUpdateBody\`, \`FlowDeleteQuery\`); a 400 carries one problem per fault, each
naming its path and what is wrong, e.g. \`{ path: "body.revision", message: "expected number, received string" }\`;
unknown fields are refused by name.

The library holds at most 1,000 flows and 100 MB of stored files; a create or update past either limit is refused
with 507 \`quota-exceeded\` and a message naming the limit. \`GET /api/flows\` is answered from an index built once
at startup and kept current by every write and delete, so listing reads no file; the server must be the
library directory's only writer.

### Trace export

\`GET /api/runs/:runId/trace.ndjson\` streams every stored, visible hop of a run (in any status, for as long as the
server keeps it: stopped and completed runs too, until evicted or disposed), from the oldest hop still stored to the
last one visible when the request arrived, in \`seq\` order: one \`JSON.stringify(hop)\` per line, each ending in
\`\\n\`, byte for byte what \`eventflow run --trace\` writes for the same flow and seed. Unlike \`run:resync\`
(20,000 hops at most) it covers the whole store (up to 1,000,000 hops), read from the run's worker 10,000 hops
at a time and written with backpressure. Headers:

- \`Content-Disposition: attachment; filename="<flow name>-<runId>.trace.ndjson"\`
- \`X-Eventflow-First-Seq\`: seq of the oldest stored hop (1 unless older hops were evicted)
- \`X-Eventflow-Last-Seq\`: seq of the last hop the export covers
- \`X-Eventflow-Evicted\`: hops evicted from the store so far (non-zero: the file does not start at the run's beginning)

If the export cannot finish (the run is reset or disposed meanwhile), the response is cut off rather than ended,
so an incomplete file never looks complete. Hops of a still-running run may be evicted while the export reads
them; those are skipped.

Each flow is one file \`<id>.json\`, written atomically (temp file, fsync, rename, directory fsync);
temp files a crash left behind are removed at startup.

## Socket.io

Protocol version ${PROTOCOL_VERSION} (\`session:hello { protocolVersion }\` → \`version-mismatch\` when it differs).
Every command takes exactly one payload and an ack callback (the ack is the last argument when it is a function;
a command with more or fewer payload arguments answers \`invalid-payload\`); the ack is always a \`Result\`:
\`{ ok: true, value }\` or \`{ ok: false, code, message, problems? }\`. Nothing throws across the wire.

### Sessions and run ownership

- \`session:hello\` comes first; every other command before it answers \`no-session\`. The session token it returns
  is the client's secret: keep it for the tab (e.g. \`sessionStorage\`) and send it in the next hello, and in the
  \`${SESSION_HEADER}\` header of REST requests that touch a run. A session outlives its last connection by 10
  minutes; at most 10,000 sessions are kept (the longest idle is dropped first; \`server-busy\` if all are connected).
- A run belongs to the session that started it. Commands that change it need the owner; commands that read it
  need the owner or a session that joined with \`run:watch\` (owner → \`run:share\` → view key → watcher). Anyone else
  gets \`forbidden\` ("run X belongs to another session") and nothing happens; the stream is only sent to sockets
  of sessions that may read the run.

| Command | Needs |
| --- | --- |
${Object.entries(RUN_ACCESS)
  .map(([name, access]) => `| \`${name}\` | ${access === 'owner' ? 'owner' : 'owner or watcher'} |`)
  .join('\n')}
| \`run:watch\` | the run's view key |

### Limits

- Messages over 2 MB close the connection (socket.io \`maxHttpBufferSize\`).
- Each socket may send 100 commands at once, refilled at 50/s; all the sockets of one remote address together
  300 at once, refilled at 150/s; beyond either: \`rate-limited\`.
- At most 32 open connections per remote address; the next handshake is refused ("too many connections").
- Arbitrary JSON in a command (\`producer:fire\` \`data\`, \`node:update\` \`config\`) may nest ${DEFAULT_JSON_LIMITS.maxDepth} levels and
  be ${DEFAULT_JSON_LIMITS.maxBytes / 1024} KB as JSON; a \`run:start\` flow may nest 64 levels. Beyond: \`invalid-payload\` with the path, at once.
- At most 3 live runs per client and 8 on the server (a run whose flow is still being validated counts). A start
  beyond the client's share first evicts that client's oldest ended run, else fails \`run-limit\` saying how many
  runs it has; on a full server the oldest ended run of anyone is evicted, else \`run-limit\`.
- Run workers report their memory with their metrics; past the server's run memory budget (2 GB) ended runs are
  evicted first, then the largest live run ends \`failed\` with the reason ("ended: the server's run memory budget
  (2 GB) was reached; this run used 1.1 GB"), and starts fail \`server-busy\` while the sum is over. A stopped or
  failed run lets go of its scheduling state at once and keeps only its trace (for \`trace:get\`, export, resync).
- Each run executes in its own worker thread with a heap cap, a hop budget and a CPU budget; exceeding one
  ends the run with \`run:state { status: "failed", reason }\`. A run nobody watches is disposed after 60 s.
- \`run:resync\` is how another tab of the same session (or a reconnect) joins a run.

Error codes: ${ERROR_CODES.map((c) => `\`${c}\``).join(', ')}.

### Server → client

| Event | Payload | When |
| --- | --- | --- |
| \`run:state\` | \`{ runId, status, t, reason?, summary? }\` | every status change and after each step/advance; \`summary\` (per-group outcomes, latency percentiles, throughput) once paused or ended |
| \`trace:hops\` | \`{ runId, hops, sampled }\` | at most 20 batches/s while running; every hop in order when stepping or when ≤ 1000 hops are due; otherwise the newest 250 with \`sampled: true\` |
| \`run:metrics\` | \`{ runId, t, nodes, edges }\` | 4/s while running and after each command; exact counters |

\`trace:hops\` and \`run:metrics\` are volatile: a client whose connection cannot take more misses batches
instead of queueing them on the server (detect the gap in \`seq\` and call \`run:resync\`). A connection
unwritable for 60 s is disconnected. Hops have exactly the shape \`eventflow run --trace\` writes; the same
flow and seed give the same hops at any speed, stepped or paused.

### Client → server commands

| Command | Ack value | Behaviour |
| --- | --- | --- |
${commands.map(([name, , ack, what]) => `| \`${name}\` | ${ack} | ${what} |`).join('\n')}

### Command payload schemas (JSON Schema, generated)

${commands.map(([name, schema]) => `#### \`${name}\`\n\n\`\`\`json\n${schemaOf(schema)}\n\`\`\``).join('\n\n')}
`;

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/protocol.md');
// Formatted as `npm run lint` checks it (tables padded), so regenerating leaves a clean tree.
const options = (await resolveConfig(target)) ?? {};
writeFileSync(target, await format(out, { ...options, filepath: target }));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
