/**
 * The API's own zod schemas, enums, permission table, lifecycle and error codes, for form
 * validation and for showing only the actions a user may take. No server code, no client code.
 */
export * from '@meditrack/contract';
