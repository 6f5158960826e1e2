import { TOPIC_READ_MAX, TopicRead, TraceGet, TraceQuery } from '../commands.js';
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
};
