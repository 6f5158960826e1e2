import { parseArgs } from 'node:util';
import { AsyncApiBroker } from '@eventflow/shared';
import { z } from 'zod';
import { brokerOfUrl } from '../brokers/broker-url.js';

/** A non-negative integer flag value, with the message users see when it is not one. */
const wholeNumber = (flag: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be an integer ≥ ${min}`)
    .transform(Number)
    .refine((n) => n >= min, `${flag} must be an integer ≥ ${min}`)
    .refine((n) => n <= max, `${flag} must be at most ${max}`);

const millis = (flag: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${flag} must be a number of milliseconds ≥ 0`)
    .transform(Number);

/** A collector's OTLP/HTTP base URL: the export is POSTed to `<endpoint>/v1/traces`. */
const OtlpEndpoint = z.string().refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
  message: '--otlp-endpoint must be an http(s) URL, e.g. http://127.0.0.1:4318',
});

export const RunArgs = z.strictObject({
  file: z.string({ error: 'run needs a flow file: eventflow run FILE' }).min(1),
  seed: wholeNumber('--seed', 0, 2 ** 32 - 1).optional(),
  untilMs: millis('--until-ms').optional(),
  maxEvents: wholeNumber('--max-events', 1).optional(),
  json: z.boolean().default(false),
  trace: z.string().min(1, '--trace needs a file name').optional(),
  replay: z.boolean().default(false),
  /** Run on this real broker instead of the simulator (`eventflow run --help`). */
  broker: z
    .string()
    .superRefine((url, ctx) => {
      const r = brokerOfUrl(url);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `--broker: ${r.message}` });
    })
    .optional(),
  compare: z.boolean().default(false),
  keep: z.boolean().default(false),
  speed: z
    .string()
    .regex(/^\d+(\.\d+)?$/, '--speed must be a number > 0')
    .transform(Number)
    .refine((n) => n > 0 && n <= 1000, '--speed must be a number > 0 and at most 1000')
    .optional(),
  /** File to write the trace to as OTLP/JSON (an ExportTraceServiceRequest). */
  otlp: z.string().min(1, '--otlp needs a file name').optional(),
  otlpEndpoint: OtlpEndpoint.optional(),
});
export type RunArgs = z.infer<typeof RunArgs>;

export const ValidateArgs = z.strictObject({
  file: z.string({ error: 'validate needs a flow file: eventflow validate FILE' }).min(1),
});
export type ValidateArgs = z.infer<typeof ValidateArgs>;

export type Parsed<T> = { ok: true; args: T; help: boolean } | { ok: false; errors: string[] };

function tooMany(positionals: string[], usage: string): string[] {
  return positionals.length > 1 ? [`unexpected argument '${positionals[1]}': ${usage}`] : [];
}

const zodErrors = (e: z.ZodError) => e.issues.map((i) => i.message);

/** `util.parseArgs` throws on unknown flags; turn that into the same error shape as a zod failure. */
function parseOrErrors<T>(parse: () => T): { ok: true; value: T } | { ok: false; errors: string[] } {
  try {
    return { ok: true, value: parse() };
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
  }
}

const VALUE_FLAGS = new Set([
  '--seed',
  '--until-ms',
  '--max-events',
  '--trace',
  '--speed',
  '--otlp',
  '--otlp-endpoint',
]);

