import { selectCurrentHop } from '../store/trace-slice';
import { useAppStore } from '../app/use-app-store';

export interface PathMark {
  /** 1-based order of the node's first visit on the selected event's path; undefined when off the path. */
  order: number | undefined;
  /** The hop the step-through (or the live step cursor) shows happens here. */
  current: boolean;
}

/** How a canvas node is marked for the selected event: two primitive selectors so only affected nodes re-render. */
export function usePathMark(id: string): PathMark {
  const order = useAppStore((s) => s.highlight.nodes[id]);
  const current = useAppStore((s) => selectCurrentHop(s)?.node === id);
  return { order, current };
}

/** Attributes NodeShell spreads on a node: `aria-current="step"` for the current hop, `"true"` for the rest of the path. */
export function pathMarkProps(mark: PathMark): {
  'aria-current'?: 'step' | 'true';
  'data-path-order'?: number;
} {
  if (mark.current)
    return { 'aria-current': 'step', ...(mark.order !== undefined ? { 'data-path-order': mark.order } : {}) };
  if (mark.order !== undefined) return { 'aria-current': 'true', 'data-path-order': mark.order };
  return {};
}

export const pathMarkClass = (mark: PathMark): string =>
  (mark.current ? ' is-current-hop' : '') + (mark.order !== undefined ? ' is-on-path' : '');
