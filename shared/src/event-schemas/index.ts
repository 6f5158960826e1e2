export * from './schema.js';
export * from './validate-data.js';
export * from './compat.js';
export * from './read-plan.js';
export * from './writers.js';
export * from './validate-schemas.js';
export * from './read-check.js';
