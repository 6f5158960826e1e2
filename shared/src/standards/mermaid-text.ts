/**
 * Text pieces of a Mermaid diagram. Mermaid has no string escapes; it reads `#name;` and `#code;` entity
 * codes in labels and messages, so every character its grammars treat specially becomes one.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '`': '#96;',
  ';': '#59;',
  '%': '#37;',
  '|': '#124;',
};
// Brackets need no code: every label is quoted, and a message's text runs to the end of its line.
const SPECIAL = /[#"<>&`;%|]/g;

/**
 * `text` made safe inside a quoted Mermaid label or after a message's `:`: specials as entity codes, and
 * line breaks as `<br/>` (the one tag Mermaid turns into a break in both flowcharts and sequences).
 */
export function mermaidText(text: string): string {
  return text
    .replace(SPECIAL, (c) => ENTITIES[c] ?? c)
    .replace(/\r\n|\r|\n/g, '<br/>')
    .replace(/\p{Cc}/gu, ' ');
}

/** A quoted label, as in `id["…"]` or `-->|"…"|`. */
export const mermaidLabel = (text: string): string => `"${mermaidText(text)}"`;

/**
 * Mermaid identifiers for node ids, one each and distinct. Node ids may hold `-` and `.`, which Mermaid reads
 * as parts of arrows and of class syntax, and `end` is a keyword: the prefix and the `_` mapping avoid both.
 */
export function mermaidIds(nodeIds: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of nodeIds) {
    if (out.has(id)) continue;
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
    taken.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

/** Matches every identifier `mermaidIds` writes: what tests and callers may rely on. */
export const MERMAID_ID = /^n_[A-Za-z0-9_]+$/;
