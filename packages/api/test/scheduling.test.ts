import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi, trpcClient } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  // Asia/Jakarta (UTC+7, no daylight saving): fixture doctors work 08:00-16:00 local = 01:00-09:00Z.
  api = await startTestApi({ HOSPITAL_TIMEZONE: 'Asia/Jakarta' });
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const as = (role: keyof TestApi['tokens']) => ({ token: api.tokens[role] });
const book = (body: Record<string, unknown>, role: keyof TestApi['tokens'] = 'receptionist') =>
  rest<Json>(api, 'POST', '/api/appointments', { ...as(role), body });
const action = (
  id: string,
  name: string,
  body: Record<string, unknown> = {},
  role: keyof TestApi['tokens'] = 'receptionist',
) => rest<Json>(api, 'POST', `/api/appointments/${id}/${name}`, { ...as(role), body });

describe('booking rules', () => {
  it('reads "YYYY-MM-DD HH:MM:SS" in the hospital zone, answers ISO 8601, and uses the doctor’s default length', async () => {
    const [doctor, patient] = await Promise.all([fx.doctor(), fx.patient()]);
    const res = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-02-03 09:30:00' });
    expect(res.status).toBe(201);
    expect(res.body.startsAt).toBe('2031-02-03T02:30:00.000Z');
    expect(res.body.endsAt).toBe('2031-02-03T03:00:00.000Z');
    const withOffset = await book({
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: '2031-02-03T10:00:00+07:00',
      durationMinutes: 45,
    });
    expect(withOffset.status).toBe(201);
    expect(withOffset.body.endsAt).toBe('2031-02-03T03:45:00.000Z');
  });

  it('refuses outside working hours (422), in time off (422), in the past (422)', async () => {
    const [doctor, patient] = await Promise.all([fx.doctor(), fx.patient()]);
    const early = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-02-04 07:30:00' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'OUTSIDE_WORKING_HOURS', field: 'startsAt' });
    const overrunning = await book({
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: '2031-02-04 15:45:00',
      durationMinutes: 30,
    });
    expect(overrunning.body.error.code).toBe('OUTSIDE_WORKING_HOURS');

    await fx.timeOff(doctor.id, '2031-02-05 00:00:00', '2031-02-06 00:00:00');
    const onLeave = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-02-05 10:00:00' });
    expect(onLeave.status).toBe(422);
    expect(onLeave.body.error.code).toBe('DOCTOR_UNAVAILABLE');

    const past = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2020-02-04 10:00:00' });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('IN_THE_PAST');

    const tooLong = await book({
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: '2031-02-04 09:00:00',
      endsAt: '2031-02-05 09:00:01',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'endsAt' });
  });

  it('refuses a double booking of the doctor or the patient with 409 naming the appointment in the way', async () => {
    const [doctor, otherDoctor, patient, otherPatient] = await Promise.all([
      fx.doctor(),
      fx.doctor(),
      fx.patient(),
      fx.patient(),
    ]);
    const first = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-02-06 10:00:00' });
    const sameDoctor = await book({ doctorId: doctor.id, patientId: otherPatient.id, startsAt: '2031-02-06 10:15:00' });
    expect(sameDoctor.status).toBe(409);
    expect(sameDoctor.body.error).toMatchObject({
      code: 'APPOINTMENT_CONFLICT',
      details: { conflictWith: 'doctor', conflictingAppointmentId: first.body.id },
    });
    const samePatient = await book({
      doctorId: otherDoctor.id,
      patientId: patient.id,
      startsAt: '2031-02-06 10:20:00',
    });
    expect(samePatient.status).toBe(409);
    expect(samePatient.body.error.details).toMatchObject({
      conflictWith: 'patient',
      conflictingAppointmentId: first.body.id,
    });
  });

  it('refuses unknown or archived patients and doctors (422 on the field)', async () => {
    const [doctor, patient] = await Promise.all([fx.doctor(), fx.patient()]);
    await rest(api, 'DELETE', `/api/patients/${patient.id}`, as('admin'));
    const archivedPatient = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-02-07 10:00:00' });
    expect(archivedPatient.status).toBe(422);
    expect(archivedPatient.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'patientId' });
    const livePatient = await fx.patient();
    await rest(api, 'DELETE', `/api/doctors/${doctor.id}`, as('admin'));
    const archivedDoctor = await book({
      doctorId: doctor.id,
      patientId: livePatient.id,
      startsAt: '2031-02-07 10:00:00',
    });
    expect(archivedDoctor.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'doctorId' });
  });
});

