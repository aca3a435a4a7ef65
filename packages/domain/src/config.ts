import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './security/passwords.js';
import { isValidTimeZone } from './time/zone.js';

/** The workspace root (the folder with pnpm-workspace.yaml), so `.data/` is one place whichever package runs. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (true) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Database settings shared by every process (API, sync worker, CLI). */
export const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_DEBUG: booleanFromEnv.default(false),
  /** How long opening a connection, or waiting for a free one of the pool, may take (database/timeouts.ts). */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** How long one statement may run (lock waits included); 0 turns the bound off. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** How long a session may sit idle inside an open transaction before the server ends it; 0: off. */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  HOSPITAL_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Jakarta'),
  /** How long after a queue ticket's step the step may be undone (a mis-tap at the desk). */
  QUEUE_UNDO_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
});

/** Demo data and the first admin account. */
export const seedEnvSchema = z.object({
  ADMIN_EMAIL: z.string().email().default('admin@meditrack.local'),
  ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  DEMO_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  DEMO_SEED: booleanFromEnv.default(true),
});

/**
 * Parses `env` with `schema`, or throws one error that lists every bad or missing variable, so an
 * operator fixes them all in one go. Values are never echoed (they may be secrets).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const source = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DatabaseEnv = z.output<typeof databaseEnvSchema>;

/** Embedded database data directory: DATA_DIR, else `<workspace>/.data`. */
export function embeddedDataDir(env: DatabaseEnv): string {
  return resolve(env.DATA_DIR ?? join(findWorkspaceRoot(), '.data'));
}
