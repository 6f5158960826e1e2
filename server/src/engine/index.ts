export type { Engine, EngineOptions, StopReason, TraceReader } from './api.js';
export { createEngine } from './engine.js';
export { applyAndRecord, applyRecorded, playScript } from './script.js';
