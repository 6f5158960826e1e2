import type { OtlpKeyValue } from './otlp-schema.js';

/**
 * A 64-bit span id (16 hex digits) from text: FNV-1a over UTF-16 code units in two 32-bit lanes, finished
 * with a murmur-style avalanche so ids of neighbouring seqs differ in every digit. Pure, so the same trace
 * always exports the same ids. Never all zeros, which OTLP reads as "no span".
 */
export function spanIdFrom(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  const mix = (h: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const hi = mix(a ^ Math.imul(b, 0x27d4eb2d));
  const lo = mix(b ^ hi) || 1;
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

const NANOS_PER_MS = 1_000_000n;

/**
 * Unix nanoseconds, as OTLP's decimal string, of simulated ms `t` on `epochMs`. BigInt keeps the sum exact:
 * epoch nanos exceed 2^53. Sub-ms times (webhook latencies are fractional) round to the nanosecond.
 */
export function unixNanos(epochMs: number, t: number): string {
  return (BigInt(Math.round(epochMs)) * NANOS_PER_MS + BigInt(Math.round(t * 1e6))).toString();
}

export const str = (key: string, value: string): OtlpKeyValue => ({ key, value: { stringValue: value } });
export const int = (key: string, value: number): OtlpKeyValue => ({
  key,
  value: { intValue: String(Math.trunc(value)) },
});
export const bool = (key: string, value: boolean): OtlpKeyValue => ({ key, value: { boolValue: value } });
