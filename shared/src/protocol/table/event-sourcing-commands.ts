import {
  AggregateRead,
  AggregateView,
  ProjectionRead,
  ProjectionRebuild,
  READ_MODEL_MAX,
  ReadModelView,
} from '../event-sourcing.js';
import { Done } from '../replies.js';
import { command } from './spec.js';

/** Event sourcing: reading a projection's read model and a store's aggregate, and rebuilding a projection. */
export const eventSourcingCommands = {
  'projection:read': command({
    payload: ProjectionRead,
    reply: ReadModelView,
    access: 'viewer',
    rate: 'command',
    doc: `A projection's read model as of hop \`seq\` (the newest visible hop when left out): rows \`{ aggregate, version, state, t }\` sorted by aggregate, at most ${READ_MODEL_MAX}; how many events the store had written and the projection applied, the ms it was behind, per aggregate the newer version written but not yet applied (\`ahead\`), and a rebuild under way. \`unknown-node\` for a non-projection, \`unknown-event\` for a seq past the run's last hop.`,
  }),
  'projection:rebuild': command({
    payload: ProjectionRebuild,
    reply: Done,
    access: 'owner',
    rate: 'command',
    doc: "Rebuilds a projection's read model while the run goes on: from store position 0, or `fromSnapshot` from its newest snapshot (`snapshotEvery`); one stored event per simulated ms, as `projected` hops of one rebuild event, then a `rebuilt` hop that says whether the rebuilt rows equal the live ones and puts them in place. Recorded in the replay log. `unknown-node` for a non-projection, `invalid-payload` while a rebuild is under way.",
  }),
  'store:aggregate': command({
    payload: AggregateRead,
    reply: AggregateView,
    access: 'viewer',
    rate: 'command',
    doc: `The audit of one aggregate in an event store: its events in version order with who caused each (source node, causation and correlation ids), at most ${READ_MODEL_MAX}, and how many writes to it were refused. \`unknown-node\` for a non-store.`,
  }),
};
