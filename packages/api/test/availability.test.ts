import { addDays, seededRandom, zonedDateTimeToInstant } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

// A zone with daylight saving, so the schedules below cross real clock changes.
const ZONE = 'Europe/Berlin';
let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi({ HOSPITAL_TIMEZONE: ZONE });
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const as = (role: keyof TestApi['tokens']) => ({ token: api.tokens[role] });

async function bareDoctor(minutes = 30) {
  const doctor = await rest<Json>(api, 'POST', '/api/doctors', {
    ...as('admin'),
    body: {
      name: 'Prop',
      email: `prop-${Math.random()}@test.local`,
      password: 'correct-horse-battery',
      specialization: 'Property testing',
      licenseNumber: `P-${Math.random()}`,
      defaultAppointmentMinutes: minutes,
    },
  });
  return doctor.body.id as string;
}

const addHours = (doctorId: string, body: Json) =>
  rest<Json>(api, 'POST', `/api/doctors/${doctorId}/schedule/weekly-hours`, { ...as('admin'), body });

describe('daylight saving (Europe/Berlin)', () => {
  it('keeps 09:00 at 09:00 local across the spring and autumn clock changes', async () => {
    const doctor = await bareDoctor();
    for (const weekday of [6, 7, 1])
      await addHours(doctor, { weekday, startTime: '09:00', endTime: '10:00', validFrom: '2031-01-01' });
    // 2031-03-30 and 2031-10-26 are the changes: Sat 29 March is UTC+1, Sun 30 and Mon 31 are UTC+2.
    const spring = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor}/availability?from=2031-03-29&to=2031-03-31`,
      as('receptionist'),
    );
    expect(spring.body.slots.map((s: Json) => s.startsAt)).toEqual([
      '2031-03-29T08:00:00.000Z',
      '2031-03-29T08:30:00.000Z',
      '2031-03-30T07:00:00.000Z',
      '2031-03-30T07:30:00.000Z',
      '2031-03-31T07:00:00.000Z',
      '2031-03-31T07:30:00.000Z',
    ]);
    const autumn = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor}/availability?from=2031-10-25&to=2031-10-27`,
      as('receptionist'),
    );
    expect(autumn.body.slots.map((s: Json) => s.startsAt)).toEqual([
      '2031-10-25T07:00:00.000Z',
      '2031-10-25T07:30:00.000Z',
      '2031-10-26T08:00:00.000Z',
      '2031-10-26T08:30:00.000Z',
      '2031-10-27T08:00:00.000Z',
      '2031-10-27T08:30:00.000Z',
    ]);
    const patient = await fx.patient();
    const booked = await rest<Json>(api, 'POST', '/api/appointments', {
      ...as('receptionist'),
      body: { doctorId: doctor, patientId: patient.id, startsAt: '2031-03-31 09:00:00' },
    });
    expect(booked.body.startsAt).toBe('2031-03-31T07:00:00.000Z');
  });
});

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('availability property', () => {
  const seed = Number(process.env.TEST_SEED ?? Date.now() % 100_000);
  it(`every returned slot can be booked and no bookable slot is missing (seed ${seed}; TEST_SEED=${seed} replays)`, async () => {
    const rnd = seededRandom(seed);
    for (let round = 0; round < 2; round++) {
      const doctor = await bareDoctor(30);
      // Random weekly hours on 30-minute boundaries between 06:00 and 22:00, some with an end date.
      for (let weekday = 1; weekday <= 7; weekday++) {
        if (rnd.next() < 0.3) continue;
        const start = rnd.int(12, 36) * 30;
        const end = Math.min(start + rnd.int(2, 12) * 30, 22 * 60);
        await addHours(doctor, {
          weekday,
          startTime: hhmm(start),
          endTime: hhmm(end),
          validFrom: '2031-03-01',
          ...(rnd.next() < 0.3 ? { validTo: '2031-03-31' } : {}),
        });
      }
      const from = '2031-03-28'; // spans the spring clock change
      const to = '2031-04-02';
      // Random time off and bookings inside the range.
      const day = (n: number) => addDays(from, n);
      if (rnd.next() < 0.8) {
        const d = day(rnd.int(0, 5));
        const start = rnd.int(12, 40) * 30;
        await rest(api, 'POST', `/api/doctors/${doctor}/schedule/time-off`, {
          ...as('admin'),
          body: { startsAt: `${d} ${hhmm(start)}:00`, endsAt: `${d} ${hhmm(start + rnd.int(1, 8) * 30)}:00` },
        });
      }
      const patient = await fx.patient();
      for (let i = 0; i < 6; i++) {
        const d = day(rnd.int(0, 5));
        await rest(api, 'POST', '/api/appointments', {
          ...as('receptionist'),
          body: {
            doctorId: doctor,
            patientId: patient.id,
            startsAt: `${d} ${hhmm(rnd.int(12, 43) * 30)}:00`,
            durationMinutes: rnd.int(1, 3) * 15,
          },
        });
      }

      const res = await rest<Json>(
        api,
        'GET',
        `/api/doctors/${doctor}/availability?from=${from}&to=${to}`,
        as('receptionist'),
      );
      expect(res.status).toBe(200);
      const returned = new Set<string>(res.body.slots.map((s: Json) => s.startsAt));

      // The oracle: every 30-minute boundary of every local day in the range.
      const candidates: string[] = [];
      for (let n = 0; n <= 5; n++) {
        for (let m = 6 * 60; m < 22 * 60; m += 30)
          candidates.push(zonedDateTimeToInstant(day(n), hhmm(m), ZONE).toISOString());
      }
      const other = await fx.patient();
      const attempt = (startsAt: string) =>
        rest<Json>(api, 'POST', '/api/appointments', {
          ...as('receptionist'),
          body: { doctorId: doctor, patientId: other.id, startsAt, durationMinutes: 30 },
        });
      // Nothing left out: a candidate the answer skipped must be refused (and so changes nothing).
      for (const startsAt of candidates.filter((c) => !returned.has(c))) {
        const r = await attempt(startsAt);
        expect([409, 422], `seed ${seed}: ${startsAt} was not offered but booking answered ${r.status}`).toContain(
          r.status,
        );
      }
      // Nothing offered in vain: every slot returned is bookable (they are disjoint, so book them all).
      for (const startsAt of returned) {
        const r = await attempt(startsAt);
        expect(r.status, `seed ${seed}: offered ${startsAt} but booking answered ${JSON.stringify(r.body)}`).toBe(201);
      }
    }
  });
});
