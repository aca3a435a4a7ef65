import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { instant } from '../src/records/instant.js';
import { serializeOutput } from '../src/trpc/transformer.js';

const shared = { x: 1 };
const sharedDate = new Date('2026-01-02T03:04:05.006Z');
const withNullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { a: new Date(5) });

const cases: Record<string, unknown> = {
  'a patient': {
    id: '018f0000-0000-7000-8000-000000000001',
    name: 'José',
    surname: null,
    vaccination: { vaccineType: null, doseCount: 0, syncedAt: new Date('2026-11-27T05:00:00Z') },
    archivedAt: null,
    version: 3,
    createdAt: new Date('2026-11-01T00:00:00Z'),
  },
  'a calendar': {
    from: new Date(0),
    to: new Date(86_400_000),
    timeZone: 'Asia/Jakarta',
    items: Array.from({ length: 5 }, (_, i) => ({
      id: String(i),
      startsAt: new Date(i * 1000),
      notes: i % 2 ? 'x' : null,
    })),
  },
  'dates read from the database (Instants)': {
    startsAt: instant('2026-12-21 08:00:00+00'),
    items: [{ at: instant('2026-12-21 08:00:00.123456+00') }],
  },
  'undefined in objects and arrays': { a: undefined, b: [1, undefined, { c: undefined }] },
  'keys with dots and backslashes': { 'a.b': new Date(1), 'c\\d': { 'e.f\\': new Date(2) } },
  'empty containers': { a: {}, b: [], c: '' },
  'an array at the root': [new Date(3), { d: new Date(4) }],
  'a null-prototype object': { o: withNullPrototype },
  'an object without special values': { a: 1, b: 'two', c: [true, false, null] },
  // Handed to superjson itself:
  'a shared object': { a: shared, b: shared },
  'a shared Date': { a: sharedDate, b: sharedDate },
  'a Map': { m: new Map([['k', 1]]) },
  'NaN, Infinity and -0': { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: -0 },
  'a BigInt': { n: 10n },
  'a Date at the root': new Date(7),
  'null at the root': null,
  'a string at the root': 'text',
};

describe('tRPC output transformer', () => {
  for (const [name, value] of Object.entries(cases)) {
    it(`writes what superjson writes, and superjson reads it back: ${name}`, () => {
      const ours = JSON.parse(JSON.stringify(serializeOutput(value)));
      expect(ours).toEqual(JSON.parse(JSON.stringify(superjson.serialize(value))));
      expect(superjson.deserialize(ours)).toEqual(value);
    });
  }

  it('writes an invalid Date as superjson does (which cannot read it back either)', () => {
    const value = { d: new Date('nope') };
    expect(JSON.parse(JSON.stringify(serializeOutput(value)))).toEqual(
      JSON.parse(JSON.stringify(superjson.serialize(value))),
    );
  });
});
