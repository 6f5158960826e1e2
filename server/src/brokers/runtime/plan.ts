import {
  compileCel,
  compileTopology,
  DEFAULT_ROUTE,
  type BrokerKind,
  type CelContext,
  type CompiledExpr,
  type ConfigOf,
  type FlowDoc,
  type FlowEdge,
  type Subscription,
  type Topology,
} from '@eventflow/shared';

/** Something in the drawn flow a broker run cannot carry, named by node and said in a user's words. */
export interface BrokerRunProblem {
  readonly node: string;
  readonly message: string;
}

export interface PlannedRule {
  readonly label: string;
  readonly describe: string;
  readonly cel?: CompiledExpr;
  readonly pattern?: string;
  readonly outs: readonly FlowEdge[];
}

export interface PlannedRouter {
  readonly all: boolean;
  readonly rules: readonly PlannedRule[];
  readonly defaults: readonly FlowEdge[];
  readonly noMatch: string;
}

export interface PlannedConsumer {
  readonly id: string;
  readonly group: string;
  readonly config: ConfigOf<'consumer'>;
  readonly emits: readonly { eventType: string; payload?: CompiledExpr }[];
  readonly emitsOnGiveUp: readonly { eventType: string; payload?: CompiledExpr }[];
  readonly deadLetter?: { topic: string; edge: string };
  /** Whether an attempt draws from its seeded stream at all (a distribution, a failure or ack-loss rate, emits). */
  readonly draws: boolean;
}

/** A flow compiled for a broker run: what each node does with an event, found once before anything runs. */
export interface BrokerPlan {
  readonly flow: FlowDoc;
  readonly topology: Topology;
  readonly producers: readonly {
    id: string;
    config: ConfigOf<'producer'>;
    payload?: CompiledExpr;
    key?: CompiledExpr;
  }[];
  readonly topics: ReadonlyMap<string, ConfigOf<'topic'>>;
  readonly filters: ReadonlyMap<string, CompiledExpr>;
  readonly routers: ReadonlyMap<string, PlannedRouter>;
  readonly consumers: ReadonlyMap<string, PlannedConsumer>;
  readonly subscriptions: readonly Subscription[];
  /** Where the broker run behaves differently from the simulator; shown next to the runtime picker. */
  readonly warnings: readonly BrokerRunProblem[];
}

function compile(source: string, context: Exclude<CelContext, 'breakpoint'>, where: string): CompiledExpr {
  const r = compileCel(source, context);
  // parseFlow compiled every expression already: a failure here is a bug, not a user's mistake.
  if (!r.ok) throw new Error(`${where}: ${r.message}`);
  return r.expr;
}

/**
 * What a broker run refuses: simulated faults and modelled endpoints have no real counterpart on a broker, so
 * running them would silently be a different design. Each is named with the node and what to do instead.
 */
export function brokerRunProblems(flow: FlowDoc): BrokerRunProblem[] {
  const problems: BrokerRunProblem[] = [];
  const say = (node: string, message: string) => problems.push({ node, message });
  for (const n of flow.nodes) {
    if (n.kind === 'webhook')
      say(n.id, 'webhook nodes run only in the simulator for now: remove it or run in the simulator');
    else if (n.kind === 'event-store' || n.kind === 'projection')
      say(
        n.id,
        `${n.kind} nodes run only in the simulator: a broker has no event store or read model of Eventflow's to run them on`,
      );
    else if (n.kind === 'topic' && n.config.outages?.length)
      say(n.id, 'scheduled broker outages are simulated: stop the real broker instead, or remove them');
    else if (n.kind === 'producer') {
      if (n.config.schedule) say(n.id, 'rate schedules run only in the simulator: use a constant rate');
      if (n.config.onTopicDown === 'buffer')
        say(n.id, 'buffering while a topic is down is simulated: set "when the topic is down" to fail');
      if (n.config.count === undefined && n.config.rate > 0)
        say(n.id, 'a broker run needs a count: give the producer a number of events to send');
    } else if (n.kind === 'consumer') {
      if (n.config.outages?.length) say(n.id, 'scheduled consumer outages are simulated: remove them');
      if (n.config.autoscale) say(n.id, 'autoscaling is simulated: use a fixed number of instances');
      if (n.config.crashRate) say(n.id, 'crashes are simulated: set crash rate to 0');
    }
  }
  // A broker carries events, not requests: the called consumer is a modelled service with nothing to run it.
  for (const e of flow.edges)
    if (e.role === 'call')
      say(
        e.source,
        `service calls run only in the simulator: the call to '${e.target}' has no service behind it on a broker`,
      );
    // A query reads a simulated read model; a topic-fed projection would be a subscription no broker client runs.
    else if (e.role === 'query')
      say(
        e.target,
        `queries run only in the simulator: projection '${e.source}' is a simulated read model, so '${e.target}' has no row to read on a broker`,
      );
    else if (flow.nodes.some((n) => n.id === e.target && n.kind === 'projection'))
      say(
        e.target,
        `projections run only in the simulator: its subscription to '${e.source}' would have no read model behind it on a broker`,
      );
  return problems;
}

