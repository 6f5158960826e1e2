import { describe, expect, it } from 'vitest';
import { parseRunArgs, parseValidateArgs } from './args.js';

describe('parseRunArgs', () => {
  it('reads every option and converts numbers', () => {
    const r = parseRunArgs([
      'f.json',
      '--seed',
      '7',
      '--until-ms',
      '2500.5',
      '--max-events',
      '10',
      '--json',
      '--trace',
      'o.ndjson',
    ]);
    expect(r).toEqual({
      ok: true,
      help: false,
      args: {
        file: 'f.json',
        seed: 7,
        untilMs: 2500.5,
        maxEvents: 10,
        json: true,
        trace: 'o.ndjson',
        replay: false,
        compare: false,
        keep: false,
      },
    });
  });

  it('reads the broker options', () => {
    const r = parseRunArgs([
      'f.json',
      '--broker',
      'nats://127.0.0.1:4222',
      '--compare',
      '--keep',
      '--speed',
      '2.5',
    ]);
    expect(r).toMatchObject({
      ok: true,
      args: { broker: 'nats://127.0.0.1:4222', compare: true, keep: true, speed: 2.5 },
    });
    expect(parseRunArgs(['f.json', '--broker', 'kafka://h:9092'])).toEqual({
      ok: false,
      errors: [
        "--broker: 'kafka:' is not a broker Eventflow runs on: use nats://host:4222, redis://host:6379, amqp://user:pass@host:5672 or mqtt://host:1883",
      ],
    });
  });

  it('leaves absent options undefined and json false', () => {
    const r = parseRunArgs(['f.json']);
    expect(r).toEqual({
      ok: true,
      help: false,
      args: { file: 'f.json', json: false, replay: false, compare: false, keep: false },
    });
  });

  it.each([
    [['f.json', '--seed', '-1'], '--seed must be an integer ≥ 0'],
    [['f.json', '--seed', '1.5'], '--seed must be an integer ≥ 0'],
    [['f.json', '--seed', 'abc'], '--seed must be an integer ≥ 0'],
    [['f.json', '--seed', '4294967296'], '--seed must be at most 4294967295'],
    [['f.json', '--max-events', '0'], '--max-events must be an integer ≥ 1'],
    [['f.json', '--until-ms', '-5'], '--until-ms must be a number of milliseconds ≥ 0'],
    [[], 'run needs a flow file: eventflow run FILE'],
  ])('rejects %j with a clear message', (argv, message) => {
    const r = parseRunArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain(message);
  });

  it('rejects unknown flags and extra positionals', () => {
    const unknown = parseRunArgs(['f.json', '--sed', '1']);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]).toMatch(/Unknown option '--sed'/);
    const extra = parseRunArgs(['a.json', 'b.json']);
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.errors[0]).toMatch(/unexpected argument 'b.json'/);
  });

  it('recognises --help and -h without a file', () => {
    expect(parseRunArgs(['--help'])).toMatchObject({ ok: true, help: true });
    expect(parseRunArgs(['-h'])).toMatchObject({ ok: true, help: true });
  });
});

describe('parseValidateArgs', () => {
  it('takes exactly one file', () => {
    expect(parseValidateArgs(['x.flow.json'])).toEqual({
      ok: true,
      help: false,
      args: { file: 'x.flow.json' },
    });
    expect(parseValidateArgs([])).toEqual({
      ok: false,
      errors: ['validate needs a flow file: eventflow validate FILE'],
    });
    expect(parseValidateArgs(['a', 'b']).ok).toBe(false);
  });
});
