import { toPlainJson, type FlowEvent } from '@eventflow/shared';
import type { Random } from '../../engine/random.js';
import type { Delivery } from '../transport.js';
import { celRand, errorMessage, record, type RunCtx } from './ctx.js';
import { attemptRandom } from './decide.js';
import type { BrokerInstance } from './consume.js';
import { emitChild, giveUp, retryOrGiveUp } from './give-up.js';
import { finish, settle, skipDuplicate, type Place } from './outcome.js';
import { eventVars } from './publish-path.js';
import { brokerSchemaFailure } from './schema-read.js';

/** After processing time: the attempt's outcome (processed and acked, failed and retried, or given up). */
export function commit(
  c: RunCtx,
  inst: BrokerInstance,
  d: Delivery,
  mine: Place & { attempt: number },
  event: FlowEvent,
  rng: Random | undefined,
): Promise<void> | undefined {
  const cons = inst.consumer;
  const cfg = cons.config;
  const onceAcked = cfg.delivery === 'at-most-once';
  const processed = c.processed.get(cons.group);
  // Checked again at commit: another instance may have processed the same event meanwhile.
  if (cfg.delivery === 'exactly-once' && processed?.has(event.id)) return skipDuplicate(c, mine, d);
  // As in the engine: an event it cannot read fails where processing would, and draws no failure. An upcaster
  // may call rand(), so a flow with schemas gets the attempt's stream even where nothing else draws.
  let failure = c.plan.flow.schemas?.length
    ? brokerSchemaFailure(
        c.plan,
        cons,
        event,
        celRand(rng ?? attemptRandom(c.seed, event.id, cons.group, mine.attempt)),
      )
    : undefined;
  if (!failure && rng && cfg.failureRate > 0 && rng.float() < cfg.failureRate)
    failure = `processing failed (failureRate ${cfg.failureRate})`;
  let payloads: unknown[] | undefined;
  if (!failure && rng && cons.emits.length) {
    try {
      const vars = eventVars(event, celRand(rng));
      payloads = cons.emits.map((e) => (e.payload ? toPlainJson(e.payload.evaluate(vars)) : event.data));
    } catch (e) {
      failure = `emit payload failed: ${errorMessage(e)}`;
    }
  }
  if (failure) {
    record(c, { ...mine, type: 'failed', reason: failure });
    if (onceAcked)
      giveUp(
        c,
        cons,
        mine,
        event,
        'at-most-once: acknowledged on delivery, so a failure loses the event',
        false,
      );
    else retryOrGiveUp(c, cons, mine, event, d, failure);
    return;
  }
  record(c, { ...mine, type: 'processed' });
  processed?.add(mine.event);
  payloads?.forEach((data, i) => emitChild(c, cons, event, cons.emits[i]!.eventType, data, undefined));
  if (rng && !onceAcked && cfg.ackLossRate > 0 && rng.float() < cfg.ackLossRate) {
    retryOrGiveUp(c, cons, mine, event, d, 'ack lost after processing');
    return;
  }
  finish(c, { ...mine, type: 'acked' });
  if (!onceAcked) settle(c, d.ack());
}
