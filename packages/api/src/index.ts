export type { ApiConfig } from './config.js';
export { loadApiConfig } from './config.js';
export { openApiDocument, type RestOperation, restOperations } from './rest/openapi.js';
export type { AppRouter, RouterInputs, RouterOutputs } from './routers/root.js';
export { appRouter } from './routers/root.js';
export { buildServer } from './server.js';
