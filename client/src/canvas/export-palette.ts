import type { NodeKind } from '@eventflow/shared';

/** The colours an exported diagram is drawn in; the same values as the app's theme variables in app.css. */
export interface DiagramPalette {
  background: string;
  nodeBg: string;
  border: string;
  text: string;
  muted: string;
  edge: string;
  danger: string;
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
    kinds: { producer: '#16a34a', topic: '#7c3aed', filter: '#d97706', consumer: '#2563eb' },
  },
  dark: {
    background: '#0f131b',
    nodeBg: '#171c26',
    border: '#343c4c',
    text: '#e6e9ef',
    muted: '#a3abba',
    edge: '#94a3b8',
    danger: '#f87171',
    kinds: { producer: '#22c55e', topic: '#a78bfa', filter: '#f59e0b', consumer: '#60a5fa' },
  },
};
