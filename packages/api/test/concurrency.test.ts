import { Appointment } from '@meditrack/domain';
import { testEntityManager } from '@meditrack/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi({ HOSPITAL_TIMEZONE: 'Asia/Jakarta' });
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const statuses = (results: { status: number }[]) =>
  results.reduce<Record<number, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});

const rows = (where: object) =>
  testEntityManager(api.db.orm).count(Appointment, { ...where, status: { $in: ['scheduled', 'checked_in'] } });

describe('race-free booking over HTTP (50 simultaneous requests)', () => {
  it('same doctor, same slot, 50 patients: exactly one 201, 49 x 409, one row', async () => {
    const doctor = await fx.doctor();
    const patients = await Promise.all(Array.from({ length: 50 }, () => fx.patient()));
    const results = await Promise.all(
      patients.map((p) =>
        rest<Json>(api, 'POST', '/api/appointments', {
          token: api.tokens.receptionist,
          body: { doctorId: doctor.id, patientId: p.id, startsAt: '2031-04-07 10:00:00' },
        }),
      ),
    );
    expect(statuses(results)).toEqual({ 201: 1, 409: 49 });
    const winner = results.find((r) => r.status === 201)?.body.id;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error).toMatchObject({
        code: 'APPOINTMENT_CONFLICT',
        details: { conflictingAppointmentId: winner },
      });
    }
    expect(await rows({ doctor: doctor.id })).toBe(1);
  });

  it('same patient, two doctors, same time: exactly one 201, 49 x 409, one row', async () => {
    const doctors = await Promise.all([fx.doctor(), fx.doctor()]);
    const patient = await fx.patient();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rest<Json>(api, 'POST', '/api/appointments', {
          token: api.tokens.receptionist,
          body: { doctorId: doctors[i % 2]?.id, patientId: patient.id, startsAt: '2031-04-08 10:00:00' },
        }),
      ),
    );
    expect(statuses(results)).toEqual({ 201: 1, 409: 49 });
    expect(await rows({ patient: patient.id })).toBe(1);
  });

  it('two overlapping reschedules: one wins, the other keeps its old time', async () => {
    const doctor = await fx.doctor();
    const [p1, p2] = await Promise.all([fx.patient(), fx.patient()]);
    const book = (patientId: string, startsAt: string) =>
      rest<Json>(api, 'POST', '/api/appointments', {
        token: api.tokens.receptionist,
        body: { doctorId: doctor.id, patientId, startsAt },
      });
    const a = (await book(p1.id, '2031-04-09 09:00:00')).body;
    const b = (await book(p2.id, '2031-04-09 11:00:00')).body;
    const move = (id: string, startsAt: string) =>
      rest<Json>(api, 'POST', `/api/appointments/${id}/reschedule`, {
        token: api.tokens.receptionist,
        body: { startsAt },
      });
    const results = await Promise.all([move(a.id, '2031-04-09 14:00:00'), move(b.id, '2031-04-09 14:15:00')]);
    expect(statuses(results)).toEqual({ 200: 1, 409: 1 });
    const loser = results[0]?.status === 409 ? a : b;
    const stored = await rest<Json>(api, 'GET', `/api/appointments/${loser.id}`, { token: api.tokens.receptionist });
    expect(stored.body.startsAt).toBe(loser.startsAt);
    expect(await rows({ doctor: doctor.id })).toBe(2);
  });

  it('20 simultaneous moves of one appointment (cancels, no-shows, check-ins): one wins, one audit event', async () => {
    const appointment = await fx.appointment();
    await fx.arrive(appointment.id);
    const moves = ['cancel', 'no-show', 'check-in', 'cancel'] as const;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        rest<Json>(api, 'POST', `/api/appointments/${appointment.id}/${moves[k % moves.length]}`, {
          token: api.tokens.admin,
          body: moves[k % moves.length] === 'cancel' ? { reason: `Attempt ${k}` } : {},
        }),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    // The losers read the winner's row (422: no longer movable) or raced it (409).
    for (const r of results.filter((r) => r.status !== 200)) expect([409, 422]).toContain(r.status);
    const stored = await rest<Json>(api, 'GET', `/api/appointments/${appointment.id}`, { token: api.tokens.admin });
    expect(stored.body).toMatchObject({ status: won[0]?.body.status, version: appointment.version + 1 });
    const events = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${appointment.id}`, {
      token: api.tokens.admin,
    });
    const moved = events.body.items.filter((e: Json) =>
      ['appointment.cancel', 'appointment.noShow', 'appointment.checkIn'].includes(e.action),
    );
    expect(moved.map((e: Json) => e.changes.status)).toEqual([won[0]?.body.status]);
  });
});
