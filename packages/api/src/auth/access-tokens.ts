import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { AccessTokenClaims } from '../trpc/context.js';

/** The bearer token of a request: its verified claims, or why there are none. */
export type TokenCheck = { claims: AccessTokenClaims } | { error: 'missing' | 'invalid' | 'expired' };

export interface AccessTokens {
  /** A signed HS256 access token of one session, valid for the configured lifetime (or until the session ends). */
  sign(claims: AccessTokenClaims): string;
  /** Checks an `Authorization` header (`Bearer <token>`, the scheme in any case). */
  check(authorization: string | undefined): TokenCheck;
}

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * Access tokens: HS256 JWTs signed with JWT_SECRET (fast-jwt, which @fastify/jwt wraps). Verified
 * straight through fast-jwt's synchronous verifier: @fastify/jwt's per-request option merging,
 * second decode and callback waterfall cost ~8% of the API's CPU on a patient search
 * (docs/benchmarks.md). Only HS256 is accepted, so `alg: none` and key-confusion tokens fail.
 */
export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: ttlSeconds * 1000 });
  // Ours always carry these; a token without an expiry would be valid for ever. Verified tokens are
  // cached (by a hash of the token, until it expires): a client sends the same token for many calls,
  // and the session behind it is checked in the database on every call anyway.
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    requiredClaims: ['exp', 'iat', 'sub', 'sid'],
    cache: 1000,
  });
  return {
    sign: (claims) => signer({ ...claims }),
    check(authorization) {
      if (!authorization) return { error: 'missing' };
      const token = BEARER.exec(authorization)?.[1];
      if (!token) return { error: 'invalid' };
      try {
        const claims = verifier(token) as Partial<AccessTokenClaims>;
        if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return { error: 'invalid' };
        return { claims: { sub: claims.sub, sid: claims.sid } };
      } catch (error) {
        return {
          error: error instanceof TokenError && error.code === TokenError.codes.expired ? 'expired' : 'invalid',
        };
      }
    },
  };
}
