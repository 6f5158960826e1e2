/**
 * AMQP topic-exchange patterns over dot-separated routing keys: `*` stands for exactly one word, `#` for zero
 * or more words. `order.*.created` matches `order.eu.created`; `order.#` matches `order`, `order.eu` and
 * `order.eu.created`. Matching is by words, so it is linear in the key and the pattern (no regex, no backtracking
 * blow-up: `#` is matched by dynamic programming).
 */
export const PATTERN_WORD = /^(\*|#|[A-Za-z0-9_-]+)$/;

/** Why a pattern is not valid, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'must not be empty';
  const words = pattern.split('.');
  const bad = words.findIndex((w) => !PATTERN_WORD.test(w));
  if (bad < 0) return undefined;
  const w = words[bad]!;
  return w === ''
    ? `word ${bad + 1} is empty: words are separated by single dots`
    : `word ${bad + 1} '${w}' must be '*', '#' or letters, digits, '_' and '-'`;
}

/** Whether `key` matches `pattern` (both dot-separated; the pattern assumed valid). */
export function matchesPattern(pattern: string, key: string): boolean {
  const p = pattern.split('.');
  const k = key.split('.');
  // can[j]: pattern words before i match the first j key words.
  let can = new Array<boolean>(k.length + 1).fill(false);
  can[0] = true;
  for (const word of p) {
    const next = new Array<boolean>(k.length + 1).fill(false);
    for (let j = 0; j <= k.length; j++) {
      if (word === '#') next[j] = can[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0 && can[j - 1]! && (word === '*' || word === k[j - 1])) next[j] = true;
    }
    can = next;
  }
  return can[k.length]!;
}
