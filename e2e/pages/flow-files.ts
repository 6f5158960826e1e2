import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';

interface FlowNodeJson {
  id: string;
  kind: string;
  label: string;
  config: Record<string, unknown>;
}

/** A flow file as the journeys use it: its path on disk, its text, and what the canvas should show of it. */
export interface FlowFile {
  path: string;
  text: string;
  name: string;
  nodes: FlowNodeJson[];
  /** Node ids plus consumer group names: every place a hop of this flow may name. */
  places: Set<string>;
  labels: Set<string>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function describe(file: string, text: string): FlowFile {
  const doc = JSON.parse(text) as { name: string; nodes: FlowNodeJson[] };
  const groups = doc.nodes.flatMap((n) => (typeof n.config.group === 'string' ? [n.config.group] : []));
  return {
    path: file,
    text,
    name: doc.name,
    nodes: doc.nodes,
    places: new Set([...doc.nodes.map((n) => n.id), ...groups]),
    labels: new Set(doc.nodes.map((n) => n.label)),
  };
}

/** One of the shipped examples, `examples/<id>.flow.json`. */
export function exampleFlow(id: string): FlowFile {
  const file = path.join(ROOT, 'examples', `${id}.flow.json`);
  return describe(file, readFileSync(file, 'utf8'));
}

/** Writes `doc` to the test's output folder (kept apart per test) and describes it. */
export function writeFlowFile(info: TestInfo, fileName: string, doc: unknown): FlowFile {
  const file = info.outputPath(fileName);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  writeFileSync(file, text);
  return describe(file, text);
}

/** A flow v1 document, for building small test flows inline. */
export function flowDoc(name: string, nodes: unknown[], edges: unknown[]) {
  return { format: 'eventflow.flow', version: 1, name, nodes, edges };
}
