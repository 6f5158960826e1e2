export * from './lesson.js';
export * from './check.js';
