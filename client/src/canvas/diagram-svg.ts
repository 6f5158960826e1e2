import { defaultCall, defaultQuery, sharedKinds } from '@eventflow/shared';
import { edgeBezier } from '../run/edge-geometry';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { detailOf, kindMeta } from '../nodes/kind-meta';
import type { DiagramPalette } from './export-palette';
import { NODE_SIZE, type Box } from './node-size';
import { unionBox } from './framing';
import { roundedPath, routeEdges, routeMiddle } from './edge-route';
import type { Point } from '../run/edge-geometry';

const PAD = 32;
// An exported node is drawn shorter than its canvas footprint (it has no live area), centred on the same
// line, so edges still meet it where they meet it on the canvas.
const CARD_HEIGHT = 78;
const FIGURES_HEIGHT = 18;
const FONT = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const n1 = (v: number) => String(Math.round(v * 10) / 10);

export interface DiagramOptions {
  palette: DiagramPalette;
  /** Live figures to print under each node, by node id; omitted for a clean diagram. */
  figures?: Readonly<Record<string, string>>;
  title?: string;
}

export interface Diagram {
  svg: string;
  width: number;
  height: number;
}

function nodeSvg(n: CanvasNode, box: Box, p: DiagramPalette, figures: string | undefined): string {
  const colour = p.kinds[n.type];
  const h = CARD_HEIGHT + (figures ? FIGURES_HEIGHT : 0);
  const top = Math.round((box.height - h) / 2);
  const label = escapeXml(cut(n.data.label || n.id, 24));
  const parts = [
    `<g class="node" data-id="${escapeXml(n.id)}" data-kind="${n.type}" transform="translate(${n1(box.x)},${n1(box.y + top)})">`,
    `<rect width="${box.width}" height="${h}" rx="10" fill="${p.nodeBg}" stroke="${colour}" stroke-width="1.5"/>`,
    `<rect x="0.75" y="10" width="4" height="${h - 20}" rx="2" fill="${colour}"/>`,
    `<rect x="12" y="10" width="22" height="22" rx="6" fill="${colour}"/>`,
    `<path d="${kindMeta[n.type].iconPath}" transform="translate(15,13) scale(0.667)" fill="none" stroke="#fff" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<text x="42" y="25" font-size="10.5" font-weight="700" letter-spacing="0.7" fill="${colour}">${escapeXml(sharedKinds[n.type].title.toUpperCase())}</text>`,
    `<text x="12" y="52" font-size="14" font-weight="600" fill="${p.text}">${label}</text>`,
    `<text x="12" y="69" font-size="11.5" fill="${p.muted}">${escapeXml(cut(detailOf(n), 32))}</text>`,
  ];
  if (figures)
    parts.push(
      `<text x="12" y="${CARD_HEIGHT + 9}" font-size="11" font-family="ui-monospace, Menlo, Consolas, monospace" fill="${colour}">${escapeXml(cut(figures, 30))}</text>`,
    );
  parts.push('</g>');
  return parts.join('');
}

/** How an edge of each role is drawn: a dead-letter, a service call and a query are dashed, in their own colour, with a pill. */
function edgeStyle(e: CanvasEdge, p: DiagramPalette) {
  const role = e.data?.role;
  if (role === 'dead-letter')
    return { stroke: p.danger, width: 2, dash: '7 5', marker: 'arrow-dlq', pill: 'DLQ' };
  if (role === 'call') {
    const timeout = e.data?.call?.timeoutMs ?? defaultCall().timeoutMs;
    return { stroke: p.call, width: 1.8, dash: '6 4', marker: 'arrow-call', pill: `CALL ${timeout} ms` };
  }
  if (role === 'query') {
    const key = e.data?.query?.key ?? defaultQuery().key;
    return {
      stroke: p.query,
      width: 1.8,
      dash: '8 3 2 3',
      marker: 'arrow-query',
      pill: `QUERY ${cut(key, 24)}`,
    };
  }
  return { stroke: p.edge, width: 1.8, dash: undefined, marker: 'arrow', pill: undefined };
}

function edgeSvg(e: CanvasEdge, from: Box, to: Box, route: Point[] | undefined, p: DiagramPalette): string {
  const style = edgeStyle(e, p);
  const b = edgeBezier(
    { x: from.x + from.width, y: from.y + from.height / 2 },
    { x: to.x, y: to.y + to.height / 2 },
  );
  const d = route
    ? roundedPath(route)
    : `M${n1(b.p0.x)} ${n1(b.p0.y)}C${n1(b.c1.x)} ${n1(b.c1.y)} ${n1(b.c2.x)} ${n1(b.c2.y)} ${n1(b.p3.x)} ${n1(b.p3.y)}`;
  const path = `<path data-id="${escapeXml(e.id)}" d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} marker-end="url(#${style.marker})"/>`;
  if (!style.pill) return path;
  const { x: mx, y: my } = route
    ? routeMiddle(route)
    : { x: (b.p0.x + b.p3.x) / 2, y: (b.p0.y + b.p3.y) / 2 };
  // About 6.5 px per character of 10.5 px bold caps, plus the pill's rounded ends.
  const w = Math.round(style.pill.length * 6.5 + 14);
  return `${path}<g class="edge-label" transform="translate(${n1(mx)},${n1(my)})"><rect x="${-w / 2}" y="-9" width="${w}" height="18" rx="9" fill="${style.stroke}"/><text y="4" text-anchor="middle" font-size="10.5" font-weight="700" fill="#fff">${escapeXml(style.pill)}</text></g>`;
}

/**
 * The diagram as real SVG elements, built from the document and the fixed node boxes rather than from a
 * screenshot of the DOM: one group per node (card, icon, kind, label, a line of config), one path per edge
 * with an arrowhead, in the palette's colours. Run decorations appear only when `figures` is given.
 */
export function diagramSvg(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  opts: DiagramOptions,
): Diagram {
  const p = opts.palette;
  const boxes = new Map(nodes.map((n) => [n.id, { ...n.position, ...NODE_SIZE[n.type] }]));
  const routes = routeEdges(nodes, edges);
  // Routed edges can run outside the node boxes (the lane back to the start of a wrapped row): frame them too.
  const routePoints = [...routes.values()].flat().map((pt) => ({ ...pt, width: 0, height: 0 }));
  const bounds = unionBox([...boxes.values(), ...routePoints]) ?? { x: 0, y: 0, width: 0, height: 0 };
  const width = Math.ceil(bounds.width + 2 * PAD);
  const height = Math.ceil(bounds.height + 2 * PAD);
  const marker = (id: string, fill: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><polygon points="0,0 10,5 0,10" fill="${fill}"/></marker>`;
  const edgeParts = edges.flatMap((e) => {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    return from && to ? [edgeSvg(e, from, to, routes.get(e.id), p)] : [];
  });
  const nodeParts = nodes.flatMap((n) => {
    const box = boxes.get(n.id);
    return box ? [nodeSvg(n, box, p, opts.figures?.[n.id])] : [];
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    opts.title ? `<title>${escapeXml(opts.title)}</title>` : '',
    `<defs>${marker('arrow', p.edge)}${marker('arrow-dlq', p.danger)}${marker('arrow-call', p.call)}${marker('arrow-query', p.query)}</defs>`,
    `<rect width="100%" height="100%" fill="${p.background}"/>`,
    `<g transform="translate(${n1(PAD - bounds.x)},${n1(PAD - bounds.y)})">`,
    `<g class="edges">${edgeParts.join('')}</g>`,
    `<g class="nodes">${nodeParts.join('')}</g>`,
    '</g></svg>',
  ].join('');
  return { svg, width, height };
}
