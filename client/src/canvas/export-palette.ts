import { NODE_KINDS, type NodeKind } from '@eventflow/shared';
import { kindMeta } from '../nodes/kind-meta';

const kindColours = (theme: 'light' | 'dark') =>
  Object.fromEntries(NODE_KINDS.map((k) => [k, kindMeta[k].colour[theme]])) as Record<NodeKind, string>;

/** The colours an exported diagram is drawn in; the kinds' colours are their meta.ts ones, as on screen. */
export interface DiagramPalette {
  background: string;
  nodeBg: string;
  border: string;
  text: string;
  muted: string;
  edge: string;
  danger: string;
  /** Service call edges, as `--call` on screen. */
  call: string;
  /** Query edges (a consumer reading a projection row), as `--query` on screen. */
  query: string;
  kinds: Record<NodeKind, string>;
}

export const DIAGRAM_PALETTES: Readonly<Record<'light' | 'dark', DiagramPalette>> = {
  light: {
    background: '#f8fafc',
    nodeBg: '#ffffff',
    border: '#cfd4dd',
    text: '#171a21',
    muted: '#5f6675',
    edge: '#64748b',
    danger: '#dc2626',
    call: '#4f46e5',
    query: '#0f766e',
    kinds: kindColours('light'),
  },
  dark: {
    background: '#0f131b',
    nodeBg: '#171c26',
    border: '#343c4c',
    text: '#e6e9ef',
    muted: '#a3abba',
    edge: '#94a3b8',
    danger: '#f87171',
    call: '#818cf8',
    query: '#2dd4bf',
    kinds: kindColours('dark'),
  },
};
