export * from './config.js';
export * from './normalize.js';
export * from './pool.js';
export * from './retry.js';
export * from './run.js';
export * from './runs.js';
export { bigQueryClient } from './source.js';
