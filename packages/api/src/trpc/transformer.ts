import type { CombinedDataTransformer } from '@trpc/server';
import superjson from 'superjson';

type SuperJSONResult = ReturnType<typeof superjson.serialize>;
// superjson types its flat `path -> [type]` map as a tree; the flat form is what it writes and reads.
type MetaValues = NonNullable<SuperJSONResult['meta']>['values'];

/** Not one of the shapes `serializeOutput` writes itself: superjson takes the whole value. */
class NeedsSuperjson extends Error {}

/** superjson's path escaping; most keys have nothing to escape. */
const escapeKey = (key: string) =>
  key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;

/**
 * superjson's wire format, written directly for what our procedures return: plain objects, arrays,
 * Dates, strings, finite numbers, booleans, null and undefined. superjson walks every value through
 * its whole type registry and tracks object identity; for a doctor's week (140 appointments, 7 dates
 * each) that cost 4x JSON.stringify and was the tRPC transport's largest overhead over REST
 * (docs/benchmarks.md). Anything else (Map, Set, BigInt, NaN, class instances, an object reached
 * twice) is handed to superjson whole, so clients' superjson.deserialize reads every answer.
 */
export function serializeOutput(value: unknown): SuperJSONResult {
  if (value === null || typeof value !== 'object' || value instanceof Date) return superjson.serialize(value);
  const values: Record<string, [string]> = {};
  const seen = new Set<object>();
  // A value's path is joined only where it is needed (a Date, an undefined, an object to descend
  // into): building one for every key cost more than the rest of the walk.
  const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);
  const walk = (v: unknown, parent: string, key: string): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isFinite(v) || Object.is(v, -0)) throw new NeedsSuperjson();
        return v;
      case 'undefined':
        values[join(parent, key)] = ['undefined'];
        return null;
      case 'object': {
        if (v === null) return null;
        if (seen.has(v)) throw new NeedsSuperjson();
        seen.add(v);
        const path = join(parent, key);
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) throw new NeedsSuperjson();
          values[path] = ['Date'];
          return v.toISOString();
        }
        if (Array.isArray(v)) {
          const out: unknown[] = new Array(v.length);
          for (let i = 0; i < v.length; i++) out[i] = walk(v[i], path, String(i));
          return out;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw new NeedsSuperjson();
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k], path, escapeKey(k));
        return out;
      }
      default:
        throw new NeedsSuperjson();
    }
  };
  try {
    const json = walk(value, '', '') as SuperJSONResult['json'];
    return Object.keys(values).length === 0
      ? { json }
      : { json, meta: { values: values as unknown as MetaValues, v: 1 } };
  } catch (error) {
    if (error instanceof NeedsSuperjson) return superjson.serialize(value);
    throw error;
  }
}

/** Inputs are read by superjson itself; outputs are written by serializeOutput in the same format. */
export const transformer: CombinedDataTransformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: (data) => superjson.deserialize(data) },
};
