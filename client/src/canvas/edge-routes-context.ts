import { createContext } from 'react';
import type { Point } from '../run/edge-geometry';

/** Orthogonal routes (see edge-route.ts) of the edges that would otherwise run under a node, by edge id. */
export const EdgeRoutesContext = createContext<ReadonlyMap<string, Point[]>>(new Map());
