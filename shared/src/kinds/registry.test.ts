import { describe, expect, it } from 'vitest';
import { FlowNode } from '../flow/schema.js';
import { canConnect } from '../flow/graph.js';
import { NODE_KINDS, type NodeKind } from './names.js';
import { configSchemas, isNodeKind, sharedKinds } from './registry.js';
import { starterConfig } from './starter.js';

describe('the shared kind registry', () => {
  it.each(NODE_KINDS)('%s: its entry is keyed by its own kind, and a freshly drawn node parses', (kind) => {
    expect(sharedKinds[kind].kind).toBe(kind);
    expect(configSchemas[kind]).toBe(sharedKinds[kind].config);
    const node = { id: `${kind}-1`, kind, config: starterConfig(kind) };
    expect(FlowNode.parse(node)).toEqual(node);
  });

  it('builds the node union from every kind and nothing else', () => {
    for (const kind of NODE_KINDS)
      expect(FlowNode.safeParse({ id: 'n', kind, config: starterConfig(kind) }).success).toBe(true);
    expect(FlowNode.safeParse({ id: 'n', kind: 'gateway', config: {} }).success).toBe(false);
    expect(isNodeKind('gateway')).toBe(false);
  });

  it('allows exactly the edges each kind lists, and explains every refusal', () => {
    for (const source of NODE_KINDS)
      for (const target of NODE_KINDS) {
        const check = canConnect(source, target);
        const allowed: readonly NodeKind[] = sharedKinds[source].connects.to;
        expect(check.ok, `${source} → ${target}`).toBe(allowed.includes(target));
        if (!check.ok) expect(check.reason.length).toBeGreaterThan(10);
      }
  });
});