describe('lifecycle', () => {
  it('scheduled -> checked_in (front desk) -> completed (the doctor, with diagnosis and notes)', async () => {
    const appointment = await fx.appointment(fx.ownDoctorId);
    await fx.arrive(appointment.id);
    expect((await action(appointment.id, 'check-in', {}, 'nurse')).status).toBe(403);
    const checkedIn = await action(appointment.id, 'check-in');
    expect(checkedIn.body).toMatchObject({ status: 'checked_in', checkedInAt: expect.any(String) });
    const completed = await action(appointment.id, 'complete', { diagnosis: 'Migraine', notes: 'Dark room' }, 'doctor');
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      diagnosis: 'Migraine',
      notes: 'Dark room',
      frontDeskNotes: null,
    });
  });

  it('refuses every move the lifecycle does not have (422 INVALID_STATE)', async () => {
    const appointment = await fx.appointment(fx.ownDoctorId);
    const early = await action(appointment.id, 'complete', { diagnosis: 'x' }, 'doctor');
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'scheduled', action: 'complete' },
    });
    await action(appointment.id, 'cancel', { reason: 'Feels better' });
    for (const [name, body] of [
      ['check-in', {}],
      ['no-show', {}],
      ['cancel', { reason: 'again' }],
      ['reschedule', fx.slot()],
    ] as const) {
      const res = await action(appointment.id, name, body);
      expect(res.status, name).toBe(422);
    }
  });

  it('a doctor cannot complete another doctor’s appointment (403)', async () => {
    const appointment = await fx.appointment();
    await fx.checkIn(appointment.id);
    const res = await action(appointment.id, 'complete', { diagnosis: 'x' }, 'doctor');
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({
      missingPermission: 'appointments:complete',
      reason: 'only the appointment’s doctor',
    });
  });

  it('each move bumps the version, answers the stored row and is audited with the fields it changed', async () => {
    const audited = async (id: string, move: string) => {
      const res = await rest<Json>(
        api,
        'GET',
        `/api/audit-events?entityId=${id}&action=appointment.${move}`,
        as('admin'),
      );
      expect(res.body.items, move).toHaveLength(1);
      return res.body.items[0];
    };
    const done = await fx.appointment(fx.ownDoctorId);
    await fx.arrive(done.id);
    const checkedIn = await action(done.id, 'check-in', { version: done.version });
    expect(checkedIn.body).toMatchObject({ status: 'checked_in', version: done.version + 1 });
    expect(checkedIn.body.updatedAt > done.updatedAt).toBe(true);
    expect(await audited(done.id, 'checkIn')).toMatchObject({
      entityType: 'Appointment',
      changes: { fields: ['status', 'checkedInAt'], status: 'checked_in' },
    });
    // A stale screen: the version it saw before the check-in.
    const stale = await action(done.id, 'complete', { diagnosis: 'x', version: done.version }, 'doctor');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: done.version + 1 } });
    const completed = await action(done.id, 'complete', { diagnosis: "O'Brien \\ flu" }, 'doctor');
    expect(completed.body).toMatchObject({ status: 'completed', diagnosis: "O'Brien \\ flu", notes: null });
    expect(await audited(done.id, 'complete')).toMatchObject({
      changes: { fields: ['status', 'diagnosis', 'completedAt'], status: 'completed' },
    });
    const read = await rest<Json>(api, 'GET', `/api/appointments/${done.id}`, as('doctor'));
    expect(read.body).toEqual(completed.body);

    const cancelled = await fx.appointment();
    const res = await action(cancelled.id, 'cancel', { reason: 'Travelling' });
    expect(res.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Travelling', version: 2 });
    expect(await audited(cancelled.id, 'cancel')).toMatchObject({
      changes: { fields: ['status', 'cancellationReason', 'cancelledAt'], status: 'cancelled' },
    });
    const missing = await action('0190d6a2-0000-7000-8000-000000000000', 'cancel', { reason: 'x' });
    expect(missing.status).toBe(404);
  });

  it('cancelled and no-show appointments free their slot', async () => {
    const [doctor, p1, p2, p3] = await Promise.all([fx.doctor(), fx.patient(), fx.patient(), fx.patient()]);
    const slot = { doctorId: doctor.id, startsAt: '2031-02-10 11:00:00' };
    const first = await book({ ...slot, patientId: p1.id });
    expect((await book({ ...slot, patientId: p2.id })).status).toBe(409);
    await fx.arrive(first.body.id);
    expect((await action(first.body.id, 'no-show')).status).toBe(200);
    api.clock.reset();
    const second = await book({ ...slot, patientId: p2.id });
    expect(second.status).toBe(201);
    await action(second.body.id, 'cancel', { reason: 'Rescheduling later' });
    expect((await book({ ...slot, patientId: p3.id })).status).toBe(201);
  });
});

