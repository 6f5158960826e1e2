import { producer } from '../../test-helpers.js';

/** Orders o-1, o-2, o-1, … every 100 ms, keyed by order: the rows the read-model tests fold and read. */
export const orderProducer = (count: number) =>
  producer('p', {
    eventType: 'OrderPlaced',
    rate: 10,
    count,
    key: 'data.orderId',
    payload: `{"orderId": "o-" + string(seq % 2 == 0 ? 2 : 1), "amount": seq * 10}`,
  });
