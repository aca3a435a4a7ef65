import { isValidNationalId, normalizeNationalId } from '@meditrack/contract';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseEnvSchema, parseEnv, seedEnvSchema } from '../src/config.js';
import { uuidv7 } from '../src/ids.js';
import { foldSearchText, personSearchName } from '../src/search-text.js';
import { addDays, isoWeekday, localDateOf, zonedDateTimeToInstant, zoneOffsetMinutes } from '../src/time/zone.js';

describe('national ID', () => {
  it('accepts exactly 16 digits', () => {
    expect(isValidNationalId('3171012345678901')).toBe(true);
    for (const bad of ['317101234567890', '31710123456789012', '317101234567890a', ' 3171012345678901']) {
      expect(isValidNationalId(bad)).toBe(false);
    }
  });
  it('normalises typed separators but never pads or truncates', () => {
    expect(normalizeNationalId('3171 0123-4567.8901')).toBe('3171012345678901');
    expect(normalizeNationalId('3171 0123 4567 890')).toBeNull();
  });
});

describe('search text', () => {
  it('folds case and accents so either spelling finds the other', () => {
    expect(foldSearchText('  José   HERNÁNDEZ ')).toBe('jose hernandez');
    expect(personSearchName('Chloé', 'Müller')).toBe('chloe muller');
    expect(personSearchName('Zoë', null)).toBe('zoe');
  });
});

describe('uuidv7', () => {
  it('is a version-7 RFC 9562 UUID, ordered by creation time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});

describe('time zones', () => {
  it('converts wall-clock time in a zone to the instant', () => {
    expect(zonedDateTimeToInstant('2024-10-01', '09:30:00', 'Asia/Jakarta').toISOString()).toBe(
      '2024-10-01T02:30:00.000Z',
    );
    expect(zonedDateTimeToInstant('2024-10-01', '09:30', 'UTC').toISOString()).toBe('2024-10-01T09:30:00.000Z');
  });
  it('is daylight-saving safe (Europe/Berlin, spring forward and fall back)', () => {
    expect(zoneOffsetMinutes(new Date('2024-03-30T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2024-04-01T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(zonedDateTimeToInstant('2024-03-31', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2024-03-31T07:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2024-10-27', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2024-10-27T08:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2024-03-30', '09:00', 'Europe/Berlin').toISOString()).toBe(
      '2024-03-30T08:00:00.000Z',
    );
  });
  it('gives the offset of each side of a transition, also on repeated asks (the offsets kept per minute)', () => {
    // Berlin springs forward at 01:00 UTC on 2024-03-31: the minute before has +60, the minute of it +120.
    for (let ask = 0; ask < 2; ask++) {
      expect(zoneOffsetMinutes(new Date('2024-03-31T00:59:59.999Z'), 'Europe/Berlin')).toBe(60);
      expect(zoneOffsetMinutes(new Date('2024-03-31T01:00:00.000Z'), 'Europe/Berlin')).toBe(120);
      expect(localDateOf(new Date('2024-10-26T21:59:59.999Z'), 'Europe/Berlin')).toBe('2024-10-26');
      expect(localDateOf(new Date('2024-10-26T22:00:00.000Z'), 'Europe/Berlin')).toBe('2024-10-27');
      expect(localDateOf(new Date('2024-10-01T16:59:59Z'), 'Asia/Jakarta')).toBe('2024-10-01');
      expect(localDateOf(new Date('2024-10-01T17:00:00Z'), 'Asia/Jakarta')).toBe('2024-10-02');
    }
  });
  it('does calendar arithmetic', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isoWeekday('2024-10-06')).toBe(7);
    expect(isoWeekday('2024-10-07')).toBe(1);
    expect(localDateOf(new Date('2024-10-01T20:00:00Z'), 'Asia/Jakarta')).toBe('2024-10-02');
  });
});

describe('configuration', () => {
  it('applies defaults', () => {
    const env = parseEnv(databaseEnvSchema, {});
    expect(env).toMatchObject({ DB_POOL_MAX: 10, HOSPITAL_TIMEZONE: 'UTC', DB_DEBUG: false });
    expect(parseEnv(seedEnvSchema, {})).toMatchObject({ ADMIN_EMAIL: 'admin@meditrack.local', DEMO_SEED: true });
  });
  it('lists every bad variable in one message, without echoing values', () => {
    const run = () =>
      parseEnv(databaseEnvSchema.extend(seedEnvSchema.shape), {
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        HOSPITAL_TIMEZONE: 'Mars/Olympus',
        ADMIN_PASSWORD: 'short',
        DEMO_SEED: 'maybe',
      });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['DATABASE_URL', 'HOSPITAL_TIMEZONE', 'ADMIN_PASSWORD', 'DEMO_SEED'])
        expect(message).toContain(name);
      expect(message).not.toContain('hunter2');
    }
  });
});