/** Differences the user should see before running on `broker` (never silently different behaviour). */
function warningsFor(flow: FlowDoc, broker: BrokerKind): BrokerRunProblem[] {
  const warnings: BrokerRunProblem[] = [];
  for (const n of flow.nodes) {
    if (n.kind === 'topic') {
      const r = n.config.retention;
      if ((r.maxEvents !== undefined || r.maxAgeMs !== undefined) && broker === 'mqtt')
        warnings.push({
          node: n.id,
          message: 'MQTT has no retention: the topic keeps nothing once delivered',
        });
      else if (r.maxEvents !== undefined || r.maxAgeMs !== undefined)
        warnings.push({
          node: n.id,
          message:
            'retention is enforced by the broker, which removes messages without telling: what no group was handed is counted expired once the run goes quiet (after the idle wait)',
        });
    }
    const retries = n.kind === 'consumer' && (n.config.failureRate > 0 || n.config.ackLossRate > 0);
    if (n.kind === 'consumer' && retries && n.config.retry === 'blocking' && n.config.maxAttempts > 1)
      warnings.push({
        node: n.id,
        message: 'retries do not hold the partition on a broker: later events may pass one being retried',
      });
  }
  return warnings;
}

/** Compiles a flow that passed parseFlow and has no `brokerRunProblems` for a run on `broker`. */
export function planBrokerRun(flow: FlowDoc, broker: BrokerKind): BrokerPlan {
  const topology = compileTopology(flow);
  const producers: BrokerPlan['producers'][number][] = [];
  const topics = new Map<string, ConfigOf<'topic'>>();
  const filters = new Map<string, CompiledExpr>();
  const routers = new Map<string, PlannedRouter>();
  const consumers = new Map<string, PlannedConsumer>();
  const outs = (id: string) => topology.out.get(id) ?? [];
  for (const n of [...flow.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const where = `nodes.${n.id}.config`;
    switch (n.kind) {
      case 'producer':
        producers.push({
          id: n.id,
          config: n.config,
          payload: n.config.payload ? compile(n.config.payload, 'payload', `${where}.payload`) : undefined,
          key: n.config.key ? compile(n.config.key, 'key', `${where}.key`) : undefined,
        });
        break;
      case 'topic':
        topics.set(n.id, n.config);
        break;
      case 'filter':
        filters.set(n.id, compile(n.config.expression, 'filter', `${where}.expression`));
        break;
      case 'router': {
        const describe = (r: ConfigOf<'router'>['rules'][number]) =>
          `'${r.label}' (${r.match === 'cel' ? r.condition : r.pattern})`;
        const list = n.config.rules.length ? n.config.rules.map(describe).join(', ') : 'none';
        const defaults = outs(n.id).filter((e) => e.sourceHandle === DEFAULT_ROUTE);
        routers.set(n.id, {
          all: n.config.mode === 'all-matches',
          rules: n.config.rules.map((r, j) => ({
            label: r.label,
            describe: describe(r),
            cel:
              r.match === 'cel' ? compile(r.condition, 'filter', `${where}.rules.${j}.condition`) : undefined,
            pattern: r.match === 'pattern' ? r.pattern : undefined,
            outs: outs(n.id).filter((e) => e.sourceHandle === r.id),
          })),
          defaults,
          noMatch: `no rule matched: rules were ${list}; ${defaults.length ? 'sent by the default route' : 'no default route, so it was dropped'}`,
        });
        break;
      }
      case 'consumer': {
        const emitsOf = (list: readonly { eventType: string; payload?: string }[], field: string) =>
          list.map((e, j) => ({
            eventType: e.eventType,
            payload: e.payload ? compile(e.payload, 'emit', `${where}.${field}.${j}.payload`) : undefined,
          }));
        consumers.set(n.id, {
          id: n.id,
          group: topology.groupOf(n.id),
          config: n.config,
          emits: emitsOf(n.config.emits, 'emits'),
          emitsOnGiveUp: emitsOf(n.config.emitsOnGiveUp ?? [], 'emitsOnGiveUp'),
          deadLetter: topology.deadLetter.get(n.id),
          draws:
            typeof n.config.processingMs !== 'number' ||
            n.config.failureRate > 0 ||
            n.config.ackLossRate > 0 ||
            n.config.emits.length > 0,
        });
        break;
      }
      case 'webhook':
      case 'event-store':
      case 'projection':
        break;
    }
  }
  return {
    flow,
    topology,
    producers,
    topics,
    filters,
    routers,
    consumers,
    subscriptions: [...topology.subscriptions.values()].flat(),
    warnings: warningsFor(flow, broker),
  };
}
