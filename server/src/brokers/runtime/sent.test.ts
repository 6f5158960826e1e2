import fc from 'fast-check';
import type { FlowEvent } from '@eventflow/shared';
import { describe, expect, test } from 'vitest';
import type { EventEntry } from './ctx.js';
import { SentLog, tailOffset } from './sent.js';

const entryOf = (i: number): EventEntry => ({
  event: { specversion: '1.0', id: `e${i}` } as FlowEvent,
  depth: 0,
  rootIndex: i,
  trace: `t${i}`,
});
const envelope = (id: string, offset: number) =>
  Buffer.from(JSON.stringify({ event: { id, data: { note: `x}${offset}` } }, offset }));

describe('tailOffset', () => {
  test('reads the offset JSON.stringify writes last, for any offset and payload', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.nat(), (id, data, offset) => {
        const body = Buffer.from(JSON.stringify({ event: { id, data }, offset }));
        expect(tailOffset(body)).toBe(offset);
      }),
    );
  });

  test('is -1 for a body that does not end in digits and a brace', () => {
    for (const s of ['', '}', '{"offset":}', '{"offset":1]', '{"offset":"1"}', 'x'])
      expect(tailOffset(Buffer.from(s))).toBe(-1);
  });
});

describe('SentLog', () => {
  test('gives back the entry only for the exact bytes held at that offset, until every group had it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (groupsPerOffset, flip) => {
          const log = new SentLog();
          const bodies = groupsPerOffset.map((_, o) => envelope(`e${o}`, o));
          groupsPerOffset.forEach((g, o) => log.hold(o, bodies[o]!, entryOf(o), g));
          groupsPerOffset.forEach((g, o) => {
            const body = bodies[o]!;
            // Any one byte changed, even keeping the length and the offset at the end, is not a match.
            const damaged = Buffer.from(body);
            const at = flip % (body.length - 2);
            damaged[at] = damaged[at]! ^ 1;
            expect(log.match(o, damaged)).toBeUndefined();
            // Held at another offset: not a match either.
            if (o > 0) expect(log.match(o - 1, body)).toBeUndefined();
            for (let i = 0; i < g; i++) {
              expect(log.match(o, Buffer.from(body))?.event.id).toBe(`e${o}`);
              log.firstDelivered(o);
            }
            expect(log.match(o, body)).toBeUndefined();
          });
          expect(log.held()).toBe(0);
        },
      ),
    );
  });

  test('holds nothing for a topic no group reads, and ignores first deliveries of what it never held', () => {
    const log = new SentLog();
    log.hold(0, envelope('e0', 0), entryOf(0), 0);
    log.firstDelivered(5);
    expect(log.held()).toBe(0);
    expect(log.match(0, envelope('e0', 0))).toBeUndefined();
  });
});
