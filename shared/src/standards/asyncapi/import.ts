import { parseFlow } from '../../flow/parse.js';
import type { FlowDoc } from '../../flow/schema.js';
import { ImportedDocument, ImportedMessage, type ImportedOperation } from './import-schema.js';
import { pointerSegment, refKey, resolveRef } from './json-pointer.js';
import { groupOf, idFrom, isObject, layOut } from './import-nodes.js';
import { schemaToCel } from './schema-to-cel.js';

/**
 * Turns an AsyncAPI 2.x document into 3.0 (the CLI and the client pass `@asyncapi/converter`'s `convert`):
 * `shared/` takes no dependency but zod, so the conversion is handed in. It may throw; the message is reported.
 */
export type AsyncApiUpgrade = (doc: Record<string, unknown>) => unknown;

export interface AsyncApiImportOptions {
  /** Without it, a 2.x document is refused with the reason. */
  upgrade?: AsyncApiUpgrade;
}

const VERSION_2 = /^2\.\d+\.\d+$/;

export type AsyncApiImport =
  { ok: true; flow: FlowDoc; warnings: string[] } | { ok: false; errors: string[] };

// Operation ids the export writes: `<node>.<verb>.<channel>`; others are one application each.
const EXPORTED_OP = /^(.+)\.(send|receive|dead-letter)\.(.+)$/;
// Request-reply operations the export writes for a service call: the caller's and the callee's.
const EXPORTED_CALL = /^(.+)\.call\.(.+)$/;
const EXPORTED_ANSWER = /^(.+)\.answer$/;
const WEBHOOK_NOTE = /^Delivered by HTTP POST to (\S+)\.$/;

interface Operation {
  id: string;
  op: ImportedOperation;
  channel: string;
  verb: 'send' | 'receive' | 'dead-letter';
  eventTypes: string[];
  payload?: string;
}

interface Application {
  key: string;
  ops: Operation[];
  /** It answers calls (a `receive` with `reply`): a consumer even when it reads no topic. */
  serves?: boolean;
  /** The title of its call operations, for an application that has no other. */
  title?: string;
}

/**
 * A flow from an AsyncAPI 3 document: a topic per channel (partitions from a Kafka binding), and per
 * application a producer (only `send`s), a consumer (it `receive`s; its `send`s become emits) or a webhook
 * (the export's "Delivered by HTTP POST" note). Operations the export wrote (`<node>.<verb>.<channel>`) are
 * grouped back into their node; any other operation is an application of its own. Filters and routers have no
 * AsyncAPI form, so what passed through them arrives directly. Laid out left to right by depth. Whatever could
 * not be carried over is listed in `warnings`.
 */
