import { z } from 'zod';
import { EARLIEST_YEAR, isRealDate, isRealTime, LATEST_YEAR, yearInRange } from '../dates.js';

/**
 * Body numbers keep their type: `"version": "3"` is refused on both transports. (trpc-to-openapi's
 * request handler set `coerce` on every number, boolean and date schema it found, for tRPC too, but
 * left pipes alone; it no longer serves requests, and the pipe keeps schemas safe should it again.)
 */
export const strict = <T extends z.ZodType>(schema: T) => schema.transform((value) => value);

export const id = z.uuid({ message: 'must be a UUID' });

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
export const dateTimeInput = z
  .union([
    z.iso.datetime({ offset: true, message: INSTANT_FORMATS }),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, INSTANT_FORMATS)
      .refine((v) => isRealDate(v.slice(0, 10)) && isRealTime(v.slice(11)), 'must be a date and time that exist'),
  ])
  .refine(yearInRange, YEARS);

/** A day of the schedule (`YYYY-MM-DD`), within the years the API schedules. */
export const scheduleDate = z.iso.date({ message: 'must be a real date as YYYY-MM-DD' }).refine(yearInRange, YEARS);

/** Instants in responses: Date over tRPC (superjson), ISO 8601 string over REST. */
export const dateTime = z.date().meta({ override: { type: 'string', format: 'date-time' } });

export const email = z.email({ message: 'must be a valid email address' }).max(254);

/**
 * Every string a client sends. PostgreSQL text cannot hold NUL, and the embedded database's wire
 * protocol ends a string at one, so it is refused here with the field named, before any SQL.
 */
export const inputString = () =>
  z.string().refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

/** Names and short texts: trimmed, not blank. */
export const text = (max: number) => inputString().trim().min(1, 'must not be blank').max(max);
export const optionalText = (max: number) => inputString().trim().max(max).nullable().optional();

export const phone = inputString()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number (digits, spaces, + ( ) -)');
