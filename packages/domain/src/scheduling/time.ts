import { MAX_RANGE_DAYS } from '@meditrack/contract';
import { DomainError } from '../errors/domain-error.js';
import { addDays, parseDateTimeInput, zonedDateTimeToInstant } from '../time/zone.js';
import type { Work } from '../work/work.js';
import type { Interval } from './calendar.js';

/** An instant from client input, in the hospital's time zone when it has no offset; 400 on the field otherwise. */
export function instantOf(work: Work, value: string, field: string): Date {
  const instant = parseDateTimeInput(value, work.timeZone);
  if (!instant)
    throw new DomainError('VALIDATION_FAILED', { message: `${field} is not a date and time that exists.`, field });
  return instant;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from`/`to` of availability and calendars: a day means the whole day in the hospital's time zone
 * (`to=2024-10-07` includes the 7th), an instant means itself. At most MAX_RANGE_DAYS long.
 */
export function rangeOf(work: Work, from: string, to: string): Interval {
  const start = DAY.test(from) ? zonedDateTimeToInstant(from, '00:00', work.timeZone) : instantOf(work, from, 'from');
  const end = DAY.test(to) ? zonedDateTimeToInstant(addDays(to, 1), '00:00', work.timeZone) : instantOf(work, to, 'to');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new DomainError('VALIDATION_FAILED', { message: 'The range is not a range of real days.', field: 'from' });
  }
  if (end <= start) throw new DomainError('VALIDATION_FAILED', { message: '`to` must be after `from`.', field: 'to' });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `The range can be at most ${MAX_RANGE_DAYS} days.`,
      field: 'to',
    });
  }
  return { start, end };
}

/** [startsAt, endsAt) from client input: an end, a duration, or a default length. */
export function intervalOf(
  work: Work,
  input: { startsAt: string; endsAt?: string | undefined; durationMinutes?: number | undefined },
  defaultMinutes: number,
): Interval {
  const start = instantOf(work, input.startsAt, 'startsAt');
  const end = input.endsAt
    ? instantOf(work, input.endsAt, 'endsAt')
    : new Date(start.getTime() + (input.durationMinutes ?? defaultMinutes) * 60_000);
  return { start, end };
}
