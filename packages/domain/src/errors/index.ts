export * from './domain-error.js';
export * from './translate-database-error.js';
