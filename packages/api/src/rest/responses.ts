import { ERROR_CATALOG, type ErrorCode } from '@meditrack/contract';
import type { Access, Meta } from '../trpc/init.js';

/** What decides an operation's possible answers: its procedure's metadata and the shape of its route. */
export interface OperationFacts {
  method: string;
  path: string;
  meta: Meta;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Every request can meet these: input validation (every procedure refuses unknown query or body
 * fields, even one that takes none), the global rate limit, the database being away, a bug.
 */
const ALWAYS: ErrorCode[] = ['VALIDATION_FAILED', 'RATE_LIMITED', 'DATABASE_UNAVAILABLE', 'INTERNAL'];

/** A write meets PostgreSQL's refusal of a simultaneous change to the same rows (serialization, deadlock). */
const WRITE: ErrorCode[] = ['CONCURRENT_UPDATE'];

const byAccess = (access: Access | undefined): ErrorCode[] =>
  access === 'public' ? [] : access === 'authenticated' ? ['UNAUTHENTICATED'] : ['UNAUTHENTICATED', 'FORBIDDEN'];

/**
 * Every error code an operation can answer: from who may call it, whether it takes a body, whether it names a record in its path, whether it writes, and the domain refusals its
 * procedure declares. The OpenAPI document lists exactly these; the conformance test holds every
 * real answer to them.
 */
export function errorCodesOf(op: OperationFacts): ErrorCode[] {
  const method = op.method.toUpperCase();
  const codes = new Set<ErrorCode>([
    ...byAccess(op.meta.access),
    ...(BODY_METHODS.has(method) ? (['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) : []),
    ...(op.path.includes('{') ? (['NOT_FOUND'] as const) : []),
    ...(method === 'GET' ? [] : WRITE),
    ...(op.meta.errors ?? []),
    ...ALWAYS,
  ]);
  return [...codes];
}

/** The codes grouped by the HTTP status they answer with, statuses ascending. */
export function byStatus(codes: readonly ErrorCode[]): Map<number, ErrorCode[]> {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOG[code].status;
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}
