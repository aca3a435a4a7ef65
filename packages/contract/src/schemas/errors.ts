import * as z from 'zod/mini';
import { ERROR_CATALOG, ERROR_CODES, type ErrorCode } from '../errors.js';

/**
 * The error envelope as a schema: what REST answers (`{ error, requestId }`) and what a tRPC error
 * carries in `data.error`. One member per code, so `details` is typed by `code`. The OpenAPI
 * document and the SDK's error types come from here.
 */
export const fieldIssue = z
  .strictObject({
    /** Path of the offending field, e.g. `nationalId` or `items.0.date`. */
    path: z.string(),
    message: z.string(),
    code: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'FieldIssue', description: 'One problem with one field of the input.' });

const uuid = z.string().register(z.globalRegistry, { format: 'uuid' });

/** `details` of the codes that carry them: what a client may rely on. */
const DETAILS = {
  UNAUTHENTICATED: z.strictObject({
    /** missing, invalid or expired token; or why the session ended (logged-out, archived, ...). */
    reason: z.string(),
  }),
  FORBIDDEN: z.strictObject({ missingPermission: z.string(), reason: z.optional(z.string()) }),
  NOT_FOUND: z.strictObject({ reason: z.literal('archived') }),
  VERSION_CONFLICT: z.strictObject({ currentVersion: z.int(), yourVersion: z.int() }),
  APPOINTMENT_CONFLICT: z.strictObject({
    /** Whose appointment is in the way. */
    conflictWith: z.optional(z.enum(['doctor', 'patient'])),
    conflictingAppointmentId: z.optional(uuid),
    /** Time off over booked appointments: every appointment in the way. */
    conflictingAppointmentIds: z.optional(z.array(uuid)),
    /** `booked`: the appointments meet; `buffer`: only the time kept free around one of them does. */
    reason: z.optional(z.enum(['booked', 'buffer'])),
  }),
  TOO_SHORT_NOTICE: z.strictObject({ minNoticeMinutes: z.int() }),
  BEYOND_HORIZON: z.strictObject({ horizonDays: z.int() }),
  QUOTA_REACHED: z.strictObject({ dailyQuotaPerDoctor: z.int() }),
  SESSION_FULL: z.strictObject({ capacity: z.int() }),
  /** Since when rescheduling or cancelling is closed. */
  CUTOFF_PASSED: z.strictObject({ cutoffMinutes: z.int(), closedAt: z.string() }),
  SCHEDULE_CONFLICT: z.strictObject({ conflictingEntryId: uuid }),
  BATCH_TOO_LARGE: z.strictObject({ maxBatchSize: z.int(), calls: z.int() }),
  INVALID_STATE: z.strictObject({
    status: z.optional(z.string()),
    action: z.optional(z.string()),
    allowedFrom: z.optional(z.array(z.string())),
    /** too-early / too-late: a move outside its time, with when it opens or closed. */
    reason: z.optional(z.string()),
    opensAt: z.optional(z.string()),
    closedAt: z.optional(z.string()),
  }),
  UNKNOWN_REFERENCE: z.strictObject({ reason: z.literal('archived') }),
  OUTSIDE_WORKING_HOURS: z.strictObject({ timeZone: z.string() }),
  RATE_LIMITED: z.strictObject({ retryAfterSeconds: z.int() }),
} satisfies Partial<Record<ErrorCode, z.core.$ZodType>>;

type Details = typeof DETAILS;

/** `VERSION_CONFLICT` -> `VersionConflictError`: the component's name in the OpenAPI document. */
export const errorSchemaName = (code: ErrorCode) =>
  `${code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}Error`;

function member<C extends ErrorCode>(code: C) {
  const details = (DETAILS as Partial<Record<ErrorCode, z.core.$ZodType>>)[code];
  return z
    .strictObject({
      code: z.literal(code),
      message: z.string(),
      /** The field at fault, when there is exactly one. */
      field: z.optional(z.string()),
      issues: z.optional(z.array(fieldIssue)),
      details: z.optional(details ?? z.record(z.string(), z.unknown())),
    })
    .register(z.globalRegistry, {
      id: errorSchemaName(code),
      description: `${ERROR_CATALOG[code].status}: ${ERROR_CATALOG[code].message}`,
    });
}

/** The body of one error, by code. */
export type TypedErrorBody = {
  [C in ErrorCode]: {
    code: C;
    message: string;
    field?: string;
    issues?: z.infer<typeof fieldIssue>[];
    details?: C extends keyof Details ? z.infer<Details[C]> : Record<string, unknown>;
  };
}[ErrorCode];

const members = ERROR_CODES.map(member);

export const errorBody = z
  .discriminatedUnion('code', members as [(typeof members)[number], ...(typeof members)[number][]])
  .register(z.globalRegistry, {
    id: 'ErrorBody',
    description: 'What went wrong: a catalog code, a message, the field(s) at fault.',
  });

export const errorResponse = z
  .strictObject({
    error: errorBody,
    /** The request's id, as in the server's log and the `x-request-id` header. */
    requestId: z.string(),
  })
  .register(z.globalRegistry, { id: 'Error', description: 'Every error answer of the REST API.' });
