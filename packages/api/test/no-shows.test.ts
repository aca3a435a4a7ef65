import { zonedDateTimeToInstant } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleNoShows } from '../src/jobs/no-shows.js';
import { type Fixtures, fixtures } from './fixtures.js';
import { rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

const ZONE = 'Asia/Jakarta';
let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi({ HOSPITAL_TIMEZONE: ZONE });
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const at = (date: string, time: string) => zonedDateTimeToInstant(date, time, ZONE);
const as = (role: keyof TestApi['tokens']) => ({ token: api.tokens[role] });
const statusOf = async (id: string) =>
  (await rest<Json>(api, 'GET', `/api/appointments/${id}`, as('receptionist'))).body.status as string;
const book = async (doctorId: string, date: string, time: string) => {
  const patient = await fx.patient();
  const res = await rest<Json>(api, 'POST', '/api/appointments', {
    ...as('receptionist'),
    body: { patientId: patient.id, doctorId, startsAt: `${date} ${time}`, durationMinutes: 20 },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

/** Runs the job every second (as the API runs it every minute) until `done` holds, at most 5 s. */
async function runJobUntil(done: () => Promise<boolean>, replicas = 1) {
  const logged: string[] = [];
  const log = { info: (_: object, m: string) => logged.push(m), error: (_: object, m: string) => logged.push(m) };
  const jobs = Array.from({ length: replicas }, () =>
    scheduleNoShows({
      orm: api.db.orm,
      settings: { timeZone: ZONE, now: () => api.clock.now() },
      pattern: '* * * * * *',
      graceMinutes: 30,
      log,
    }),
  );
  try {
    for (let i = 0; i < 50 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
    // One more tick: a second replica must find nothing left.
    await new Promise((r) => setTimeout(r, 1100));
  } finally {
    for (const job of jobs) job.stop();
  }
  return logged;
}

describe('the automatic no-show', () => {
  it('marks scheduled appointments not checked in 30 minutes after their start, once, audited as the job', async () => {
    const doctor = await fx.doctor();
    api.clock.set(at('2031-05-01', '07:00'));
    const overdue = await book(doctor.id, '2031-05-05', '09:00');
    const arrived = await book(doctor.id, '2031-05-05', '09:20');
    const later = await book(doctor.id, '2031-05-05', '09:40');
    api.clock.set(at('2031-05-05', '09:25'));
    expect(
      (await rest(api, 'POST', `/api/appointments/${arrived.id}/check-in`, { ...as('receptionist'), body: {} })).status,
    ).toBe(200);
    api.clock.set(at('2031-05-05', '09:31'));
    const logged = await runJobUntil(async () => (await statusOf(overdue.id)) === 'no_show', 2);
    expect(logged.filter((m) => m === 'appointments marked no-show').length).toBeGreaterThanOrEqual(1);
    expect(await statusOf(overdue.id)).toBe('no_show');
    expect(await statusOf(arrived.id)).toBe('checked_in');
    expect(await statusOf(later.id)).toBe('scheduled');
    const events = await rest<Json>(
      api,
      'GET',
      `/api/audit-events?entityId=${overdue.id}&action=appointment.noShow`,
      as('admin'),
    );
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      actorId: null,
      actorLabel: 'no-show job',
      changes: { status: 'no_show', automatic: true, graceMinutes: 30 },
    });
  });

  it('is undone by the front desk the same day, and the patient checks in; not the next day', async () => {
    const doctor = await fx.doctor();
    api.clock.set(at('2031-05-06', '07:00'));
    const late = await book(doctor.id, '2031-05-07', '10:00');
    const gone = await book(doctor.id, '2031-05-07', '11:00');
    api.clock.set(at('2031-05-07', '11:45'));
    await runJobUntil(async () => (await statusOf(gone.id)) === 'no_show');
    expect(await statusOf(late.id)).toBe('no_show');

    expect(
      (await rest(api, 'POST', `/api/appointments/${late.id}/undo-no-show`, { ...as('nurse'), body: {} })).status,
    ).toBe(403);
    const undone = await rest<Json>(api, 'POST', `/api/appointments/${late.id}/undo-no-show`, {
      ...as('receptionist'),
      body: {},
    });
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('scheduled');
    const checkIn = await rest<Json>(api, 'POST', `/api/appointments/${late.id}/check-in`, {
      ...as('receptionist'),
      body: {},
    });
    expect(checkIn.body.status).toBe('checked_in');
    // Undoing what is not a no-show says from where it is possible.
    const notNoShow = await rest<Json>(api, 'POST', `/api/appointments/${late.id}/undo-no-show`, {
      ...as('receptionist'),
      body: {},
    });
    expect(notNoShow.status).toBe(422);
    expect(notNoShow.body.error).toMatchObject({ code: 'INVALID_STATE', details: { allowedFrom: ['no_show'] } });

    api.clock.set(at('2031-05-08', '08:00'));
    const nextDay = await rest<Json>(api, 'POST', `/api/appointments/${gone.id}/undo-no-show`, {
      ...as('receptionist'),
      body: {},
    });
    expect(nextDay.status).toBe(422);
    expect(nextDay.body.error.details).toMatchObject({ reason: 'too-late' });
  });

  it('an undo whose time was booked again meanwhile answers the conflict', async () => {
    const doctor = await fx.doctor();
    api.clock.set(at('2031-05-09', '07:00'));
    const first = await book(doctor.id, '2031-05-10', '09:00');
    api.clock.set(at('2031-05-10', '09:40'));
    await runJobUntil(async () => (await statusOf(first.id)) === 'no_show');
    // The freed time, booked again a little later (bookings lie in the future: a later slot's overlap).
    api.clock.set(at('2031-05-10', '08:55'));
    const second = await book(doctor.id, '2031-05-10', '09:10');
    api.clock.set(at('2031-05-10', '09:41'));
    expect(second.status).toBe('scheduled');
    const undo = await rest<Json>(api, 'POST', `/api/appointments/${first.id}/undo-no-show`, {
      ...as('receptionist'),
      body: {},
    });
    expect(undo.status).toBe(409);
    expect(undo.body.error.code).toBe('APPOINTMENT_CONFLICT');
    expect(await statusOf(first.id)).toBe('no_show');
  });
});
