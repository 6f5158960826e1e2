import { describe, expect, it } from 'vitest';
import { createRunAccess } from './run-access.js';

describe('run access', () => {
  it('lets the owner do anything, others nothing, until the owner shares and they watch with the key', () => {
    const live = new Set(['r1']);
    const access = createRunAccess((id) => live.has(id));
    access.recordOwner('r1', 'alice', 'rev-1');
    expect(access.check('alice', 'r1', 'owner')).toBe('ok');
    expect(access.check('bob', 'r1', 'viewer')).toBe('forbidden');
    expect(access.watch('bob', 'r1', 'k'.repeat(32))).toBe('forbidden');
    const key = access.share('r1')!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(access.share('r1')).toBe(key);
    expect(access.watch('bob', 'r1', `${key.slice(0, -1)}x`)).toBe('forbidden');
    expect(access.check('bob', 'r1', 'viewer')).toBe('forbidden');
    expect(access.watch('bob', 'r1', key)).toBe('ok');
    expect(access.check('bob', 'r1', 'viewer')).toBe('ok');
    expect(access.check('bob', 'r1', 'owner')).toBe('forbidden');
    expect(access.check('carol', 'r1', 'viewer')).toBe('forbidden');
    expect(access.flowRevision('r1')).toBe('rev-1');
  });

  it('tells a run that is gone from one nobody here started, and forgets runs once they are gone', () => {
    const live = new Set(['r1', 'orphan']);
    const access = createRunAccess((id) => live.has(id));
    access.recordOwner('r1', 'alice');
    access.setFlowRevision('r1', 'rev-2');
    expect(access.flowRevision('r1')).toBe('rev-2');
    expect(access.check('alice', 'orphan', 'viewer')).toBe('forbidden');
    expect(access.check('alice', 'never', 'viewer')).toBe('unknown-run');
    live.delete('r1');
    expect(access.check('alice', 'r1', 'owner')).toBe('unknown-run');
    expect(access.flowRevision('r1')).toBeUndefined();
  });
});
