import type { Role } from '@meditrack/contract';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessTokens, TokenCheck } from '../auth/access-tokens.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { SessionCache } from '../auth/session-cache.js';
import type { ApiConfig } from '../config.js';
import type { SyncRunner } from '../routers/sync/runner.js';

/** Who is calling, as verified from the access token and re-read from the database. */
export interface AuthUser {
  id: string;
  role: Role;
  email: string;
}

/** Claims of our access tokens. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** Issued at, in milliseconds (the standard `iat` has only seconds): compared with password changes. */
  iatMs?: number;
}

export interface Services {
  orm: MikroORM;
  config: ApiConfig;
  sync: SyncRunner;
  loginThrottle: LoginThrottle;
  accessTokens: AccessTokens;
  /** Employees' session-check rows, while their changes are heard (auth/employee-changes.ts). */
  sessionCache: SessionCache;
}

export interface Context {
  /** A request-scoped EntityManager fork: its identity map lives and dies with the request. */
  em: EntityManager;
  services: Services;
  requestId: string;
  /** Claims of a valid bearer token, or the reason there is none. Checked against the database by `authed`. */
  token: TokenCheck;
  /** The record version from an `If-Match` header (REST alternative to `version` in the body). */
  ifMatchVersion: number | undefined;
  req: FastifyRequest;
  res: FastifyReply;
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : undefined;
}

/** One context for both transports (tRPC and the REST adapter): same auth, same EntityManager rules. */
export function contextFactory(services: Services) {
  return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context => ({
    em: services.orm.em.fork(),
    services,
    requestId: req.id,
    token: services.accessTokens.check(req.headers.authorization),
    ifMatchVersion: parseIfMatch(req.headers['if-match']),
    req,
    res,
  });
}
