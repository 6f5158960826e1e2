import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOP_TYPES } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { CANVAS_BADGES, SUMMARY_VOCABULARY } from './run-summary';
import { splitWatch } from './example-text';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.flow.json'));

interface Example {
  description?: string;
  nodes: { id: string; label?: string; kind: string; config: { group?: string } }[];
}
const read = (file: string) => JSON.parse(readFileSync(join('examples', file), 'utf8')) as Example;

/** Every figure a text points at, by the phrases the examples use for each place on screen. */
function pointers(text: string) {
  const all = (re: RegExp, within = text) => [...within.matchAll(re)].map((m) => m[1]!);
  return {
    summary: all(/Run summary's ([A-Za-z0-9 -]+?) (?:row|column)\b/g),
    // `the "in" and "out" badges`: every quoted word of the list before "badge(s)".
    badges: all(/((?:"[a-z-]+"(?:,? and |, )?)+) badges?\b/g).flatMap((list) => all(/"([a-z-]+)"/g, list)),
    hops: all(/"([a-z-]+)"(?: hops?\b| followed by)/g).concat(all(/followed by "([a-z-]+)"/g)),
  };
}

describe.each(EXAMPLES)('examples/%s names only what the UI shows', (file) => {
  const flow = read(file);
  const text = flow.description ?? '';
  const { watch } = splitWatch(text);

  it('has a "What to watch" part that points at something on screen', () => {
    expect(watch, 'add a "What to watch: …" sentence').toBeTruthy();
    const p = pointers(watch!);
    expect(p.summary.length + p.badges.length + p.hops.length).toBeGreaterThan(0);
  });

  it('every Run summary row or column it names is one the Run summary shows', () => {
    for (const name of pointers(text).summary) expect(SUMMARY_VOCABULARY, name).toContain(name);
  });

  it('every badge it names is a live badge, and every hop a hop type', () => {
    const p = pointers(text);
    for (const name of p.badges) expect(CANVAS_BADGES, name).toContain(name);
    for (const name of p.hops) expect(HOP_TYPES, name).toContain(name);
  });

  it('names no raw summary field (the screen says "Duplicates processed", not duplicatesProcessed)', () => {
    expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
  });

  it('names groups that exist: "… for X" after a Run summary row is a group of this flow', () => {
    const groups = new Set(
      flow.nodes
        .filter((n) => n.kind === 'consumer' || n.kind === 'webhook')
        .map((n) => n.config.group ?? n.id),
    );
    for (const m of text.matchAll(/(?:row|column)s? (?:for|of) ([a-z][a-z0-9-]*)/g))
      expect([...groups], m[1]).toContain(m[1]);
  });
});

describe('the pointer phrases', () => {
  it('find what a text names, so a misspelt figure fails the checks above', () => {
    const p = pointers(
      `What to watch: the Run summary's Duplicate processing row, the "outs" badge and a "proccessed" hop.`,
    );
    expect(p.summary).toEqual(['Duplicate processing']);
    expect(SUMMARY_VOCABULARY).not.toContain(p.summary[0]);
    expect(p.badges).toEqual(['outs']);
    expect(p.hops).toEqual(['proccessed']);
  });
});
