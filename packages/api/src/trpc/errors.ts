import { type ApiErrorBody, ERROR_CATALOG, type ErrorCode } from '@meditrack/contract';
import { DomainError, translateDatabaseError } from '@meditrack/domain';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors tRPC or its adapters raise themselves, in our catalog's terms. */
const CODE_BY_TRPC_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  PARSE_ERROR: 'MALFORMED_JSON',
  BAD_REQUEST: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
};

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({
    code: TRPC_CODE_BY_STATUS[error.status] ?? 'INTERNAL_SERVER_ERROR',
    message: error.message,
    cause: error,
  });
}

/** A zod error (structurally: zod 4 classic and core errors alike) -> field issues. */
function zodIssues(cause: unknown): ApiErrorBody['issues'] | undefined {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if ((cause as Error | undefined)?.name !== 'ZodError' || !Array.isArray(issues)) return undefined;
  return issues.map((issue: { path?: PropertyKey[]; message: string; code?: string }) => ({
    path: (issue.path ?? []).map(String).join('.'),
    message: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  }));
}

/**
 * What the client is told about an error, on both transports. Only DomainErrors and input
 * validation carry their own message; anything unexpected is a generic INTERNAL (details go to the log).
 */
export function describeError(error: TRPCError): ApiErrorBody {
  const domain = error.cause instanceof DomainError ? error.cause : null;
  if (domain) {
    return {
      code: domain.code,
      message: domain.message,
      ...(domain.field ? { field: domain.field } : {}),
      ...(domain.issues ? { issues: domain.issues } : {}),
      ...(domain.details ? { details: domain.details } : {}),
    };
  }
  const issues = zodIssues(error.cause);
  if (issues) {
    const first = issues[0];
    return {
      code: 'VALIDATION_FAILED',
      message: first ? `${first.path || 'input'}: ${first.message}` : ERROR_CATALOG.VALIDATION_FAILED.message,
      ...(first?.path ? { field: first.path } : {}),
      issues,
    };
  }
  // tRPC's own input reading wraps a JSON syntax error as BAD_REQUEST.
  if (error.cause instanceof SyntaxError)
    return { code: 'MALFORMED_JSON', message: ERROR_CATALOG.MALFORMED_JSON.message };
  const code = CODE_BY_TRPC_CODE[error.code] ?? 'INTERNAL';
  // tRPC's own messages (e.g. 'No procedure found on path ...') are safe; a crash's message is not.
  return { code, message: code === 'INTERNAL' ? ERROR_CATALOG.INTERNAL.message : error.message };
}

/** Database refusals and DomainErrors thrown anywhere below become TRPCErrors with the right status. */
export function mapThrownError(error: TRPCError): TRPCError | null {
  if (error.cause instanceof DomainError)
    return error.code === 'INTERNAL_SERVER_ERROR' ? toTRPCError(error.cause) : null;
  const translated = translateDatabaseError(error.cause);
  return translated ? toTRPCError(translated) : null;
}

/**
 * The tRPC error shape, for every transport: `data.error` is what REST clients get as `{ error }`.
 * No stack, ever.
 */
export function errorShape(error: TRPCError, path: string | undefined) {
  const described = describeError(error);
  return {
    message: described.message,
    code: TRPC_ERROR_CODES_BY_KEY[error.code],
    data: { code: error.code, httpStatus: getHTTPStatusCodeFromError(error), path, error: described },
  };
}
