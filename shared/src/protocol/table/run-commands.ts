import { RunBreakpoints } from '../breakpoints.js';
import {
  ConsumerSetDown,
  GroupReplay,
  NodeUpdate,
  ProducerFire,
  RunAdvance,
  RunRef,
  RunSeed,
  RunSpeed,
  RunStep,
  TopicOutage,
} from '../commands.js';
import { DEFAULT_JSON_LIMITS } from '../json-limits.js';
import { AdvanceReply, BreakpointsReply, Done, FireReply, StepReply } from '../replies.js';
import { command } from './spec.js';

const { maxDepth, maxBytes } = DEFAULT_JSON_LIMITS;

/** Commands that change a run: only the session that started it may send them. */
export const runCommands = {
  'run:pause': command({
    payload: RunRef,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Stops real-time pacing; the run then moves only by `run:step` / `run:advance`.',
  }),
  'run:resume': command({
    payload: RunRef,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Resumes pacing at the current speed. Refused on stopped/failed runs (reset first).',
  }),
  'run:step': command({
    payload: RunStep,
    reply: StepReply,
    access: 'owner',
    rate: 'command',
    doc: 'Makes up to `hops` (default 1) more hops visible; every one is streamed, in order, before the ack. Pauses a running run.',
  }),
  'run:advance': command({
    payload: RunAdvance,
    reply: AdvanceReply,
    access: 'owner',
    rate: 'command',
    doc: 'Advances simulated time by `ms`. Pauses a running run.',
  }),
  'run:stop': command({
    payload: RunRef,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Ends the run (`stopped`); its trace stays queryable until the run is evicted.',
  }),
  'run:reset': command({
    payload: RunRef,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Recreates the engine from the original flow and seed: `run:state { status: "paused", t: 0, reason: "reset" }`; seq restarts at 1, so clients drop the hops they hold.',
  }),
  'run:speed': command({
    payload: RunSpeed,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Simulated ms per wall ms (0.01..1000), or `"max"` (as fast as the worker can).',
  }),
  'run:seed': command({
    payload: RunSeed,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Sets the seed and resets the run.',
  }),
  'producer:fire': command({
    payload: ProducerFire,
    reply: FireReply,
    access: 'owner',
    rate: 'command',
    doc: `Publishes one event from a producer now (\`data\` or its payload expression). \`data\` nested deeper than ${maxDepth} levels or over ${maxBytes / 1024} KB as JSON is refused (\`invalid-payload\` with its path) before it reaches the run.`,
  }),
  'node:update': command({
    payload: NodeUpdate,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: "Merges `config` into a node's config, validated (and bounded like `producer:fire` data); takes effect from the next task.",
  }),
  'run:topic-outage': command({
    payload: TopicOutage,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: "Takes a topic's broker down (`down: true`) or brings it back, from the current simulated time, on top of its scheduled `outages` (the next scheduled start or end still applies). While down, producers lose events there (`publish-failed`) or hold them (`buffered`, per `onTopicDown`) and no group fetches; back up, held events are published at once. `unknown-node` for a non-topic.",
  }),
  'group:replay': command({
    payload: GroupReplay,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: 'Moves a consumer group back on every partition: to `fromOffset` (or the oldest retained), or to the first entry published at or after `fromTime` (simulated ms; a partition with none stays put). Exactly one of the two. Those entries are delivered again as the run moves; a completed run becomes paused. `unknown-node` for a non-consumer.',
  }),
  'consumer:set-down': command({
    payload: ConsumerSetDown,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: "Takes a consumer down (`down: true`) or brings it back, the whole node or only `instance` (0-based within the node), at the run's current simulated time. Down, it owns no partitions: they are rebalanced to the group's instances still up (or wait, and the lag grows); a delivery it was processing crashes (redelivered, or lost under at-most-once). Bringing it back ends its scheduled outages too. The trace shows `instance-down`/`instance-up` and `rebalanced` hops of a membership event. `unknown-node` for a non-consumer, `invalid-payload` for an instance it does not have.",
  }),
  'run:breakpoints': command({
    payload: RunBreakpoints,
    reply: BreakpointsReply,
    access: 'owner',
    rate: 'command',
    doc: 'Replaces every breakpoint of the run (the list sent is the truth; they survive `run:reset` and `run:seed`). A condition that does not compile refuses the whole set (`invalid-payload` with its path). The ack says how many are enabled; the run pauses on the first matching hop with `run:state { reason: "breakpoint: <name>", breakpoint }`.',
  }),
};
