/** Marks the part of an example's description that says what to look at once it runs. */
const WATCH = /\s*What to watch:\s*/;

/** Splits a description into what the flow is and what to watch, for the gallery card's two paragraphs. */
export function splitWatch(description: string): { about: string; watch?: string } {
  const at = description.search(WATCH);
  if (at < 0) return { about: description };
  const watch = description.slice(at).replace(WATCH, '');
  return { about: description.slice(0, at), watch: watch.charAt(0).toUpperCase() + watch.slice(1) };
}