export function asyncApiToFlow(input: unknown, options: AsyncApiImportOptions = {}): AsyncApiImport {
  if (isObject(input) && typeof input.asyncapi === 'string' && VERSION_2.test(input.asyncapi)) {
    const from = input.asyncapi;
    if (!options.upgrade)
      return { ok: false, errors: [`asyncapi: ${from} must be converted to 3.0 before it can be imported`] };
    let upgraded: unknown;
    try {
      upgraded = options.upgrade(input);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { ok: false, errors: [`asyncapi: converting ${from} to 3.0 failed: ${why}`] };
    }
    const r = asyncApiToFlow(upgraded);
    return r.ok ? { ...r, warnings: [`asyncapi: converted from ${from} to 3.0.0 first`, ...r.warnings] } : r;
  }
  const parsed = ImportedDocument.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  const doc = parsed.data;
  const warnings: string[] = [];
  const taken = new Set<string>();
  const channels = Object.entries(doc.channels ?? {});
  if (channels.length === 0)
    return { ok: false, errors: ['channels: the document has no channel to make a topic of'] };

  // Request-reply channels carry service calls, not events: they become call edges, never topics.
  const callChannels = new Set<string>();
  for (const op of Object.values(doc.operations ?? {})) {
    if (!op.reply) continue;
    for (const ref of [op.channel.$ref, op.reply.channel?.$ref]) {
      const key = ref === undefined ? undefined : refKey(ref, 'channels');
      if (key !== undefined) callChannels.add(key);
    }
  }

  const topicIds = new Map<string, string>();
  const nodes: Record<string, unknown>[] = [];
  for (const [key, ch] of channels) {
    if (callChannels.has(key)) continue;
    const id = idFrom(key, taken);
    topicIds.set(key, id);
    const kafka = isObject(ch.bindings?.kafka) ? ch.bindings.kafka : {};
    const partitions = Number.isInteger(kafka.partitions)
      ? Math.min(256, Math.max(1, Number(kafka.partitions)))
      : 1;
    nodes.push({
      id,
      kind: 'topic',
      label: (ch.title ?? ch.address ?? key).slice(0, 128),
      config: { partitions },
    });
  }

  const messageOf = (ref: string) => {
    const m = ImportedMessage.safeParse(resolveRef(input, ref));
    if (!m.success) return undefined;
    const name = m.data.name ?? m.data.title ?? ref.split('/').at(-1) ?? 'Event';
    const payload = isObject(m.data.payload) ? m.data.payload : undefined;
    const props = payload && isObject(payload.properties) ? payload.properties : undefined;
    // A CloudEvents envelope (as the export writes) carries the data in `data`, the type as a constant.
    const envelope = props && isObject(props.specversion) && isObject(props.data);
    const typeConst =
      envelope && isObject(props.type) && typeof props.type.const === 'string' ? props.type.const : undefined;
    return { eventType: (typeConst ?? name).slice(0, 128), data: envelope ? props.data : payload };
  };

  const apps = new Map<string, Application>();
  const appOf = (key: string) => {
    const app = apps.get(key) ?? { key, ops: [] };
    apps.set(key, app);
    return app;
  };
  // Per request channel: who calls it and who answers.
  const calls = new Map<string, { callers: string[]; callee?: string }>();
  for (const [opId, op] of Object.entries(doc.operations ?? {})) {
    const channelKey = refKey(op.channel.$ref, 'channels');
    if (op.reply && channelKey !== undefined && callChannels.has(channelKey)) {
      const call = calls.get(channelKey) ?? { callers: [] };
      calls.set(channelKey, call);
      const app =
        op.action === 'send'
          ? appOf(EXPORTED_CALL.exec(opId)?.[1] ?? opId)
          : appOf(EXPORTED_ANSWER.exec(opId)?.[1] ?? opId);
      app.title ??= op.title;
      if (op.action === 'send') call.callers.push(app.key);
      else {
        app.serves = true;
        call.callee ??= app.key;
      }
      continue;
    }
    if (channelKey === undefined || !topicIds.has(channelKey)) {
      warnings.push(
        `operations.${opId}: its channel ${op.channel.$ref} is not one of the document's channels; skipped`,
      );
      continue;
    }
    const exported = EXPORTED_OP.exec(opId);
    const ours = exported && exported[3] === channelKey;
    const verb = ours && exported[2] === 'dead-letter' ? 'dead-letter' : op.action;
    const appKey = ours ? (exported[1] ?? opId) : opId;
    const refs =
      op.messages ??
      Object.keys(doc.channels?.[channelKey]?.messages ?? {}).map((k) => ({
        $ref: `#/channels/${pointerSegment(channelKey)}/messages/${pointerSegment(k)}`,
      }));
    const messages = refs.flatMap((r) => {
      const m = messageOf(r.$ref);
      if (!m) warnings.push(`operations.${opId}: message ${r.$ref} could not be read; skipped`);
      return m ? [m] : [];
    });
    const app = appOf(appKey);
    app.ops.push({
      id: opId,
      op,
      channel: channelKey,
      verb,
      eventTypes: [...new Set(messages.map((m) => m.eventType))],
      payload: messages[0] ? schemaToCel(messages[0].data) : undefined,
    });
  }

  const edges: Record<string, unknown>[] = [];
  const edge = (source: string, target: string, role?: 'dead-letter' | 'call') =>
    edges.push({ id: `e${edges.length + 1}`, source, target, ...(role ? { role } : {}) });
  const appIds = new Map<string, string>();
  for (const app of apps.values()) {
    const id = idFrom(app.key, taken);
    appIds.set(app.key, id);
    // An operation's title names its application (Eventflow's export writes the node's label there).
    const label = (
      app.ops.map((o) => o.op.title).find((t) => t !== undefined && t !== '') ??
      app.title ??
      app.key
    ).slice(0, 128);
    const receives = app.ops.filter((o) => o.verb === 'receive');
    const sends = app.ops.filter((o) => o.verb === 'send');
    const dead = app.ops.filter((o) => o.verb === 'dead-letter');
    const topic = (o: Operation) => topicIds.get(o.channel) ?? o.channel;
    if (receives.length === 0 && !app.serves) {
      const types = [...new Set(sends.flatMap((o) => o.eventTypes))];
      if (types.length > 1)
        warnings.push(
          `${app.key}: a producer publishes one event type; kept ${types[0]}, not ${types.slice(1).join(', ')}`,
        );
      const payload = sends.find((o) => o.payload !== undefined)?.payload;
      nodes.push({
        id,
        kind: 'producer',
        label,
        config: { eventType: types[0] ?? 'Event', ...(payload ? { payload } : {}) },
      });
      for (const o of sends) edge(id, topic(o));
      continue;
    }
    const url = receives
      .map((o) => WEBHOOK_NOTE.exec(o.op.description ?? '')?.[1])
      .find((u) => u !== undefined);
    if (url !== undefined && sends.length === 0) {
      nodes.push({ id, kind: 'webhook', label, config: { url } });
    } else {
      const group = receives.map((o) => groupOf(o.op)).find((g) => g !== undefined);
      const emits = [...new Set(sends.flatMap((o) => o.eventTypes))]
        .slice(0, 16)
        .map((eventType) => ({ eventType }));
      nodes.push({
        id,
        kind: 'consumer',
        label,
        config: {
          ...(group !== undefined && group !== id ? { group } : {}),
          ...(emits.length ? { emits } : {}),
        },
      });
      for (const o of sends) edge(id, topic(o));
    }
    for (const o of receives) edge(topic(o), id);
    if (dead.length > 1)
      warnings.push(`${app.key}: only the first of ${dead.length} dead-letter queues is kept`);
    for (const o of dead.slice(0, 1)) edge(id, topic(o), 'dead-letter');
  }

  for (const [channel, call] of calls) {
    const callee = call.callee === undefined ? undefined : appIds.get(call.callee);
    if (callee === undefined) {
      warnings.push(`channels.${channel}: requests that nobody answers; the calls are left out`);
      continue;
    }
    for (const caller of call.callers) {
      const from = appIds.get(caller);
      const node = nodes.find((n) => n.id === from);
      if (from !== undefined && node?.kind === 'consumer') edge(from, callee, 'call');
      else
        warnings.push(
          `${caller}: only a consumer makes service calls; its call to ${call.callee} is left out`,
        );
    }
  }

  layOut(nodes, edges);
  const result = parseFlow({
    format: 'eventflow.flow',
    version: 1,
    name: doc.info.title,
    ...(doc.info.description ? { description: doc.info.description } : {}),
    nodes,
    edges,
  });
  if (!result.ok) return { ok: false, errors: result.problems.map((p) => `${p.path}: ${p.message}`) };
  return {
    ok: true,
    flow: result.flow,
    warnings: [...warnings, ...result.warnings.map((p) => `${p.path}: ${p.message}`)],
  };
}
