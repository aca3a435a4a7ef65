import type { DomainSettings, Work } from '@meditrack/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessTokens, TokenCheck } from '../auth/access-tokens.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { ApiConfig } from '../config.js';
import type { SyncRunner } from '../routers/sync/runner.js';

/** Claims of our access tokens. */
export interface AccessTokenClaims {
  sub: string;
  /** The session (refresh-token family) the token belongs to: checked on every request. */
  sid: string;
}

export interface Services {
  orm: MikroORM;
  config: ApiConfig;
  /** The hospital's time zone and clock, for every unit of work. */
  settings: DomainSettings;
  sync: SyncRunner;
  loginThrottle: LoginThrottle;
  accessTokens: AccessTokens;
}

/** What a request brings, for both transports (tRPC and REST): one per HTTP request, shared by a batch's calls. */
export interface Context {
  services: Services;
  requestId: string;
  /** Claims of a valid bearer token, or the reason there is none. Checked against the database per call. */
  token: TokenCheck;
  req: FastifyRequest;
  res: FastifyReply;
}

/** What each procedure call adds: its own unit of work (also inside a batch), with the caller as actor. */
export interface CallContext extends Context {
  work: Work;
}

/** One context for both transports: same auth, same units of work. */
export function contextFactory(services: Services) {
  return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context => ({
    services,
    requestId: req.id,
    token: services.accessTokens.check(req.headers.authorization),
    req,
    res,
  });
}
