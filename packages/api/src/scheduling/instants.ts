import { DomainError, parseDateTimeInput } from '@meditrack/domain';
import type { Context } from '../trpc/context.js';

/** An instant from client input, in the hospital's time zone when it has no offset; 400 on the field otherwise. */
export function instantOf(ctx: Context, value: string, field: string): Date {
  const instant = parseDateTimeInput(value, ctx.services.config.env.HOSPITAL_TIMEZONE);
  if (!instant)
    throw new DomainError('VALIDATION_FAILED', { message: `${field} is not a valid date and time.`, field });
  return instant;
}