describe('reschedule', () => {
  it('moves the appointment; the old slot is free afterwards', async () => {
    const [doctor, p1, p2] = await Promise.all([fx.doctor(), fx.patient(), fx.patient()]);
    const original = await book({ doctorId: doctor.id, patientId: p1.id, startsAt: '2031-02-11 09:00:00' });
    const moved = await action(original.body.id, 'reschedule', {
      startsAt: '2031-02-11 14:00:00',
      version: original.body.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe('2031-02-11T07:00:00.000Z');
    expect(moved.body.endsAt).toBe('2031-02-11T07:30:00.000Z');
    expect((await book({ doctorId: doctor.id, patientId: p2.id, startsAt: '2031-02-11 09:00:00' })).status).toBe(201);
  });

  it('keeps the old time when the new one is taken or outside hours', async () => {
    const [doctor, p1, p2] = await Promise.all([fx.doctor(), fx.patient(), fx.patient()]);
    const a = await book({ doctorId: doctor.id, patientId: p1.id, startsAt: '2031-02-12 09:00:00' });
    const b = await book({ doctorId: doctor.id, patientId: p2.id, startsAt: '2031-02-12 10:00:00' });
    const clash = await action(a.body.id, 'reschedule', { startsAt: '2031-02-12 10:00:00' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.conflictingAppointmentId).toBe(b.body.id);
    expect((await action(a.body.id, 'reschedule', { startsAt: '2031-02-12 20:00:00' })).status).toBe(422);
    const stored = await rest<Json>(api, 'GET', `/api/appointments/${a.body.id}`, as('receptionist'));
    expect(stored.body.startsAt).toBe(a.body.startsAt);
  });
});

describe('schedules', () => {
  it('a doctor edits their own schedule but not another doctor’s; admins edit any', async () => {
    const other = await fx.doctor();
    const own = await rest<Json>(api, 'POST', `/api/doctors/${fx.ownDoctorId}/schedule/weekly-hours`, {
      ...as('doctor'),
      body: { weekday: 1, startTime: '17:00', endTime: '19:00', validFrom: '2031-01-01' },
    });
    expect(own.status).toBe(201);
    const notOwn = await rest<Json>(api, 'POST', `/api/doctors/${other.id}/schedule/weekly-hours`, {
      ...as('doctor'),
      body: { weekday: 1, startTime: '17:00', endTime: '19:00', validFrom: '2031-01-01' },
    });
    expect(notOwn.status).toBe(403);
    const overlapping = await rest<Json>(api, 'POST', `/api/doctors/${other.id}/schedule/weekly-hours`, {
      ...as('admin'),
      body: { weekday: 2, startTime: '15:00', endTime: '18:00', validFrom: '2031-01-01' },
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.code).toBe('SCHEDULE_CONFLICT');
    const schedule = await rest<Json>(api, 'GET', `/api/doctors/${fx.ownDoctorId}/schedule`, as('staff'));
    expect(schedule.body.weekly.some((w: Json) => w.startTime === '17:00:00' && w.weekday === 1)).toBe(true);
  });

  it('reads a schedule: weekly hours by day and time off in order, the same over tRPC; archived doctors only for archived readers', async () => {
    const doctor = await fx.doctor();
    const later = await fx.timeOff(doctor.id, '2032-03-01T00:00:00Z', '2032-03-02T00:00:00Z');
    const sooner = await fx.timeOff(doctor.id, '2032-02-01T00:00:00Z', '2032-02-01T12:00:00Z');
    const schedule = await rest<Json>(api, 'GET', `/api/doctors/${doctor.id}/schedule`, as('receptionist'));
    expect(schedule.status).toBe(200);
    expect(schedule.body).toMatchObject({ doctorId: doctor.id, timeZone: 'Asia/Jakarta' });
    expect(schedule.body.weekly.map((w: Json) => [w.id, w.weekday, w.startTime, w.endTime])).toEqual(
      doctor.weeklyEntryIds.map((id, i) => [id, i + 1, '08:00:00', '16:00:00']),
    );
    expect(schedule.body.weekly[0]).toMatchObject({ validFrom: '2024-01-01', validTo: null, version: 1 });
    expect(schedule.body.timeOff).toEqual([
      {
        id: sooner.id,
        startsAt: '2032-02-01T00:00:00.000Z',
        endsAt: '2032-02-01T12:00:00.000Z',
        reason: 'Leave',
        version: 1,
      },
      {
        id: later.id,
        startsAt: '2032-03-01T00:00:00.000Z',
        endsAt: '2032-03-02T00:00:00.000Z',
        reason: 'Leave',
        version: 1,
      },
    ]);
    const overTrpc = await trpcClient(api, api.tokens.receptionist).doctors.schedule.query({ id: doctor.id });
    expect(JSON.parse(JSON.stringify(overTrpc))).toEqual(schedule.body);

    expect((await rest(api, 'DELETE', `/api/doctors/${doctor.id}`, as('admin'))).status).toBe(204);
    const hidden = await rest<Json>(api, 'GET', `/api/doctors/${doctor.id}/schedule`, as('receptionist'));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await rest(api, 'GET', `/api/doctors/${doctor.id}/schedule`, as('admin'))).status).toBe(200);
  });

  it('refuses time off over active appointments, listing them', async () => {
    const appointment = await fx.appointment();
    const res = await rest<Json>(api, 'POST', `/api/doctors/${appointment.doctorId}/schedule/time-off`, {
      ...as('admin'),
      body: { startsAt: '2031-01-01 00:00:00', endsAt: '2031-12-31 00:00:00' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.conflictingAppointmentIds).toContain(appointment.id);
  });
});

/** A fixture doctor moved into `departmentId` with `specialization` (PUT of their profile). */
describe('availability and calendars', () => {
  it('lists free slots: working hours minus time off minus active appointments', async () => {
    const [doctor, patient] = await Promise.all([fx.doctor(), fx.patient()]);
    await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-03-03 08:30:00' });
    await fx.timeOff(doctor.id, '2031-03-03 12:00:00', '2031-03-03 13:00:00');
    const res = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor.id}/availability?from=2031-03-03&to=2031-03-03`,
      as('receptionist'),
    );
    expect(res.status).toBe(200);
    expect(res.body.slotMinutes).toBe(30);
    const local = res.body.slots.map((s: Json) =>
      new Date(new Date(s.startsAt).getTime() + 7 * 3_600_000).toISOString().slice(11, 16),
    );
    expect(local[0]).toBe('08:00');
    expect(local).not.toContain('08:30');
    expect(local).not.toContain('12:00');
    expect(local).not.toContain('12:30');
    expect(local.at(-1)).toBe('15:30');
    expect(local).toHaveLength(16 - 3);
  });

  it('searches across the doctors of a department', async () => {
    const department = await fx.department();
    const doctor = await fx.doctorIn(department.id, 'Dermatology');
    const res = await rest<Json>(
      api,
      'GET',
      `/api/availability?departmentId=${department.id}&from=2031-03-04&to=2031-03-04`,
      as('receptionist'),
    );
    expect(res.body.doctors.map((d: Json) => d.doctorId)).toEqual([doctor.id]);
    expect(res.body.doctors[0].slots).toHaveLength(16);
  });

  it('a search gives each doctor their own slots, as their own availability does, over REST and tRPC', async () => {
    const department = await fx.department();
    const booked = await fx.doctorIn(department.id, 'Cardiology');
    const onLeave = await fx.doctorIn(department.id, 'Cardiology');
    const free = await fx.doctorIn(department.id, 'Cardiology');
    const patient = await fx.patient();
    await book({ doctorId: booked.id, patientId: patient.id, startsAt: '2031-03-07 09:00:00' });
    await fx.timeOff(onLeave.id, '2031-03-07 10:00:00', '2031-03-07 12:00:00');
    const query = `from=2031-03-07&to=2031-03-07`;
    const search = await rest<Json>(
      api,
      'GET',
      `/api/availability?departmentId=${department.id}&${query}`,
      as('receptionist'),
    );
    expect(search.status).toBe(200);
    const byDoctor = new Map<string, Json>(search.body.doctors.map((d: Json) => [d.doctorId, d]));
    expect([...byDoctor.keys()].sort()).toEqual([booked.id, onLeave.id, free.id].sort());
    const names = search.body.doctors.map((d: Json) => d.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    for (const [doctor, slots] of [
      [booked, 15],
      [onLeave, 12],
      [free, 16],
    ] as const) {
      const own = await rest<Json>(api, 'GET', `/api/doctors/${doctor.id}/availability?${query}`, as('receptionist'));
      expect(byDoctor.get(doctor.id)?.slots).toEqual(own.body.slots);
      expect(own.body.slots).toHaveLength(slots);
      expect(byDoctor.get(doctor.id)).toMatchObject({ specialization: 'Cardiology', slotMinutes: 30 });
    }
    const overTrpc = await trpcClient(api, api.tokens.receptionist).doctors.searchAvailability.query({
      departmentId: department.id,
      from: '2031-03-07',
      to: '2031-03-07',
    });
    expect(JSON.parse(JSON.stringify(overTrpc))).toEqual(search.body);
  });

  it('shows a doctor’s and a patient’s calendar and a department’s day', async () => {
    const department = await fx.department();
    const doctor = await fx.doctorIn(department.id, 'ENT');
    const patient = await fx.patient();
    const a = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-03-05 09:00:00' });
    const b = await book({ doctorId: doctor.id, patientId: patient.id, startsAt: '2031-03-06 09:00:00' });
    const doctorWeek = await rest<Json>(
      api,
      'GET',
      `/api/doctors/${doctor.id}/appointments?from=2031-03-05&to=2031-03-06`,
      as('nurse'),
    );
    expect(doctorWeek.body.items.map((x: Json) => x.id)).toEqual([a.body.id, b.body.id]);
    const patientDay = await rest<Json>(
      api,
      'GET',
      `/api/patients/${patient.id}/appointments?from=2031-03-06&to=2031-03-06`,
      as('nurse'),
    );
    expect(patientDay.body.items.map((x: Json) => x.id)).toEqual([b.body.id]);
    const day = await rest<Json>(
      api,
      'GET',
      `/api/departments/${department.id}/day?date=2031-03-05`,
      as('receptionist'),
    );
    expect(day.body.doctors).toHaveLength(1);
    expect(day.body.doctors[0].appointments.map((x: Json) => x.id)).toEqual([a.body.id]);
  });
});

it('logs in the doctor created through the API (account and profile together)', async () => {
  const doctor = await fx.doctor();
  const account = await rest<Json>(api, 'GET', `/api/employees/${doctor.employeeId}`, as('admin'));
  const login = await rest<Json>(api, 'POST', '/api/auth/login', {
    body: { email: account.body.email, password: PASSWORD },
  });
  expect(login.body.user.role).toBe('doctor');
});
