import type { EventSchema, ReadVersions, SchemaVersion, Upcaster } from './schema.js';

/** The version a writer publishes: the one it names, else the type's newest. */
export function writtenVersion(entry: EventSchema, named: number | undefined): number {
  return named ?? entry.versions[entry.versions.length - 1]!.version;
}

export const versionOf = (entry: EventSchema, version: number): SchemaVersion | undefined =>
  entry.versions.find((v) => v.version === version);

/**
 * How a consumer reads an event written at `written`: with the written version's own schema when it reads
 * that version (or declares none for the type), through an upcaster that turns it into a version it reads,
 * or else with its newest read version as the reader schema, as a registry client deserialises.
 */
export type ReadPlan =
  | { kind: 'read'; written: number; reader: SchemaVersion; upcaster?: { index: number; upcaster: Upcaster } }
  /** The written or read version is not registered: validation reports it, the run fails the read. */
  | { kind: 'unregistered'; written: number; version: number };

export function planRead(
  entry: EventSchema,
  written: number,
  reads: readonly ReadVersions[] | undefined,
  upcasters: readonly Upcaster[] | undefined,
): ReadPlan {
  const mine = reads?.find((r) => r.eventType === entry.eventType)?.versions;
  const pick = (version: number, upcaster?: { index: number; upcaster: Upcaster }): ReadPlan => {
    const reader = versionOf(entry, version);
    if (!reader) return { kind: 'unregistered', written, version };
    return upcaster ? { kind: 'read', written, reader, upcaster } : { kind: 'read', written, reader };
  };
  if (!versionOf(entry, written)) return { kind: 'unregistered', written, version: written };
  if (!mine || mine.includes(written)) return pick(written);
  const newest = Math.max(...mine);
  const index = (upcasters ?? []).findIndex(
    (u) => u.eventType === entry.eventType && u.from === written && mine.includes(u.to ?? newest),
  );
  if (index >= 0) {
    const upcaster = upcasters![index]!;
    return pick(upcaster.to ?? newest, { index, upcaster });
  }
  return pick(newest);
}

/** `OrderPlaced v2 read as v1` (or `… through upcaster 0`), the start of every schema failure's reason. */
export function describeRead(eventType: string, plan: Extract<ReadPlan, { kind: 'read' }>): string {
  const as = plan.reader.version === plan.written ? '' : ` read as v${plan.reader.version}`;
  const via = plan.upcaster ? ` through upcasters[${plan.upcaster.index}]` : '';
  return `${eventType} v${plan.written}${as}${via}`;
}
