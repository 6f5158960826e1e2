import { compileCel, createSeededRand } from '../cel/index.js';
import type { LooseEdge, LooseNode } from '../flow/loose-flow.js';
import { producerSamples, type SampleEvent } from '../flow/samples.js';
import type { Problem } from '../protocol/result.js';
import { compatibilityProblems, readProblems } from './compat.js';
import { describeRead, planRead, versionOf, writtenVersion } from './read-plan.js';
import { EventSchemas, ReadVersions, Upcaster, type EventSchema } from './schema.js';
import { formatDataProblems, validateData } from './validate-data.js';
import { writersReaching } from './writers.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });
const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });
const int = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isInteger(x) ? x : undefined;
const registered = (e: EventSchema) => e.versions.map((v) => `v${v.version}`).join(', ');

/** A consumer's `reads` and `upcasters` when they parse; the schema reports them otherwise. */
function readConfig(n: LooseNode): { reads?: ReadVersions[]; upcasters?: Upcaster[] } {
  const reads = ReadVersions.array().safeParse(n.config.reads);
  const upcasters = Upcaster.array().safeParse(n.config.upcasters);
  return {
    ...(reads.success ? { reads: reads.data } : {}),
    ...(upcasters.success ? { upcasters: upcasters.data } : {}),
  };
}

/**
 * Design-time checks of a flow's event schemas (decision 0024): each new version against the one before it
 * under the type's compatibility mode; every version a producer publishes or a consumer reads is registered;
 * a producer's payload satisfies its own schema (on its sample events, an error); and every consumer can
 * read what reaches it: a warning names the consumer, the writer and the field an incompatible change breaks.
 */
export function validateSchemas(
  rawSchemas: unknown,
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[],
): Problem[] {
  const parsed = EventSchemas.safeParse(rawSchemas ?? []);
  if (!parsed.success) return []; // the flow schema reports it, at its path
  const byType = new Map(parsed.data.map((e, i) => [e.eventType, { entry: e, index: i }] as const));
  const out: Problem[] = [];
  parsed.data.forEach((e, i) => {
    const mode = e.compatibility ?? 'backward';
    for (let j = 1; j < e.versions.length; j++) {
      const problems = compatibilityProblems(mode, e.versions[j]!, e.versions[j - 1]!);
      if (problems.length)
        out.push(
          warn(
            `schemas[${i}].versions[${j}].schema`,
            `${e.eventType} v${e.versions[j]!.version} is not ${mode} compatible with v${e.versions[j - 1]!.version}: ${formatDataProblems(problems)}`,
          ),
        );
    }
  });
  const samples = new Map<string, SampleEvent[]>();
  for (const n of nodes) {
    const at = `nodes[${n.index}].config`;
    if (n.kind === 'producer') {
      const type = typeof n.config.eventType === 'string' ? byType.get(n.config.eventType) : undefined;
      if (!type) continue;
      const named = int(n.config.schemaVersion);
      const version = writtenVersion(type.entry, named);
      const schema = versionOf(type.entry, version);
      if (!schema) {
        out.push(
          err(
            `${at}.schemaVersion`,
            `${type.entry.eventType} has no version ${version} (registered: ${registered(type.entry)})`,
          ),
        );
        continue;
      }
      const built = producerSamples(n);
      samples.set(n.id, built);
      const broken = built
        .map((s) => ({ s, problems: validateData(schema.schema, s.event.data) }))
        .find((b) => b.problems.length);
      if (broken)
        out.push(
          err(
            `${at}.payload`,
            `the payload does not satisfy ${type.entry.eventType} v${version} (event seq ${broken.s.seq}): ${formatDataProblems(broken.problems)}`,
          ),
        );
    }
    if (n.kind !== 'consumer') continue;
    const { reads } = readConfig(n);
    reads?.forEach((r, j) => {
      const type = byType.get(r.eventType);
      if (!type)
        out.push(warn(`${at}.reads[${j}].eventType`, `no schema is registered for '${r.eventType}'`));
      else
        for (const v of r.versions)
          if (!versionOf(type.entry, v))
            out.push(
              err(
                `${at}.reads[${j}].versions`,
                `${r.eventType} has no version ${v} (registered: ${registered(type.entry)})`,
              ),
            );
    });
  }
  out.push(...readerProblems(nodes, edges, byType, samples));
  return out;
}

/** Each (writer, consumer) pair whose consumer cannot read what the writer publishes. */
function readerProblems(
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[],
  byType: ReadonlyMap<string, { entry: EventSchema; index: number }>,
  samples: ReadonlyMap<string, SampleEvent[]>,
): Problem[] {
  const out: Problem[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  for (const [id, writers] of writersReaching(nodes, edges)) {
    const n = byId.get(id);
    if (!n || n.kind !== 'consumer') continue;
    const { reads, upcasters } = readConfig(n);
    const reported = new Set<string>();
    for (const w of writers) {
      const type = byType.get(w.eventType);
      if (!type) continue;
      const written = writtenVersion(type.entry, w.version);
      const plan = planRead(type.entry, written, reads, upcasters);
      const writerSchema = versionOf(type.entry, written);
      if (plan.kind !== 'read' || !writerSchema || plan.reader.version === written) continue;
      const readsAt = reads?.findIndex((r) => r.eventType === w.eventType) ?? -1;
      const at = `nodes[${n.index}].config.${plan.upcaster ? `upcasters[${plan.upcaster.index}].payload` : `reads[${readsAt}]`}`;
      const problems = plan.upcaster
        ? upcastProblems(plan.upcaster.upcaster, plan.reader.schema, samples.get(w.source) ?? [])
        : formatDataProblems(
            readProblems(plan.reader.schema, writerSchema.schema, {
              reader: `v${plan.reader.version}`,
              writer: `v${written}`,
            }),
          );
      const key = `${at}|${w.source}|${written}`;
      if (!problems || reported.has(key)) continue;
      reported.add(key);
      out.push(
        warn(
          at,
          `consumer '${n.id}' cannot read ${describeRead(w.eventType, plan)} from '${w.source}': ${problems}`,
        ),
      );
    }
  }
  return out;
}

/** What an upcaster's output breaks of the reader schema, on the writer's sample events. */
function upcastProblems(
  u: Upcaster,
  reader: EventSchema['versions'][number]['schema'],
  samples: readonly SampleEvent[],
): string {
  const compiled = compileCel(u.payload, 'emit');
  if (!compiled.ok) return '';
  for (const s of samples) {
    try {
      const data = compiled.expr.evaluate({
        event: s.event,
        data: s.event.data,
        key: null,
        rand: createSeededRand(s.seq),
      });
      const problems = validateData(reader, data);
      if (problems.length) return `the upcaster builds ${formatDataProblems(problems)}`;
    } catch {
      // The expression's own editor shows why it fails; a failing sample proves nothing about the schema.
    }
  }
  return '';
}
