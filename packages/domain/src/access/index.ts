export * from './actor.js';
export * from './authorize.js';
export * from './visibility.js';
