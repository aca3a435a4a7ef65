import { z } from 'zod';
import { EARLIEST_YEAR, isRealDate, isRealTime, LATEST_YEAR, yearInRange } from '../dates.js';

/**
 * Body numbers keep their type: `"version": "3"` is refused on both transports. (trpc-to-openapi's
 * request handler set `coerce` on every number, boolean and date schema it found, for tRPC too, but
 * left pipes alone; it no longer serves requests, and the pipe keeps schemas safe should it again.)
 */
export const strict = <T extends z.ZodType>(schema: T) => schema.transform((value) => value);

export const id = z.uuid({ message: 'must be a UUID' });

/**
 * Every string a client sends. PostgreSQL text cannot hold NUL, and the embedded database's wire
 * protocol ends a string at one, so it is refused here with the field named, before any SQL.
 */
export const inputString = () =>
  z.string().refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

/** A record's version, for optimistic locking. */
export const version = strict(z.number().int().min(1));

/** Query-string number (GET/DELETE): numeric strings are converted on purpose, nothing else. */
export const queryInt = (min: number, max: number) => z.coerce.number<number>().int().min(min).max(max);

/**
 * Query-string boolean: "true"/"false" (also 1/0, yes/no, on/off), on both transports, since a
 * plain z.boolean() would be coerced by trpc-to-openapi ("false" -> true). Anything else is refused.
 */
export const queryBoolean = z.stringbool();

/** A calendar date, `YYYY-MM-DD`, that exists (zod's ISO date format checks month lengths and leap years). */
export const dateOnly = z.iso.date({ message: 'must be a real date as YYYY-MM-DD' });

/** A time of day, `HH:MM` or `HH:MM:SS`. */
export const timeOfDay = z.iso.time({ message: 'must be a time as HH:MM or HH:MM:SS' });

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

const refusing = (problem: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx<string>) => {
  const message = problem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/**
 * An instant: ISO 8601 with an offset (`2024-10-01T09:30:00+07:00`, `...Z`), or the seed documents'
 * `2024-10-01 09:30:00`, which the server reads in the hospital's time zone. Days and times that do
 * not exist are refused, never rolled over.
 */
export const dateTimeInput = inputString().superRefine(refusing(instantProblem));

/** A day of the schedule (`YYYY-MM-DD`), within the years the API schedules. */
export const scheduleDate = inputString().superRefine(
  refusing((v) =>
    !DAY.test(v) || !isRealDate(v) ? 'must be a real date as YYYY-MM-DD' : yearInRange(v) ? undefined : YEARS,
  ),
);

/** A day (`YYYY-MM-DD`: the whole day in the hospital's time zone) or an instant. */
export const dayOrInstant = inputString().superRefine(
  refusing((v) =>
    DAY.test(v)
      ? !isRealDate(v)
        ? 'must be a real date as YYYY-MM-DD'
        : yearInRange(v)
          ? undefined
          : YEARS
      : instantProblem(v),
  ),
);

/** Instants in responses: Date over tRPC (superjson), ISO 8601 string over REST. */
export const dateTime = z.date().meta({ override: { type: 'string', format: 'date-time' } });

export const email = z.email({ message: 'must be a valid email address' }).max(254);

/** Names and short texts: trimmed, not blank. */
export const text = (max: number) => inputString().trim().min(1, 'must not be blank').max(max);
export const optionalText = (max: number) => inputString().trim().max(max).nullable().optional();

export const phone = inputString()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number (digits, spaces, + ( ) -)');
