import { RunMetricsAt, RunRef, TOPIC_READ_MAX, TopicRead, TraceGet, TraceQuery } from '../commands.js';
import { CountsAt } from '../metrics.js';
import { ReplayFile } from '../../replay/replay-file.js';
import { QueryReply, TopicView, TracePath } from '../replies.js';
import { command } from './spec.js';

/** Commands that only read a run: its owner and the sessions it was shared with may send them. */
export const inspectCommands = {
  'trace:get': command({
    payload: TraceGet,
    reply: TracePath,
    access: 'viewer',
    rate: 'command',
    doc: 'Every stored hop of an event and its chained descendants (`unknown-event` if not in the store).',
  }),
  'trace:query': command({
    payload: TraceQuery,
    reply: QueryReply,
    access: 'viewer',
    rate: 'command',
    doc: 'A page of events matching the filter.',
  }),
  'topic:read': command({
    payload: TopicRead,
    reply: TopicView,
    access: 'viewer',
    rate: 'command',
    doc: `Each partition's \`oldest\`/\`next\` offsets; the entries \`{ offset, eventId, type, key?, t }\` of \`partition\` (all when left out) from \`fromOffset\` (else the newest), at most \`limit\` ≤ ${TOPIC_READ_MAX}; per group \`{ group, consumerNodeId, committed, lag }\` by partition. \`unknown-node\` for a non-topic.`,
  }),
  'run:metrics-at': command({
    payload: RunMetricsAt,
    reply: CountsAt,
    access: 'viewer',
    rate: 'command',
    doc: "The counters `run:metrics` carries, recounted from the stored hops up to `seq` inclusive: what the canvas shows once the user steps back. Rates and consumer instances are left out (they are not in the trace); a group's position after `group:replay` shows from its next fetch. `fromSeq` > 1 says older hops were evicted and are not counted. `unknown-event` for a seq past the run's last hop or already evicted.",
  }),
  'run:export-replay': command({
    payload: RunRef,
    reply: ReplayFile,
    access: 'viewer',
    rate: 'command',
    doc: 'The run as a replay file (`eventflow.replay` v1): its flow, seed and every command that changed its engine (`producer:fire`, `node:update`, `group:replay`) with the position it reached the engine at (simulated ms, tasks run, hops visible), up to now. `run:start` with its `flow`, `seed` and `replay: script` (or `eventflow run --replay <file>`) reproduces the trace hop for hop on any Eventflow. Since the last `run:reset`/`run:seed` only.',
  }),
};
