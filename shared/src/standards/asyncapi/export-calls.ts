import { defaultCall, type FlowDoc, type FlowNode } from '../../flow/schema.js';
import type { AsyncApiChannel, AsyncApiMessage, AsyncApiOperation } from './document.js';

/** What the document being built holds, for the calls to be added to it. */
export interface CallContext {
  nodes: ReadonlyMap<string, FlowNode>;
  components: Record<string, AsyncApiMessage>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  /** Operation id → the node it belongs to (for one application's document). */
  owners: Map<string, string>;
  /** Channel addresses already used. */
  taken: Set<string>;
  nameOf: (n: FlowNode | undefined, id: string) => string;
  slug: (s: string) => string;
}

/** The request and the reply of a call: the callee's contract as the caller sees it. */
const callMessage = (callee: string, part: 'request' | 'reply'): AsyncApiMessage => ({
  name: `${callee}.${part}`,
  title: `${callee} ${part}`,
  summary:
    part === 'request'
      ? `A synchronous call to ${callee}, made while the caller processes an event.`
      : `${callee}'s answer; the caller gives up after its timeout.`,
  contentType: 'application/json',
  payload: {
    type: 'object',
    description:
      part === 'request'
        ? 'The call carries the event the caller is processing.'
        : 'The answer: a success or an error status.',
  },
  correlationId: {
    description: 'Matches the reply to its request.',
    location: '$message.header#/correlationid',
  },
});

/**
 * Each service call as request-reply (decision 0025): per callee a request channel and a reply channel, a
 * `send` with `reply` for each caller and one `receive` with `reply` for the callee, however many call it.
 */
export function addServiceCalls(flow: FlowDoc, ctx: CallContext): void {
  const { nodes, components, channels, operations, owners, taken, nameOf, slug } = ctx;
  const calls = flow.edges.filter((e) => e.role === 'call');
  for (const callee of [...new Set(calls.map((e) => e.target))].sort()) {
    const name = nameOf(nodes.get(callee), callee);
    const request = `${callee}.call`;
    const reply = `${callee}.call.reply`;
    const reqKey = slug(`${callee}.request`);
    const repKey = slug(`${callee}.reply`);
    components[reqKey] = callMessage(name, 'request');
    components[repKey] = callMessage(name, 'reply');
    let address = `${slug(name)}.requests`;
    for (let i = 2; taken.has(address); i++) address = `${slug(name)}-${i}.requests`;
    taken.add(address);
    channels[request] = {
      address,
      title: `${name} requests`,
      messages: { [reqKey]: { $ref: `#/components/messages/${reqKey}` } },
    };
    channels[reply] = {
      address: `${address.slice(0, -'.requests'.length)}.replies`,
      title: `${name} replies`,
      messages: { [repKey]: { $ref: `#/components/messages/${repKey}` } },
    };
    const answer = {
      channel: { $ref: `#/channels/${reply}` },
      messages: [{ $ref: `#/channels/${reply}/messages/${repKey}` }],
    };
    const requestRefs = [{ $ref: `#/channels/${request}/messages/${reqKey}` }];
    for (const e of calls.filter((c) => c.target === callee)) {
      const who = nameOf(nodes.get(e.source), e.source);
      const id = `${e.source}.call.${callee}`;
      owners.set(id, e.source);
      const timeout = (e.call ?? defaultCall()).timeoutMs;
      operations[id] = {
        action: 'send',
        channel: { $ref: `#/channels/${request}` },
        title: who,
        summary: `${who} calls ${name} and waits for the answer (timeout ${timeout} ms).`,
        messages: requestRefs,
        reply: answer,
      };
    }
    const id = `${callee}.answer`;
    owners.set(id, callee);
    operations[id] = {
      action: 'receive',
      channel: { $ref: `#/channels/${request}` },
      title: name,
      summary: `${name} answers calls.`,
      messages: requestRefs,
      reply: answer,
    };
  }
}
