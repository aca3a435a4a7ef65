import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { Instant, instant, optionalInstant } from '../src/reads/instant.js';

/** PostgreSQL's timestamptz text in a UTC session, with `digits` fractional digits (0: none). */
function postgresText(ms: number, micros: number, digits: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}${String(micros).padStart(3, '0')}`.slice(
    0,
    digits,
  );
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${digits ? `.${fraction}` : ''}+00`;
}

describe('instants read from PostgreSQL text', () => {
  const texts = [
    '2026-12-21 08:00:00+00',
    '2026-12-21 08:00:00.5+00',
    '2026-12-21 08:00:00.12+00',
    '2026-12-21 08:00:00.123456+00',
    '2026-12-21 08:00:00.999999+00',
    '1970-01-01 00:00:00+00',
    '1900-02-28 23:59:59.000001+00',
    '2024-02-29 12:00:00+00',
    '9999-12-31 23:59:59.999+00',
  ];

  it.each(texts)('%s: the same instant and ISO text as new Date(text)', (text) => {
    const read = instant(text);
    expect(read).toBeInstanceOf(Instant);
    expect(read.getTime()).toBe(new Date(text).getTime());
    expect(read.toISOString()).toBe(new Date(text).toISOString());
    expect(JSON.stringify({ read })).toBe(JSON.stringify({ read: new Date(text) }));
  });

  it('agrees with new Date(text) on 10,000 random timestamps (1900-2200, 0-6 fractional digits)', () => {
    for (let i = 0; i < 10_000; i++) {
      const ms = Math.floor(-2_208_988_800_000 + Math.random() * 9_467_280_000_000);
      const text = postgresText(ms, Math.floor(Math.random() * 1000), i % 7);
      expect([text, instant(text).toISOString()]).toEqual([text, new Date(text).toISOString()]);
    }
  });

  it.each([
    '2026-12-21 15:00:00+07',
    '2026-12-21 08:00:00+05:30',
    '10000-01-01 00:00:00+00',
    '0044-03-15 12:00:00+00 BC',
  ])('%s (another zone or era): a plain Date, parsed as before', (text) => {
    const read = instant(text);
    expect(read).not.toBeInstanceOf(Instant);
    expect(read.getTime()).toEqual(new Date(text).getTime());
  });

  it('formats itself afresh once moved', () => {
    const read = instant('2026-12-21 08:00:00+00');
    read.setUTCHours(9);
    expect(read.toISOString()).toBe('2026-12-21T09:00:00.000Z');
    expect(JSON.stringify(read)).toBe('"2026-12-21T09:00:00.000Z"');
  });

  it('is a Date to superjson (the tRPC transport)', () => {
    const value = { at: instant('2026-12-21 08:00:00.25+00'), none: optionalInstant(null) };
    const expected = { at: new Date('2026-12-21T08:00:00.250Z'), none: null };
    expect(superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value))))).toEqual(expected);
  });
});
