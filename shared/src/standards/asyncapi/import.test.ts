import { describe, expect, it } from 'vitest';
import { asyncApiToFlow } from './import.js';

// A hand-written document, not one the export made: operation ids name no node, messages are inline.
const foreign = {
  asyncapi: '3.0.0',
  info: { title: 'Lights', version: '2.1.0' },
  channels: {
    'lighting/measured': {
      address: 'smartylighting/streetlights/1/0/event/{id}/lighting/measured',
      title: 'Lighting measured',
      messages: {
        lightMeasured: {
          name: 'LightMeasured',
          payload: {
            type: 'object',
            properties: { lumens: { type: 'integer' }, sentAt: { type: 'string' } },
          },
        },
      },
      bindings: { kafka: { partitions: 3 } },
    },
  },
  operations: {
    onLightMeasured: {
      action: 'send',
      channel: { $ref: '#/channels/lighting~1measured' },
      messages: [{ $ref: '#/channels/lighting~1measured/messages/lightMeasured' }],
    },
    dimLights: {
      action: 'receive',
      channel: { $ref: '#/channels/lighting~1measured' },
      bindings: { kafka: { groupId: { type: 'string', const: 'dimmers' } } },
    },
    lost: { action: 'send', channel: { $ref: '#/channels/nowhere' } },
  },
};

describe('asyncApiToFlow', () => {
  it('makes a topic per channel and an application per operation, laid out left to right', () => {
    const r = asyncApiToFlow(foreign);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.flow.name).toBe('Lights');
    expect(r.flow.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['lighting-measured', 'topic', 'Lighting measured'],
      ['onLightMeasured', 'producer', 'onLightMeasured'],
      ['dimLights', 'consumer', 'dimLights'],
    ]);
    const [topic, producer, consumer] = r.flow.nodes;
    expect(topic?.kind === 'topic' && topic.config.partitions).toBe(3);
    expect(producer?.kind === 'producer' && producer.config).toMatchObject({
      eventType: 'LightMeasured',
      payload: '{"lumens": 0, "sentAt": ""}',
    });
    expect(consumer?.kind === 'consumer' && consumer.config.group).toBe('dimmers');
    expect(r.flow.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual([
      'onLightMeasured -> lighting-measured',
      'lighting-measured -> dimLights',
    ]);
    expect(r.flow.nodes.map((n) => n.position?.x)).toEqual([280, 0, 560]);
    expect(r.warnings).toEqual([
      "operations.lost: its channel #/channels/nowhere is not one of the document's channels; skipped",
    ]);
  });

  it('refuses what is not an AsyncAPI 3 document, saying where', () => {
    const r = asyncApiToFlow({ asyncapi: '1.2.0', info: { title: 'Old' }, channels: {} });
    expect(r).toEqual({ ok: false, errors: ['asyncapi: only AsyncAPI 3.x documents can be imported'] });
    expect(asyncApiToFlow('nope').ok).toBe(false);
    expect(asyncApiToFlow({ asyncapi: '3.0.0', info: { title: 'Empty' } })).toEqual({
      ok: false,
      errors: ['channels: the document has no channel to make a topic of'],
    });
  });

  describe('AsyncAPI 2.x, through the upgrade it is handed', () => {
    const old = { asyncapi: '2.6.0', info: { title: 'Old' }, channels: {} };
    it('is refused with the reason when there is no upgrade', () => {
      expect(asyncApiToFlow(old)).toEqual({
        ok: false,
        errors: ['asyncapi: 2.6.0 must be converted to 3.0 before it can be imported'],
      });
    });
    it('reports an upgrade that throws', () => {
      const upgrade = () => {
        throw new Error('bad channel');
      };
      expect(asyncApiToFlow(old, { upgrade })).toEqual({
        ok: false,
        errors: ['asyncapi: converting 2.6.0 to 3.0 failed: bad channel'],
      });
    });
    it('imports what the upgrade returns and says it was converted', () => {
      const r = asyncApiToFlow(old, { upgrade: () => foreign });
      const direct = asyncApiToFlow(foreign);
      expect(r.ok && r.warnings).toEqual([
        'asyncapi: converted from 2.6.0 to 3.0.0 first',
        ...(direct.ok ? direct.warnings : []),
      ]);
      expect(r.ok && r.flow).toEqual(direct.ok && direct.flow);
    });
  });
});
