/**
 * Calendar checks shared by the contract's schemas and the domain: JavaScript's Date rolls
 * impossible values over (`2027-02-30` becomes 2 March), so they are refused before any arithmetic.
 */

/** Whether `YYYY-MM-DD` names a day that exists (no 30 February, no month 13). */
export function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whether `HH:MM` or `HH:MM:SS` is a time of day (no hour 24, no minute 75). */
export function isRealTime(time: string): boolean {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  return !!match && Number(match[1]) <= 23 && Number(match[2]) <= 59 && Number(match[3] ?? 0) <= 59;
}

/** Instants the API schedules and searches lie in these years; others are typing mistakes. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

export function yearInRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}
