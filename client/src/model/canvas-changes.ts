import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './types';

type Change<T> = NodeChange<CanvasNode> | EdgeChange<CanvasEdge> | { type: 'add'; item: T; index?: number };

/** One element's queued changes, mutated into a single shallow copy (React sees one new object). */
function applyOne(change: NodeChange<CanvasNode> | EdgeChange<CanvasEdge>, el: Record<string, unknown>) {
  if (change.type === 'select') el.selected = change.selected;
  else if (change.type === 'position') {
    if (change.position !== undefined) el.position = change.position;
    if (change.dragging !== undefined) el.dragging = change.dragging;
  } else if (change.type === 'dimensions') {
    if (change.dimensions !== undefined) {
      el.measured = { ...change.dimensions };
      if (change.setAttributes === true || change.setAttributes === 'width')
        el.width = change.dimensions.width;
      if (change.setAttributes === true || change.setAttributes === 'height')
        el.height = change.dimensions.height;
    }
    if (typeof change.resizing === 'boolean') el.resizing = change.resizing;
  }
}

/**
 * The model's own copy of React Flow's `applyNodeChanges`/`applyEdgeChanges` (same semantics: remove and
 * replace win over other changes of the element, adds go last at their index), so the store needs no
 * runtime import of `@xyflow/react`.
 */
function applyChanges<T extends { id: string }>(changes: readonly Change<T>[], elements: readonly T[]): T[] {
  const byId = new Map<string, Change<T>[]>();
  const adds: { item: T; index?: number }[] = [];
  for (const c of changes) {
    if (c.type === 'add') adds.push(c as { item: T; index?: number });
    else if (c.type === 'remove' || c.type === 'replace') byId.set(c.id, [c]);
    else byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  }
  const out: T[] = [];
  for (const el of elements) {
    const queued = byId.get(el.id);
    const first = queued?.[0];
    if (!queued || !first) out.push(el);
    else if (first.type === 'remove') continue;
    else if (first.type === 'replace') out.push({ ...(first.item as unknown as T) });
    else {
      const copy = { ...el } as Record<string, unknown>;
      for (const c of queued) applyOne(c as NodeChange<CanvasNode>, copy);
      out.push(copy as T);
    }
  }
  for (const a of adds) {
    if (a.index !== undefined) out.splice(a.index, 0, { ...a.item });
    else out.push({ ...a.item });
  }
  return out;
}

export const applyNodeChanges = (changes: readonly NodeChange<CanvasNode>[], nodes: readonly CanvasNode[]) =>
  applyChanges<CanvasNode>(changes, nodes);
export const applyEdgeChanges = (changes: readonly EdgeChange<CanvasEdge>[], edges: readonly CanvasEdge[]) =>
  applyChanges<CanvasEdge>(changes, edges);
