/** One bit per event index: whether a group processed it at least once (grown on demand). */
export const isProcessed = (bits: Uint8Array, event: number) =>
  (bits[event >> 3]! & (1 << (event & 7))) !== 0;

export function markProcessed(bits: Uint8Array, event: number): Uint8Array {
  let b = bits;
  if (event >> 3 >= b.length) {
    b = new Uint8Array(Math.max(b.length * 2, (event >> 3) + 1));
    b.set(bits);
  }
  b[event >> 3]! |= 1 << (event & 7);
  return b;
}