/**
 * `parseArgs` refuses `--seed -1` as ambiguous; joining a negative number onto its flag lets zod say what is
 * actually wrong with it ("--seed must be an integer ≥ 0").
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const next = argv[i + 1];
    if (VALUE_FLAGS.has(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseRunArgs(argv: string[]): Parsed<RunArgs> {
  const raw = parseOrErrors(() =>
    parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        'until-ms': { type: 'string' },
        'max-events': { type: 'string' },
        json: { type: 'boolean' },
        trace: { type: 'string' },
        replay: { type: 'boolean' },
        broker: { type: 'string' },
        compare: { type: 'boolean' },
        keep: { type: 'boolean' },
        speed: { type: 'string' },
        otlp: { type: 'string' },
        'otlp-endpoint': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (!raw.ok) return raw;
  const { values, positionals } = raw.value;
  if (values.help)
    return {
      ok: true,
      help: true,
      args: { file: '', json: false, replay: false, compare: false, keep: false },
    };
  const brokerOnly = (['compare', 'keep', 'speed'] as const).filter((f) => values[f] !== undefined);
  if (values.broker === undefined && brokerOnly.length)
    return {
      ok: false,
      errors: brokerOnly.map((f) => `--${f} needs --broker URL: it applies to runs on a real broker`),
    };
  if (values.broker !== undefined && values.replay)
    return { ok: false, errors: ['--replay cannot be used with --broker: a replay is a simulated run'] };
  if (values.replay && values.seed !== undefined)
    return { ok: false, errors: ['--seed cannot be used with --replay: the replay file has its seed'] };
  const extra = tooMany(positionals, 'eventflow run FILE [options]');
  const r = RunArgs.safeParse({
    file: positionals[0],
    seed: values.seed,
    untilMs: values['until-ms'],
    maxEvents: values['max-events'],
    json: values.json,
    trace: values.trace,
    replay: values.replay,
    broker: values.broker,
    compare: values.compare,
    keep: values.keep,
    speed: values.speed,
    otlp: values.otlp,
    otlpEndpoint: values['otlp-endpoint'],
  });
  if (!r.success || extra.length)
    return { ok: false, errors: [...(r.success ? [] : zodErrors(r.error)), ...extra] };
  return { ok: true, help: false, args: r.data };
}

export function parseValidateArgs(argv: string[]): Parsed<ValidateArgs> {
  const raw = parseOrErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (!raw.ok) return raw;
  const { values, positionals } = raw.value;
  if (values.help) return { ok: true, help: true, args: { file: '' } };
  const extra = tooMany(positionals, 'eventflow validate FILE');
  const r = ValidateArgs.safeParse({ file: positionals[0] });
  if (!r.success || extra.length)
    return { ok: false, errors: [...(r.success ? [] : zodErrors(r.error)), ...extra] };
  return { ok: true, help: false, args: r.data };
}

export const EXPORT_FORMATS = ['asyncapi', 'asyncapi-yaml', 'mermaid'] as const;

export const ExportArgs = z
  .strictObject({
    file: z.string({ error: 'export needs a flow file: eventflow export FILE --format FORMAT' }).min(1),
    format: z.enum(EXPORT_FORMATS, {
      error: (i) =>
        i.input === undefined
          ? `export needs --format: one of ${EXPORT_FORMATS.join(', ')}`
          : `--format must be one of ${EXPORT_FORMATS.join(', ')}`,
    }),
    out: z.string().min(1, '-o needs a file name').optional(),
    server: z
      .enum(AsyncApiBroker.options, { error: `--server must be one of ${AsyncApiBroker.options.join(', ')}` })
      .optional(),
    node: z.string().min(1, '--node needs a node id').optional(),
  })
  .refine((a) => a.format !== 'mermaid' || (a.server === undefined && a.node === undefined), {
    message: '--server and --node apply to the AsyncAPI formats only',
  });
export type ExportArgs = z.infer<typeof ExportArgs>;

export function parseExportArgs(argv: string[]): Parsed<ExportArgs> {
  const raw = parseOrErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        server: { type: 'string' },
        node: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (!raw.ok) return raw;
  const { values, positionals } = raw.value;
  if (values.help) return { ok: true, help: true, args: { file: '', format: 'mermaid' } };
  const extra = tooMany(positionals, 'eventflow export FILE --format FORMAT [-o OUT]');
  const r = ExportArgs.safeParse({
    file: positionals[0],
    format: values.format,
    out: values.out,
    server: values.server,
    node: values.node,
  });
  if (!r.success || extra.length)
    return { ok: false, errors: [...(r.success ? [] : zodErrors(r.error)), ...extra] };
  return { ok: true, help: false, args: r.data };
}

export const ImportArgs = z.strictObject({
  file: z.string({ error: 'import needs an AsyncAPI file: eventflow import FILE [-o OUT]' }).min(1),
  out: z.string().min(1, '-o needs a file name').optional(),
});
export type ImportArgs = z.infer<typeof ImportArgs>;

export function parseImportArgs(argv: string[]): Parsed<ImportArgs> {
  const raw = parseOrErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (!raw.ok) return raw;
  const { values, positionals } = raw.value;
  if (values.help) return { ok: true, help: true, args: { file: '' } };
  const extra = tooMany(positionals, 'eventflow import FILE [-o OUT]');
  const r = ImportArgs.safeParse({ file: positionals[0], out: values.out });
  if (!r.success || extra.length)
    return { ok: false, errors: [...(r.success ? [] : zodErrors(r.error)), ...extra] };
  return { ok: true, help: false, args: r.data };
}
