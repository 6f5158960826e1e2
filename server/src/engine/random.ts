/**
 * Seeded PRNG (sfc32) and hashing. Everything random in a run draws from one stream in a fixed order,
 * which is what makes the same flow and seed give a byte-identical trace.
 */
export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** Normal(mean, stddev) by Box–Muller. */
  normal(mean: number, stddev: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** A v4-shaped UUID drawn from the stream. */
  uuid(): string;
}

export function createRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed,
    b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b),
    c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35),
    d = 1;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const float = () => next() / 4294967296;
  return {
    float,
    int: (lo, hi) => lo + Math.floor(float() * (Math.floor(hi) - Math.ceil(lo) + 1)),
    normal(mean, stddev) {
      const u = 1 - float();
      const v = float();
      return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    exponential: (mean) => -Math.log(1 - float()) * mean,
    uuid() {
      const h = [next(), next(), next(), next()].map((x) => x.toString(16).padStart(8, '0')).join('');
      const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/** 32-bit FNV-1a of a string: stable across runs and platforms, used for key → partition. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: mixes two integers into 32 well-spread bits (trace and span ids). */
export function mix32(x: number, y: number): number {
  let h = Math.imul(x ^ 0x5bd1e995, 0x85ebca6b) ^ Math.imul(y + 0x6b43a9b5, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two hex digits per byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * 8 lowercase hex digits of a 32-bit value, as `n.toString(16).padStart(8, '0')` writes them, from a byte table:
 * a broker run makes six per event for its trace and span ids, and the radix conversion was 6 % of its CPU
 * (decision 0038).
 */
export const hex8 = (n: number) =>
  HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;

/** W3C trace id (32 hex digits, never all zero) for a root event of a run. */
export function traceIdOf(seed: number, rootIndex: number): string {
  return (
    hex8(mix32(seed, rootIndex)) +
    hex8(mix32(rootIndex, seed) | 1) +
    hex8(mix32(seed ^ 0xa5a5a5a5, rootIndex)) +
    hex8(mix32(rootIndex ^ 0x5a5a5a5a, seed))
  );
}

/** W3C span id (16 hex digits) for one event. */
export function spanIdOf(seed: number, eventIndex: number): string {
  return hex8(mix32(seed ^ 0x1234567, eventIndex)) + hex8(mix32(eventIndex, seed ^ 0x7654321) | 1);
}
