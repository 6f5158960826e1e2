import { useStoreApi, type InternalNode } from '@xyflow/react';
import type { Hop } from '@eventflow/shared';
import { useContext, useEffect, useRef } from 'react';
import { EdgeRoutesContext } from '../canvas/edge-routes-context';
import { createdTypeOf } from '../nodes/kind-meta';
import type { CanvasEdge, CanvasNode } from '../model/types';
import { selectCurrentHop } from '../store/trace-slice';
import { useAppStoreApi } from '../app/use-app-store';
import { type AppState } from '../store/store';
import { colourOfType, trackOf, trackPoint, type Point, type Track } from './edge-geometry';
import { DOT_BUDGET, LOSSES, scheduleDots, type Dot } from './dot-schedule';

const PATH_COLOUR = '#f59e0b';
const LOSS_COLOUR = '#dc2626';
const BURST_MS = 700;
const TYPE_MEMORY = 20_000;

interface Burst {
  node: string;
  start: number;
}

function handlePoint(n: InternalNode<CanvasNode> | undefined, side: 'source' | 'target'): Point | undefined {
  if (!n) return undefined;
  const pos = n.internals.positionAbsolute;
  const h = n.internals.handleBounds?.[side]?.[0];
  if (h) return { x: pos.x + h.x + h.width / 2, y: pos.y + h.y + h.height / 2 };
  const w = n.measured.width ?? 200;
  const hgt = n.measured.height ?? 80;
  return { x: pos.x + (side === 'source' ? w : 0), y: pos.y + hgt / 2 };
}

/** The type of each event, learnt from `produced`/`emitted` hops and the node configs (hops carry no type). */
function learnTypes(types: Map<string, string>, hops: readonly Hop[], s: AppState) {
  for (const h of hops) {
    if (h.type !== 'produced' && h.type !== 'emitted') continue;
    const node = s.nodes.find((n) => n.id === h.node);
    const type = node && createdTypeOf(node);
    if (!type) continue;
    types.set(h.event, type);
    if (types.size > TYPE_MEMORY) {
      const oldest = types.keys().next().value;
      if (oldest !== undefined) types.delete(oldest);
    }
  }
}

/**
 * One canvas over the React Flow viewport, redrawn every animation frame: moving dots (coloured by event type,
 * thinned to a budget), loss bursts, and the selected event's path glowing along its edges.
 */
