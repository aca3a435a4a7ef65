import { Instant } from '@meditrack/domain';
import superjson, { type SuperJSONResult } from 'superjson';

/**
 * superjson's encoding of an answer, written without copying it when the answer is a plain tree of
 * JSON values and distinct Dates (every answer of our procedures): `json` is the answer itself,
 * Dates and all, for JSON.stringify to write (each Date's toJSON writes the text superjson writes),
 * and `meta.values` names each Date's path, in superjson's order and escaping. Anything else
 * (undefined, NaN, Infinity, -0, BigInt, Map, Set, class instances, Date subclasses but ours,
 * arrays with holes, a toJSON of its own, a value met twice, a key superjson refuses) goes to
 * superjson itself. The bytes on the wire are superjson's (test/wire.test.ts), so any superjson
 * client decodes them; superjson's walk copies every value and tracks every object's paths, which
 * cost a fifth of the API's CPU on a department's day (docs/benchmarks.md). Assumes nothing is
 * registered with superjson (classes, custom transformers): a registration needs its values
 * handed to superjson here.
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  if (value instanceof Date) return isPlainDate(value) ? withDates(value, ['Date']) : superjson.serialize(value);
  // The answer as it is: JSON.stringify writes its Dates (not yet JSON, though typed so for tRPC).
  if (!isContainer(value))
    return isPlainLeaf(value) ? { json: value as SuperJSONResult['json'] } : superjson.serialize(value);
  const annotations = datesOf(value, new Set());
  if (annotations === FALLBACK) return superjson.serialize(value);
  if (annotations === undefined) return { json: value as SuperJSONResult['json'] };
  return withDates(value, materialize(annotations, '', {}));
}

/** A value outside the fast path: superjson encodes the whole answer. */
const FALLBACK = Symbol('fallback');

type Values = NonNullable<NonNullable<SuperJSONResult['meta']>['values']>;

const withDates = (value: unknown, values: Values): SuperJSONResult => ({
  // JSON.stringify writes the Dates of `json` (their toJSON): the text superjson would have put there.
  json: value as SuperJSONResult['json'],
  meta: { values, v: 1 } as SuperJSONResult['meta'],
});

/** A container's annotations as superjson orders them: Dates at array-index keys first, then the rest. */
interface Pending {
  indices: string[];
  rest: (string | Pending)[];
}

const isContainer = (value: unknown): value is object =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray(value)
    ? Object.getPrototypeOf(value) === Array.prototype
    : Object.getPrototypeOf(value) === Object.prototype);

/** Written alike by JSON.stringify and superjson's copy: no toJSON (own or inherited), no holes or extra keys in an array. */
const writesAlike = (container: object, keys: readonly string[]) =>
  !('toJSON' in container) && (!Array.isArray(container) || keys.length === container.length);

const isPlainLeaf = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));

/**
 * A Date whose toJSON writes what superjson writes: a valid time, and Date's own toJSON or our
 * Instant's (its stored text, the time truncated to milliseconds as the Date's own is).
 */
const isPlainDate = (value: Date) =>
  !Number.isNaN(value.getTime()) &&
  (Object.getPrototypeOf(value) === Date.prototype || Object.getPrototypeOf(value) === Instant.prototype) &&
  !Object.hasOwn(value, 'toJSON');

/** superjson's escaping of a key in a path. */
const escapeKey = (key: string) =>
  key.indexOf('\\') === -1 && key.indexOf('.') === -1 ? key : key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

/** An array index as superjson (and JavaScript's property order) tells one. */
function isArrayIndex(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 10) return false;
  for (let i = 0; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  if (key.charCodeAt(0) === 48) return length === 1;
  return length < 10 || +key < 4294967295;
}

function datesOf(container: object, seen: Set<object>): Pending | undefined | typeof FALLBACK {
  if (seen.has(container)) return FALLBACK;
  seen.add(container);
  let pending: Pending | undefined;
  const record = container as Record<string, unknown>;
  const keys = Object.keys(container);
  if (!writesAlike(container, keys)) return FALLBACK;
  for (const key of keys) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return FALLBACK;
    const child = record[key];
    if (child instanceof Date) {
      if (seen.has(child) || !isPlainDate(child)) return FALLBACK;
      seen.add(child);
      const escaped = escapeKey(key);
      pending ??= { indices: [], rest: [] };
      if (isArrayIndex(escaped)) pending.indices.push(escaped);
      else pending.rest.push(escaped, DATE);
    } else if (isContainer(child)) {
      const inner = datesOf(child, seen);
      if (inner === FALLBACK) return FALLBACK;
      if (inner) {
        pending ??= { indices: [], rest: [] };
        pending.rest.push(`${escapeKey(key)}.`, inner);
      }
    } else if (!isPlainLeaf(child)) {
      return FALLBACK;
    }
  }
  return pending;
}

/** Marks a Date leaf in `Pending.rest`. */
const DATE = '';

function materialize(pending: Pending, prefix: string, out: Record<string, ['Date']>): Record<string, ['Date']> {
  for (const index of pending.indices) out[prefix + index] = ['Date'];
  for (let i = 0; i < pending.rest.length; i += 2) {
    const key = pending.rest[i] as string;
    const value = pending.rest[i + 1];
    if (value === DATE) out[prefix + key] = ['Date'];
    else materialize(value as Pending, prefix + key, out);
  }
  return out;
}
