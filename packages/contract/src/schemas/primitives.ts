import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { EARLIEST_YEAR, isRealDate, isRealTime, LATEST_YEAR, yearInRange } from '../dates.js';

/**
 * Messages a person can act on, for every schema of the contract: zod's English messages (which
 * `zod/mini`, the contract's small build for browser bundles, leaves out) and, for a missing field,
 * "is required" (zod's default is "Invalid input: expected string, received undefined").
 */
z.config({
  ...en(),
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/**
 * Body numbers keep their type: `"version": "3"` is refused on both transports. (trpc-to-openapi's
 * request handler set `coerce` on every number, boolean and date schema it found, for tRPC too, but
 * left pipes alone; it no longer serves requests, and the pipe keeps schemas safe should it again.)
 */
export const strict = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    schema,
    z.transform((value: z.output<T>) => value),
  );

/**
 * A format's message, except for a missing field: that falls through to "is required" (zod gives a
 * format schema's message to its type check too).
 */
const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

export const id = z.uuid({ error: unlessMissing('must be a UUID') });

/**
 * Every string a client sends. PostgreSQL text cannot hold NUL, and the embedded database's wire
 * protocol ends a string at one, so it is refused here with the field named, before any SQL.
 */
export const inputString = () =>
  z.string().check(z.refine((value) => !value.includes('\u0000'), 'must not contain NUL characters'));

/** A record's version, for optimistic locking. */
export const version = strict(z.int().check(z.gte(1)));

/** Query-string number (GET/DELETE): numeric strings are converted on purpose, nothing else. */
export const queryInt = (min: number, max: number) => z.coerce.number<number>().check(z.int(), z.gte(min), z.lte(max));

/**
 * A boolean filter: a boolean over tRPC; over REST the query string's `true` or `false`, which the
 * REST adapter reads as the boolean the document declares. Anything else is refused.
 */
export const queryBoolean = z.boolean({ error: 'must be true or false' });

/** A record's version in a query string (DELETE), or from an `If-Match` header. */
export const queryVersion = z.coerce.number<number>().check(z.int(), z.gte(1), z.lte(2_147_483_647));

/** A calendar date in answers, `YYYY-MM-DD`. */
export const calendarDate = z.iso.date();

/** A calendar date, `YYYY-MM-DD`, that exists (zod's ISO date format checks month lengths and leap years). */
export const dateOnly = z.iso.date({ error: unlessMissing('must be a real date as YYYY-MM-DD') });

/** A time of day, `HH:MM` or `HH:MM:SS`. */
export const timeOfDay = z.iso
  .time({ error: unlessMissing('must be a time as HH:MM or HH:MM:SS') })
  .register(z.globalRegistry, { examples: ['08:00'] });

/**
 * An instant: ISO 8601 with an offset (`2024-10-01T09:30:00+07:00`, `...Z`), or the seed documents'
 * `2024-10-01 09:30:00`, which the server reads in the hospital's time zone.
 */
const INSTANT_FORMATS = 'must be ISO 8601 with an offset (2024-10-01T09:30:00+07:00) or YYYY-MM-DD HH:MM[:SS]';
const YEARS = `must lie between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
const ISO_INSTANT = z.iso.datetime({ offset: true });
const LOCAL_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$/;
const ISO_PARTS = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why `value` is not an instant the API takes (one message a person can act on), or undefined. */
function instantProblem(value: string): string | undefined {
  const local = LOCAL_INSTANT.exec(value);
  const iso = local ? null : ISO_PARTS.exec(value);
  const parts = local ?? iso;
  if (!parts) return INSTANT_FORMATS;
  if (!isRealDate(parts[1] as string) || !isRealTime(parts[2] as string)) return 'must be a date and time that exist';
  if (iso && !ISO_INSTANT.safeParse(value).success) return INSTANT_FORMATS;
  return yearInRange(value) ? undefined : YEARS;
}

const refusing =
  (problem: (value: string) => string | undefined) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/**
 * An instant: ISO 8601 with an offset (`2024-10-01T09:30:00+07:00`, `...Z`), or the seed documents'
 * `2024-10-01 09:30:00`, which the server reads in the hospital's time zone. Days and times that do
 * not exist are refused, never rolled over.
 */
const instantText = inputString().check(z.superRefine(refusing(instantProblem)));
const INSTANT_DOC = {
  type: 'string' as const,
  description: 'ISO 8601 with an offset, or YYYY-MM-DD HH:MM[:SS] in the hospital time zone',
  examples: ['2026-12-07T09:00:00+07:00'],
};

/**
 * An instant as text, or a `Date` (TypeScript clients over tRPC, where superjson carries it): a
 * Date becomes its ISO text, so the domain always reads one form. REST bodies are JSON: text only.
 */
export const dateTimeInput = z
  .pipe(
    z.pipe(
      z.union([z.date(), z.string()], { error: unlessMissing(INSTANT_FORMATS) }),
      z.transform((value: Date | string) => (value instanceof Date ? value.toISOString() : value)),
    ),
    instantText,
  )
  // Documented as the text REST takes (a Date cannot travel in JSON), replacing the union's rendering.
  .register(z.globalRegistry, {
    override: (ctx: { jsonSchema: Record<string, unknown> }) => {
      for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
      Object.assign(ctx.jsonSchema, INSTANT_DOC);
    },
  });

/** A day of the schedule (`YYYY-MM-DD`), within the years the API schedules. */
export const scheduleDate = inputString()
  .check(
    z.superRefine(
      refusing((v) =>
        !DAY.test(v) || !isRealDate(v) ? 'must be a real date as YYYY-MM-DD' : yearInRange(v) ? undefined : YEARS,
      ),
    ),
  )
  .register(z.globalRegistry, { examples: ['2026-12-07'] });

/** A day (`YYYY-MM-DD`: the whole day in the hospital's time zone) or an instant. */
export const dayOrInstant = inputString()
  .check(
    z.superRefine(
      refusing((v) =>
        DAY.test(v)
          ? !isRealDate(v)
            ? 'must be a real date as YYYY-MM-DD'
            : yearInRange(v)
              ? undefined
              : YEARS
          : instantProblem(v),
      ),
    ),
  )
  .register(z.globalRegistry, { description: 'YYYY-MM-DD (the whole day) or an instant', examples: ['2026-12-07'] });

/** Instants in responses: Date over tRPC (superjson), ISO 8601 string over REST. */
export const dateTime = z.date().register(z.globalRegistry, { override: { type: 'string', format: 'date-time' } });

export const email = z.email({ error: unlessMissing('must be a valid email address') }).check(z.maxLength(254));

/** Names and short texts: trimmed, not blank. */
export const text = (max: number) =>
  inputString().check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(max));
export const optionalText = (max: number) => z.optional(z.nullable(inputString().check(z.trim(), z.maxLength(max))));

export const phone = inputString()
  .check(z.trim(), z.regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number (digits, spaces, + ( ) -)'))
  .register(z.globalRegistry, { examples: ['+62 21 555 0100'] });