export function DotsOverlay() {
  const rf = useStoreApi<CanvasNode, CanvasEdge>();
  const store = useAppStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  // Routed edges (drawn around nodes) change only with the document; the frame loop reads the latest.
  const routes = useContext(EdgeRoutesContext);
  const routesRef = useRef(routes);
  useEffect(() => {
    routesRef.current = routes;
  }, [routes]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    let dots: Dot[] = [];
    let bursts: Burst[] = [];
    const types = new Map<string, string>();
    let seenVersion = store.getState().live.version;

    const unsubscribe = store.subscribe((s) => {
      if (s.live.version === seenVersion) return;
      seenVersion = s.live.version;
      if (s.live.hops.length === 0) {
        dots = [];
        bursts = [];
        return;
      }
      const batch = s.live.lastBatch;
      learnTypes(types, batch, s);
      const now = performance.now();
      dots = dots.concat(scheduleDots(batch, now, s.run.speed, dots.length));
      for (const h of batch)
        if (LOSSES.has(h.type) && bursts.length < 60) bursts.push({ node: h.node, start: now });
    });

    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const r = el.getBoundingClientRect();
      el.width = Math.max(1, Math.round(r.width * dpr));
      el.height = Math.max(1, Math.round(r.height * dpr));
    };
    const ro = new ResizeObserver(resize);
    ro.observe(el);
    resize();

    let frame = 0;
    // What the last still frame showed: with no dots moving, a frame is only redrawn when this changes.
    let still: unknown[] = [];
    const draw = () => {
      frame = requestAnimationFrame(draw);
      const dpr = window.devicePixelRatio || 1;
      const { transform, nodeLookup } = rf.getState();
      const [tx, ty, zoom] = transform;
      const s = store.getState();
      const now = performance.now();
      dots = dots.filter((d) => now < d.start + d.duration);
      bursts = bursts.filter((b) => now < b.start + BURST_MS);
      const moving = dots.length > 0 || bursts.length > 0;
      const key = [tx, ty, zoom, nodeLookup, s.highlight, selectCurrentHop(s), el.width, el.height];
      if (!moving && key.every((k, i) => k === still[i])) return;
      still = moving ? [] : key;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, el.width, el.height);
      const hasPath = Object.keys(s.highlight.edges).length > 0;
      if (!moving && !hasPath) return;
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const tracks = new Map<string, Track>();
      const trackOfEdge = (edgeId: string): Track | undefined => {
        let t = tracks.get(edgeId);
        if (t) return t;
        const e = s.edges.find((x) => x.id === edgeId);
        if (!e) return undefined;
        const p0 = handlePoint(nodeLookup.get(e.source), 'source');
        const p3 = handlePoint(nodeLookup.get(e.target), 'target');
        if (!p0 || !p3) return undefined;
        t = trackOf(p0, p3, routesRef.current.get(edgeId));
        tracks.set(edgeId, t);
        return t;
      };

      if (hasPath) {
        const current = selectCurrentHop(s)?.edge;
        ctx.lineCap = 'round';
        for (const edgeId of Object.keys(s.highlight.edges)) {
          const t = trackOfEdge(edgeId);
          if (!t) continue;
          ctx.beginPath();
          if (t.kind === 'curve') {
            const b = t.curve;
            ctx.moveTo(b.p0.x, b.p0.y);
            ctx.bezierCurveTo(b.c1.x, b.c1.y, b.c2.x, b.c2.y, b.p3.x, b.p3.y);
          } else {
            const [first, ...rest] = t.points;
            if (first) ctx.moveTo(first.x, first.y);
            for (const p of rest) ctx.lineTo(p.x, p.y);
          }
          ctx.strokeStyle = PATH_COLOUR;
          ctx.globalAlpha = edgeId === current ? 0.95 : 0.5;
          ctx.lineWidth = edgeId === current ? 7 : 5;
          ctx.stroke();
        }
        ctx.globalAlpha = 1;
      }

      // One path per colour: a few fills per frame however many dots there are.
      const byColour = new Map<string, Point[]>();
      for (const d of dots) {
        const u = (now - d.start) / d.duration;
        if (u < 0) continue;
        const t = trackOfEdge(d.edge);
        if (!t) continue;
        const colour = d.loss ? LOSS_COLOUR : colourOfType(types.get(d.event));
        let list = byColour.get(colour);
        if (!list) byColour.set(colour, (list = []));
        list.push(trackPoint(t, u));
      }
      for (const [colour, points] of byColour) {
        ctx.beginPath();
        for (const p of points) {
          ctx.moveTo(p.x + 5, p.y);
          ctx.arc(p.x, p.y, 5, 0, Math.PI * 2);
        }
        ctx.fillStyle = colour;
        ctx.fill();
      }

      for (const burst of bursts) {
        const n = nodeLookup.get(burst.node);
        if (!n) continue;
        const k = (now - burst.start) / BURST_MS;
        const c = {
          x: n.internals.positionAbsolute.x + (n.measured.width ?? 200) / 2,
          y: n.internals.positionAbsolute.y + (n.measured.height ?? 80) / 2,
        };
        ctx.beginPath();
        ctx.arc(c.x, c.y, 30 + k * 90, 0, Math.PI * 2);
        ctx.strokeStyle = LOSS_COLOUR;
        ctx.globalAlpha = 1 - k;
        ctx.lineWidth = 3;
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      unsubscribe();
    };
  }, [rf, store]);

  return (
    <canvas ref={canvas} className="ef-dots" aria-hidden data-testid="run.dots" data-budget={DOT_BUDGET} />
  );
}
