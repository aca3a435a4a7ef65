import { randomBytes } from 'node:crypto';
import { databaseEnvSchema, parseEnv, seedEnvSchema } from '@meditrack/domain';
import { z } from 'zod';
import { isCronPattern } from './jobs/no-shows.js';

const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** HS256 key for access tokens: at least 32 characters; required in production. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /** Lifetime of a login session's refresh token (each use rotates it). */
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(90 * 86_400)
      .default(14 * 86_400),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** After SIGTERM, how long /readyz answers 503 before the server stops accepting (load balancers notice). */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).optional(),
    /** The whole shutdown may take at most this long; then the process exits 1. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
    /** Browser origins allowed to call the API (CORS), comma-separated, e.g. https://frontdesk.hospital.example. None by default. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ message: 'must be comma-separated origins like https://app.example' }))),
    /**
     * Behind a load balancer: how many proxy hops to trust for the client address (X-Forwarded-For),
     * which rate limits and logs use. 0 (default) trusts none: a client cannot spoof its address.
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Requests per client address per window, on every route but the health checks (per replica unless RATE_LIMIT_STORE=postgres). */
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    /** Login attempts allowed per account and per client address in LOGIN_WINDOW_SECONDS. */
    LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(10).default(900),
    /** Where login attempts and the global limit are counted: this process (memory) or PostgreSQL, shared by all replicas. */
    RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).default('memory'),
    /** Most calls one tRPC batch may hold (past it: 413); each call counts against the rate limit. */
    TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(20),
    /** A request that takes longer is answered 408 and its socket closed. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
    /** Deepest JSON nesting accepted in a request body. */
    JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(20),
    /** Largest accepted request body, in bytes. */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(1_048_576),
    /** Scheduled appointments not checked in this long after their start become no-shows. */
    NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
    /** When the automatic no-show runs (a cron pattern, seconds optional, in HOSPITAL_TIMEZONE); `off` turns it off. */
    NO_SHOW_CRON: z
      .string()
      .default('* * * * *')
      .refine(isCronPattern, 'must be a cron pattern such as "*/5 * * * *", or off'),
  })
  .extend(databaseEnvSchema.shape)
  .extend(seedEnvSchema.shape)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    if (!env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (no embedded database)',
      });
    }
  });

export type ApiEnv = z.output<typeof apiEnvSchema>;

export interface ApiConfig {
  env: ApiEnv;
  jwtSecret: string;
  /** True when no JWT_SECRET was configured and a random one was made for this process. */
  jwtSecretGenerated: boolean;
}

/** Reads and validates the API's configuration; throws one ConfigError listing every problem. */
export function loadApiConfig(source: NodeJS.ProcessEnv = process.env): ApiConfig {
  const env = parseEnv(apiEnvSchema, source);
  // Development without a configured secret: a random one, so no default secret exists anywhere.
  // Tokens then last until the process restarts.
  const jwtSecret = env.JWT_SECRET ?? randomBytes(48).toString('base64url');
  return { env, jwtSecret, jwtSecretGenerated: !env.JWT_SECRET };
}
