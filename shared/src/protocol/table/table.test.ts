import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_NAMES, COMMANDS, EVENT_NAMES, EVENTS, RUN_ACCESS } from './index.js';

describe('the protocol table', () => {
  it('names commands and events `domain:verb`, each once, with a doc', () => {
    for (const name of [...COMMAND_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    expect(new Set([...COMMAND_NAMES, ...EVENT_NAMES]).size).toBe(COMMAND_NAMES.length + EVENT_NAMES.length);
    for (const name of COMMAND_NAMES) expect(COMMANDS[name].doc.length, name).toBeGreaterThan(10);
    for (const name of EVENT_NAMES) expect(EVENTS[name].doc.length, name).toBeGreaterThan(10);
  });

  it('makes every owner/viewer command name its run, which is what the access check reads', () => {
    for (const [name, access] of Object.entries(RUN_ACCESS)) {
      const spec = COMMANDS[name as keyof typeof COMMANDS];
      expect(spec.access, name).toBe(access);
      const missing = spec.payload.safeParse({});
      expect(missing.success, name).toBe(false);
      expect(
        missing.error?.issues.some((i) => i.path[0] === 'runId'),
        name,
      ).toBe(true);
    }
    expect(RUN_ACCESS['run:pause']).toBe('owner');
    expect(RUN_ACCESS['trace:get']).toBe('viewer');
    expect(RUN_ACCESS['run:start']).toBeUndefined();
  });

  it('lets only session:hello run before a session exists', () => {
    expect(COMMAND_NAMES.filter((n) => 'sessionless' in COMMANDS[n])).toEqual(['session:hello']);
  });

  it('has schemas the docs can render as JSON Schema', () => {
    for (const name of COMMAND_NAMES) {
      expect(() => z.toJSONSchema(COMMANDS[name].payload, { io: 'input' })).not.toThrow();
      expect(() => z.toJSONSchema(COMMANDS[name].reply)).not.toThrow();
    }
    for (const name of EVENT_NAMES) expect(() => z.toJSONSchema(EVENTS[name].payload)).not.toThrow();
  });
});
