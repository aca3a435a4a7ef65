import { DomainError } from '../errors/domain-error.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';

/** The earliest date of birth taken: anything before is a typing mistake. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** A record date (a birth, a medical history entry) must not lie after today, in the hospital's time zone. */
export function refuseFutureDate(work: Work, date: string, field: string): void {
  if (date > localDateOf(work.now(), work.timeZone)) {
    throw new DomainError('VALIDATION_FAILED', { message: `${field} cannot be in the future.`, field });
  }
}

/** A date of birth (patient or staff): not in the future, not before EARLIEST_BIRTH_DATE. */
export function refuseImplausibleBirthDate(work: Work, date: string, field: string): void {
  refuseFutureDate(work, date, field);
  if (date < EARLIEST_BIRTH_DATE) {
    throw new DomainError('VALIDATION_FAILED', { message: `${field} cannot be before ${EARLIEST_BIRTH_DATE}.`, field });
  }
}
