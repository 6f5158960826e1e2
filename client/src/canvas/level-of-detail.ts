import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom, node details are unreadable anyway: a node is drawn as its colour and name (NodeShell). */
export const FAR_ZOOM = 0.45;
export const selectFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
