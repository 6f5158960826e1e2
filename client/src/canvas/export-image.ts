import type { NodeMetrics } from '@eventflow/shared';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { diagramSvg, type Diagram } from './diagram-svg';
import { DIAGRAM_PALETTES } from './export-palette';

export interface ImageExport {
  format: 'png' | 'svg';
  theme: 'light' | 'dark';
  /** Live figures of the current run, by node id; null for a clean diagram. */
  metrics: Readonly<Record<string, NodeMetrics>> | null;
  title: string;
}

// Slides are viewed on large screens: twice the diagram's size keeps text sharp.
const PNG_SCALE = 2;
const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : r.toFixed(1));

/** The SVG of the diagram for the chosen theme, with run figures only when metrics are given. */
export function exportSvg(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  opts: Omit<ImageExport, 'format'>,
): Diagram {
  const figures = opts.metrics
    ? Object.fromEntries(
        Object.entries(opts.metrics).map(([id, m]) => [
          id,
          `in ${m.in} · out ${m.out} · ${fmtRate(m.rate)}/s`,
        ]),
      )
    : undefined;
  return diagramSvg(nodes, edges, {
    palette: DIAGRAM_PALETTES[opts.theme],
    title: opts.title,
    ...(figures ? { figures } : {}),
  });
}

/** Draws the SVG onto a canvas at twice its size and encodes it: the PNG is the SVG, rasterised. */
async function rasterise(d: Diagram): Promise<Blob> {
  // A data: URL, not a blob: one: the app's Content-Security-Policy allows images only from 'self' and data:.
  const img = new Image();
  img.decoding = 'async';
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(d.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = d.width * PNG_SCALE;
  canvas.height = d.height * PNG_SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw to a canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}

/** The diagram as a file body: SVG text or PNG bytes. */
export async function renderDiagram(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  opts: ImageExport,
): Promise<Blob> {
  const d = exportSvg(nodes, edges, opts);
  return opts.format === 'svg' ? new Blob([d.svg], { type: 'image/svg+xml' }) : rasterise(d);
}

export function downloadUrl(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, fileName);
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), fileName);
}
