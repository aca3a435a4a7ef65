/**
 * A Date that keeps the ISO text of the timestamp it was read from. Every answer turns its dates
 * into ISO text (JSON for REST, superjson for tRPC), and V8's toISOString costs ~0.8 µs
 * a date: 0.6 ms of each doctor's-week answer (140 appointments, ~800 dates), more than its query
 * (docs/benchmarks.md). A Date in every other respect (zod, superjson, comparisons); if something
 * moves it (setTime and friends), it formats itself afresh.
 */
export class Instant extends Date {
  readonly #iso: string;
  readonly #time: number;

  constructor(text: string, iso: string) {
    super(text);
    this.#iso = iso;
    this.#time = this.getTime();
  }

  override toISOString(): string {
    return this.getTime() === this.#time ? this.#iso : super.toISOString();
  }

  override toJSON(): string {
    return this.toISOString();
  }
}

/**
 * `2026-12-21 08:00:00+00` or `2026-12-21 08:00:00.123456+00` (PostgreSQL's timestamptz text in UTC,
 * the session's zone) as `2026-12-21T08:00:00.000Z` / `...00.123Z` (toISOString truncates to
 * milliseconds too); undefined for any other form (another zone, years past 9999, BC).
 */
function isoOfUtcText(text: string): string | undefined {
  if (text.length < 22 || text.length > 29 || text.charCodeAt(10) !== 32 || !text.endsWith('+00')) return undefined;
  const day = text.slice(0, 10);
  const time = text.slice(11, 19);
  if (text.length === 22) return `${day}T${time}.000Z`;
  if (text.charCodeAt(19) !== 46) return undefined;
  return `${day}T${time}.${text.slice(20, -3).padEnd(3, '0').slice(0, 3)}Z`;
}

/** A timestamptz column's text (MikroORM keeps them raw) as a Date. */
export function instant(text: string): Date {
  const iso = isoOfUtcText(text);
  return iso === undefined ? new Date(text) : new Instant(text, iso);
}

export const optionalInstant = (text: string | null) => (text === null ? null : instant(text));

/** A record as read from SQL: the instants `K` still PostgreSQL's text (nullable where the record's are). */
export type WithTextInstants<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: null extends T[P] ? string | null : string;
};
