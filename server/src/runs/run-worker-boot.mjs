// A worker's entry file is loaded before any --import hook applies to it, so a .ts entry fails on Node 20.
// This plain-JS entry registers tsx in the worker first, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./run-worker.ts');
