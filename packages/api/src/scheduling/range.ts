import { MAX_RANGE_DAYS } from '@meditrack/contract';
import { addDays, DomainError, zonedDateTimeToInstant } from '@meditrack/domain';
import type { Context } from '../trpc/context.js';
import type { Interval } from './calendar.js';
import { instantOf } from './instants.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from`/`to` of availability and calendars: a day means the whole day in the hospital's time zone
 * (`to=2024-10-07` includes the 7th), an instant means itself. At most MAX_RANGE_DAYS long.
 */
export function rangeOf(ctx: Context, from: string, to: string): Interval {
  const timeZone = ctx.services.config.env.HOSPITAL_TIMEZONE;
  const start = DAY.test(from) ? zonedDateTimeToInstant(from, '00:00', timeZone) : instantOf(ctx, from, 'from');
  const end = DAY.test(to) ? zonedDateTimeToInstant(addDays(to, 1), '00:00', timeZone) : instantOf(ctx, to, 'to');
  if (end <= start) throw new DomainError('VALIDATION_FAILED', { message: '`to` must be after `from`.', field: 'to' });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `The range can be at most ${MAX_RANGE_DAYS} days.`,
      field: 'to',
    });
  }
  return { start, end };
}
