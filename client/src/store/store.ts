import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCanvasSlice, type CanvasSlice } from './canvas-slice';
import { createConsoleSlice, type ConsoleSlice } from './console-slice';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createTraceSlice, type TraceSlice } from './trace-slice';
import { createBreakpointSlice, type BreakpointSlice } from './breakpoint-slice';
import { createLessonSlice, type LessonSlice } from './lesson-slice';
import { createRoomSlice, type RoomSlice } from './room-slice';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createEventSourcingSlice, type EventSourcingSlice } from './event-sourcing-slice';

export type AppState = CanvasSlice &
  DocumentSlice &
  UiSlice &
  RunSlice &
  TraceSlice &
  ConsoleSlice &
  BreakpointSlice &
  LessonSlice &
  RoomSlice &
  CompareSlice &
  EventSourcingSlice;
export type AppStore = StoreApi<AppState>;

/** A fresh store per app (and per test): no module-level state. */
export const createAppStore = (init: Partial<AppState> = {}): AppStore =>
  createStore<AppState>()((...a) => ({
    ...createCanvasSlice(...a),
    ...createDocumentSlice(...a),
    ...createUiSlice(...a),
    ...createRunSlice(...a),
    ...createTraceSlice(...a),
    ...createConsoleSlice(...a),
    ...createBreakpointSlice(...a),
    ...createLessonSlice(...a),
    ...createRoomSlice(...a),
    ...createCompareSlice(...a),
    ...createEventSourcingSlice(...a),
    ...init,
  }));
