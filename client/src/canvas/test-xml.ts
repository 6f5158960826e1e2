/** A parsed XML element, for tests: name, attributes, child elements (text is dropped). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

const isNameChar = (c: string) =>
  (c >= 'a' && c <= 'z') ||
  (c >= 'A' && c <= 'Z') ||
  (c >= '0' && c <= '9') ||
  c === '-' ||
  c === ':' ||
  c === '_';

/**
 * A strict little XML reader for tests (no DOM in vitest's node environment): every tag must close in
 * order, every attribute must be quoted and unique, every `&` must start an entity. Throws on the first fault.
 */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${text.slice(Math.max(0, i - 30), i + 30)}`);
  };
  const name = () => {
    const start = i;
    while (i < text.length && isNameChar(text[i] ?? '')) i += 1;
    if (i === start) fail('expected a name');
    return text.slice(start, i);
  };
  const space = () => {
    while (i < text.length && ' \n\t\r'.includes(text[i] ?? '')) i += 1;
  };
  const checkEntities = (s: string) => {
    for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
      const end = s.indexOf(';', k);
      if (!['&amp;', '&lt;', '&gt;', '&quot;', '&apos;'].includes(s.slice(k, end + 1))) fail('bad entity');
    }
    if (s.includes('<')) fail('raw < in text');
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected <');
    i += 1;
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      space();
      if (text.startsWith('/>', i)) return ((i += 2), el);
      if (text[i] === '>') break;
      const key = name();
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      if (text[i] !== '=' || text[i + 1] !== '"') fail('attribute without a quoted value');
      const end = text.indexOf('"', i + 2);
      if (end < 0) fail('unclosed attribute');
      const value = text.slice(i + 2, end);
      checkEntities(value);
      el.attrs[key] = value;
      i = end + 1;
    }
    i += 1;
    for (;;) {
      const next = text.indexOf('<', i);
      if (next < 0) fail(`unclosed <${el.name}>`);
      checkEntities(text.slice(i, next));
      i = next;
      if (text.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched </…> for <${el.name}>`);
        if (text[i] !== '>') fail('expected >');
        i += 1;
        return el;
      }
      el.children.push(element());
    }
  };
  space();
  const root = element();
  space();
  if (i !== text.length) fail('content after the root element');
  return root;
}

/** Every element under `el` (depth first), itself included. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}
