export * from './dates.js';
export * from './enums.js';
export * from './errors.js';
export * from './lifecycle.js';
export * from './national-id.js';
export * from './permissions.js';
export * from './schemas/index.js';
