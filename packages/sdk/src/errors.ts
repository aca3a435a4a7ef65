import type { ApiErrorBody, ErrorCode, FieldIssue, TypedErrorBody } from '@meditrack/contract';
import { TRPCClientError } from '@trpc/client';

/**
 * A failed call, as the API explained it: a catalog code, the HTTP status, the field(s) at fault.
 * A union by `code`: `if (e.code === 'APPOINTMENT_CONFLICT') e.details?.conflictingAppointmentId`.
 */
export type MediTrackError = TypedErrorBody & {
  name: 'MediTrackError';
  httpStatus: number;
  /** The procedure that failed, e.g. `patients.create`. */
  path: string | undefined;
  /** The underlying client error, for logging. */
  cause: unknown;
};

/** The error of one code, with its typed `details`. */
export type MediTrackErrorOf<C extends ErrorCode> = Extract<MediTrackError, { code: C }>;

interface ErrorData {
  httpStatus?: number;
  path?: string;
  error?: ApiErrorBody;
}

/**
 * Reads any error thrown by a client call. Network failures and non-MediTrack servers become
 * code `INTERNAL` with status 0, so one code path handles everything.
 */
export function toMediTrackError(error: unknown): MediTrackError {
  const data = (error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined) ?? {};
  const body = data.error;
  // The server's body is one of TypedErrorBody's members (the contract's error schema says which).
  return {
    name: 'MediTrackError',
    code: body?.code ?? 'INTERNAL',
    message: body?.message ?? (error instanceof Error ? error.message : String(error)),
    ...(body?.field ? { field: body.field } : {}),
    ...(body?.issues ? { issues: body.issues } : {}),
    ...(body?.details ? { details: body.details } : {}),
    httpStatus: data.httpStatus ?? 0,
    path: data.path,
    cause: error,
  } as MediTrackError;
}

/** The error as `code`'s member (typed `details`), or undefined when it is anything else. */
export function errorOf<C extends ErrorCode>(error: unknown, code: C): MediTrackErrorOf<C> | undefined {
  const described = toMediTrackError(error);
  return described.code === code ? (described as MediTrackErrorOf<C>) : undefined;
}

/** True when `error` is an answer from the MediTrack API (optionally with this code). */
export function isMediTrackError(error: unknown, code?: ErrorCode): error is TRPCClientError<never> {
  if (!(error instanceof TRPCClientError)) return false;
  const body = (error.data as ErrorData | undefined)?.error;
  return body !== undefined && (code === undefined || body.code === code);
}

/** `{ nationalId: 'national ID (NIK) must be exactly 16 digits', ... }`: one message per field, for forms. */
export function fieldErrors(error: unknown): Record<string, string> {
  const { issues, field, message } = toMediTrackError(error);
  const result: Record<string, string> = {};
  for (const issue of issues ?? []) result[issue.path || '_'] ??= issue.message;
  if (field && !result[field]) result[field] = message;
  return result;
}

export type { ErrorCode, FieldIssue };
