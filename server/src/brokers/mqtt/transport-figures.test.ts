import { describe, expect, it } from 'vitest';
import { TransportFigures } from './transport-figures.js';

describe('TransportFigures', () => {
  it('counts per topic through the kept object and reports only what happened', () => {
    const f = new TransportFigures();
    const orders = f.of('orders');
    orders.published++;
    orders.published++;
    orders.acked++;
    f.count('naked', 'payments');
    // The same object comes back: a caller that keeps it counts into the figures.
    expect(f.of('orders')).toBe(orders);
    expect(f.snapshot()).toEqual({
      'transport.published.orders': 2,
      'transport.acked.orders': 1,
      'transport.naked.payments': 1,
    });
  });
});
