import { instant } from '@meditrack/domain';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from '../src/trpc/wire.js';

/** The bytes a tRPC answer puts on the wire: ours must be superjson's, value for value. */
const wire = (value: unknown) => JSON.stringify(serializeAnswer(value));
const superjsonWire = (value: unknown) => JSON.stringify(superjson.serialize(value));

/** A small seeded generator (mulberry32), so a failure names a reproducible seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['id', 'startsAt', 'a.b', 'back\\slash', '', '0', '1', '10', '01', '4294967294', '4294967295', 'x.', '.y'];

/** Trees of what answers hold (objects, arrays, strings, numbers, booleans, null, Dates, Instants), and at `oddRate` what they do not. */
function tree(next: () => number, depth: number, oddRate: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const r = next();
  if (r < oddRate) {
    return pick([
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      new Map([[1, 2]]),
      new Set([1]),
      /x/,
      new Date(Number.NaN),
    ]);
  }
  if (depth <= 0 || r < 0.35) {
    return pick([
      null,
      true,
      false,
      0,
      -0,
      3.25,
      'text',
      'a "quoted" \\ line\n',
      new Date(Math.floor(next() * 4e12)),
      instant('2026-12-21 08:00:00.123456+00'),
      new Date('+010000-01-01T00:00:00.000Z'),
      new Date('0999-12-31T23:59:59.999Z'),
    ]);
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 5) }, () => tree(next, depth - 1, oddRate));
  const object: Record<string, unknown> = {};
  for (let k = Math.floor(next() * 5); k > 0; k--) object[pick(KEYS)] = tree(next, depth - 1, oddRate);
  return object;
}

describe('the tRPC answer encoding (trpc/wire.ts)', () => {
  it('writes superjson’s bytes for answers of plain values and Dates', () => {
    let written = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const value = tree(random(seed), 5, 0);
      expect(wire(value), `seed ${seed}`).toBe(superjsonWire(value));
      // Written by the fast path (the answer itself as `json`), not handed to superjson.
      if (typeof value === 'object' && value !== null && serializeAnswer(value).json === value) written++;
    }
    expect(written).toBeGreaterThan(1000);
  });

  it('writes superjson’s bytes whatever else an answer holds (undefined, NaN, BigInt, Map, invalid dates)', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const value = tree(random(seed), 5, 0.08);
      expect(wire(value), `seed ${seed}`).toBe(superjsonWire(value));
    }
  });

  it('decodes with superjson to the answer it encoded', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const value = tree(random(seed), 5, 0);
      expect(superjson.parse(wire(value)), `seed ${seed}`).toEqual(value);
    }
  });

  it('leaves to superjson what it writes differently: a value met twice, class instances, refused keys', () => {
    const shared = new Date(0);
    const object = { a: 1 };
    class Point {
      x = 1;
    }
    const nullPrototype = Object.assign(Object.create(null), { at: new Date(0) });
    const hiddenToJson = Object.defineProperty({ a: 1, at: new Date(0) }, 'toJSON', { value: () => 'x' });
    class Stamp extends Date {
      override toJSON() {
        return 'stamp';
      }
    }
    const dateWithOwnToJson = Object.defineProperty(new Date(0), 'toJSON', { value: () => 'own' });
    const withExtraKey = Object.assign([new Date(0)], { extra: new Date(1) });
    const cases: unknown[] = [
      { a: shared, b: shared },
      { a: object, b: [object] },
      { point: new Point() },
      { nested: nullPrototype },
      [[new Date(1)], new Date(2), { at: new Date(3) }, new Date(4)],
      // biome-ignore lint/suspicious/noSparseArray: holes are what this case is about
      [new Date(1), , ,],
      new Array(2),
      { list: new Array(3), at: new Date(1) },
      hiddenToJson,
      { stamp: new Stamp(0) },
      new Stamp(0),
      { at: dateWithOwnToJson },
      withExtraKey,
      { list: [{ at: new Date(1) }, new Date(2)], at: new Date(3) },
      new Date(5),
      'plain',
      undefined,
    ];
    for (const value of cases) expect(wire(value)).toBe(superjsonWire(value));
    expect(() => serializeAnswer(JSON.parse('{"__proto__": {"a": 1}}'))).toThrow(/prototype pollution/);
  });

  it('writes a department’s day of 400 appointments as superjson does', () => {
    const appointment = (k: number) => ({
      id: `0190d6a2-0000-7000-8000-${String(k).padStart(12, '0')}`,
      startsAt: instant(`2026-12-28 ${String(8 + (k % 10)).padStart(2, '0')}:00:00+00`),
      endsAt: instant(`2026-12-28 ${String(8 + (k % 10)).padStart(2, '0')}:30:00+00`),
      checkedInAt: k % 3 ? null : instant('2026-12-28 07:59:00.5+00'),
      createdAt: instant('2026-12-06 02:39:03.763123+00'),
      updatedAt: instant('2026-12-06 02:39:03.763123+00'),
      status: 'scheduled',
    });
    const day = {
      date: '2026-12-28',
      doctors: Array.from({ length: 20 }, (_, d) => ({
        doctorId: String(d),
        appointments: Array.from({ length: 20 }, (_, k) => appointment(d * 20 + k)),
      })),
    };
    expect(wire(day)).toBe(superjsonWire(day));
  });
});
