import { zonedDateTimeToInstant } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi, trpcClient } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;
type Role = keyof TestApi['tokens'];

/**
 * Visit types and their booking rules over real HTTP, in a zone without daylight saving (Jakarta)
 * and one with it (Amsterdam): the races run against the real database (PGlite or PostgreSQL).
 */
describe.each(['Asia/Jakarta', 'Europe/Amsterdam'])('visit types and booking rules in %s', (timeZone) => {
  let api: TestApi;
  let fx: Fixtures;
  let n = 0;
  beforeAll(async () => {
    api = await startTestApi({ HOSPITAL_TIMEZONE: timeZone });
    fx = fixtures(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const local = (date: string, time: string) => zonedDateTimeToInstant(date, time, timeZone);
  const call = (method: string, path: string, body?: unknown, role: Role = 'admin') =>
    rest<Json>(api, method, path, { token: api.tokens[role], ...(body !== undefined ? { body } : {}) });
  const book = (body: Json, role: Role = 'receptionist') => call('POST', '/api/appointments', body, role);

  /** A doctor of a fresh department who works every day, all day (so bookings can sit either side of midnight). */
  async function clinic(rules: Json = {}, hours = { startTime: '00:00', endTime: '23:59' }) {
    const department = await fx.department();
    const doctor = await call('POST', '/api/doctors', {
      name: `Clinic doctor ${++n}`,
      email: `clinic${n}-${process.pid}-${timeZone.length}@test.local`,
      password: PASSWORD,
      specialization: 'General Practice',
      licenseNumber: `VT-${n}-${process.pid}-${timeZone.length}`,
      departmentIds: [department.id],
    });
    expect(doctor.status).toBe(201);
    for (let weekday = 1; weekday <= 7; weekday++) {
      const entry = await call('POST', `/api/doctors/${doctor.body.id}/schedule/weekly-hours`, {
        weekday,
        ...hours,
        validFrom: '2024-01-01',
      });
      expect(entry.status).toBe(201);
    }
    const visitType = await call('POST', `/api/departments/${department.id}/visit-types`, {
      name: `Type ${n}`,
      durationMinutes: 20,
      ...rules,
    });
    expect(visitType.status).toBe(201);
    return { department, doctorId: doctor.body.id as string, visitType: visitType.body };
  }

  it('visit types: admins set them up with defaults that keep today’s behaviour; bad rules get 400 on the field', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const department = await fx.department();
    const created = await call('POST', `/api/departments/${department.id}/visit-types`, {
      name: 'New patient',
      durationMinutes: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      departmentId: department.id,
      name: 'New patient',
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 0,
      horizonDays: null,
      capacity: 1,
      dailyQuotaPerDoctor: null,
      archivedAt: null,
      version: 1,
    });
    const twice = await call('POST', `/api/departments/${department.id}/visit-types`, {
      name: 'new PATIENT',
      durationMinutes: 15,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'name' });
    for (const [field, value] of [
      ['capacity', 0],
      ['durationMinutes', 2],
      ['bufferAfterMinutes', 121],
      ['dailyQuotaPerDoctor', 0],
      ['horizonDays', -1],
    ] as const) {
      const bad = await call('POST', `/api/departments/${department.id}/visit-types`, {
        name: 'Bad',
        durationMinutes: 30,
        [field]: value,
      });
      expect(bad.status, field).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const refused = await call(
      'POST',
      `/api/departments/${department.id}/visit-types`,
      { name: 'Walk-in', durationMinutes: 10 },
      'receptionist',
    );
    expect(refused.status).toBe(403);
    const listed = await call('GET', `/api/departments/${department.id}/visit-types`, undefined, 'receptionist');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((v: Json) => v.name)).toEqual(['New patient']);
    const updated = await call('PUT', `/api/visit-types/${created.body.id}`, {
      version: 1,
      name: 'New patient',
      durationMinutes: 40,
      bufferAfterMinutes: 10,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ durationMinutes: 40, bufferAfterMinutes: 10, version: 2 });
    const stale = await call('PUT', `/api/visit-types/${created.body.id}`, {
      version: 1,
      name: 'New patient',
      durationMinutes: 40,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('a booking names its visit type: its length; another department’s or an archived type is refused on visitTypeId', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({ durationMinutes: 45 });
    const patient = await fx.patient();
    const booked = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-02', '09:00').toISOString(),
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ visitTypeId: visitType.id });
    expect(new Date(booked.body.endsAt).getTime() - new Date(booked.body.startsAt).getTime()).toBe(45 * 60_000);
    const withLength = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-02', '11:00').toISOString(),
      durationMinutes: 30,
    });
    expect(withLength.status).toBe(400);
    expect(withLength.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'visitTypeId' });
    const foreign = await fx.visitType();
    const elsewhere = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: foreign.id,
      startsAt: local('2031-05-02', '11:00').toISOString(),
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toMatchObject({ code: 'VISIT_TYPE_NOT_OFFERED', field: 'visitTypeId' });
    // A reschedule keeps the type's length and rules; the type sets the length, so none is given.
    const moved = await call(
      'POST',
      `/api/appointments/${booked.body.id}/reschedule`,
      { startsAt: local('2031-05-02', '13:00').toISOString(), version: booked.body.version },
      'receptionist',
    );
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.endsAt).getTime() - new Date(moved.body.startsAt).getTime()).toBe(45 * 60_000);
    const stretched = await call(
      'POST',
      `/api/appointments/${booked.body.id}/reschedule`,
      { startsAt: local('2031-05-02', '14:00').toISOString(), durationMinutes: 60 },
      'receptionist',
    );
    expect(stretched.status).toBe(400);
    expect(stretched.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'durationMinutes' });
    expect((await call('DELETE', `/api/visit-types/${visitType.id}`)).status).toBe(204);
    const archived = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-02', '11:00').toISOString(),
    });
    expect(archived.status).toBe(422);
    expect(archived.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'visitTypeId' });
    // The appointment keeps its (now archived) type, and reads say so.
    const read = await call('GET', `/api/appointments/${booked.body.id}`, undefined, 'receptionist');
    expect(read.body.visitTypeId).toBe(visitType.id);
  });

  it('minimum notice and booking horizon, measured from now in the hospital’s days', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({ minNoticeMinutes: 120, horizonDays: 7 });
    const patient = await fx.patient();
    const at = (date: string, time: string) => ({
      patientId: patient.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local(date, time).toISOString(),
    });
    const soon = await book(at('2031-05-01', '09:40'));
    expect(soon.status).toBe(422);
    expect(soon.body.error).toMatchObject({ code: 'TOO_SHORT_NOTICE', field: 'startsAt' });
    const far = await book(at('2031-05-09', '09:00'));
    expect(far.status).toBe(422);
    expect(far.body.error).toMatchObject({ code: 'BEYOND_HORIZON', field: 'startsAt' });
    expect((await book(at('2031-05-08', '23:00'))).status).toBe(201);
    // The clock runs on from 08:00: 10:05 is more than two hours ahead.
    expect((await book(at('2031-05-01', '10:05'))).status).toBe(201);
  });

  it('a daily quota of 3 with 30 simultaneous bookings admits exactly 3, and the quota rolls over at local midnight', async () => {
    api.clock.set(local('2031-03-20', '08:00'));
    const { doctorId, visitType } = await clinic({ dailyQuotaPerDoctor: 3, durationMinutes: 10 });
    const patients = await Promise.all(Array.from({ length: 30 }, () => fx.patient()));
    // The last Saturday of March: Amsterdam's clocks go forward that night.
    const answers = await Promise.all(
      patients.map((p, k) =>
        book({
          patientId: p.id,
          doctorId,
          visitTypeId: visitType.id,
          startsAt: new Date(local('2031-03-29', '08:00').getTime() + k * 20 * 60_000).toISOString(),
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.body.error.code)).toEqual(refused.map(() => 'QUOTA_REACHED'));
    expect(refused[0]?.body.error).toMatchObject({ field: 'startsAt', details: { dailyQuotaPerDoctor: 3 } });
    // 23:50 is still the 29th; 00:10 is the 30th, a new day with its own quota.
    const lateEvening = await book({
      patientId: patients[3]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-03-29', '23:40').toISOString(),
    });
    expect(lateEvening.body.error?.code).toBe('QUOTA_REACHED');
    const afterMidnight = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        book({
          patientId: patients[4 + k]?.id,
          doctorId,
          visitTypeId: visitType.id,
          startsAt: new Date(local('2031-03-30', '00:00').getTime() + k * 20 * 60_000).toISOString(),
        }),
      ),
    );
    expect(afterMidnight.map((a) => a.status).sort()).toEqual([201, 201, 201, 409]);
    // Cancelling gives a place back.
    const first = answers.find((a) => a.status === 201)?.body as Json;
    expect(
      (await call('POST', `/api/appointments/${first.id}/cancel`, { reason: 'Patient called' }, 'receptionist')).status,
    ).toBe(200);
    expect(
      (
        await book({
          patientId: patients[9]?.id,
          doctorId,
          visitTypeId: visitType.id,
          startsAt: local('2031-03-29', '23:40').toISOString(),
        })
      ).status,
    ).toBe(201);
  });

  it('a group session of capacity 4 with 20 simultaneous bookings admits 4; availability counts the places left', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic(
      { capacity: 4, durationMinutes: 60 },
      { startTime: '09:00', endTime: '12:00' },
    );
    const startsAt = local('2031-05-05', '10:00').toISOString();
    const patients = await Promise.all(Array.from({ length: 20 }, () => fx.patient()));
    const answers = await Promise.all(
      patients.map((p) => book({ patientId: p.id, doctorId, visitTypeId: visitType.id, startsAt })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.body.error.code)).toEqual(refused.map(() => 'SESSION_FULL'));
    // An exclusive appointment cannot overlap the session (the exclusion constraint's word too).
    const exclusive = await book({ patientId: patients[5]?.id, doctorId, startsAt, durationMinutes: 30 });
    expect(exclusive.status).toBe(409);
    expect(exclusive.body.error.code).toBe('APPOINTMENT_CONFLICT');
    const partial = await book({
      patientId: patients[6]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-05', '09:00').toISOString(),
    });
    expect(partial.status).toBe(201);
    // The type's availability of one day, with the reasons for what it does not offer.
    const availabilityOn = (day: string) =>
      call(
        'GET',
        `/api/doctors/${doctorId}/availability?from=${day}&to=${day}&visitTypeId=${visitType.id}&explain=true`,
        undefined,
        'receptionist',
      );
    const slots = await availabilityOn('2031-05-05');
    expect(slots.status).toBe(200);
    expect(slots.body).toMatchObject({ visitTypeId: visitType.id, slotMinutes: 60 });
    const at = (time: string) => local('2031-05-05', time).toISOString();
    expect(slots.body.slots).toEqual([
      { startsAt: at('09:00'), endsAt: at('10:00'), remaining: 3 },
      { startsAt: at('11:00'), endsAt: at('12:00'), remaining: 4 },
    ]);
    expect(slots.body.unavailable).toEqual([{ startsAt: at('10:00'), endsAt: at('11:00'), reason: 'full' }]);
    // A session booked off the grid (10:15) still shows its places left.
    const offGrid = await book({
      patientId: patients[7]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-06', '10:15').toISOString(),
    });
    expect(offGrid.status).toBe(201);
    const nextDay = await availabilityOn('2031-05-06');
    const day2 = (time: string) => local('2031-05-06', time).toISOString();
    expect(nextDay.body.slots).toContainEqual({ startsAt: day2('10:15'), endsAt: day2('11:15'), remaining: 3 });
    expect(nextDay.body.unavailable).toEqual(
      expect.arrayContaining([{ startsAt: day2('10:00'), endsAt: day2('11:00'), reason: 'booked' }]),
    );
  });

  it('buffers hold under simultaneous bookings of neighbouring times, and availability says buffer', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({
      durationMinutes: 20,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
    });
    const patients = await Promise.all(Array.from({ length: 12 }, () => fx.patient()));
    const starts = patients.map((_, k) => new Date(local('2031-05-06', '09:00').getTime() + k * 20 * 60_000));
    const answers = await Promise.all(
      patients.map((p, k) =>
        book({ patientId: p.id, doctorId, visitTypeId: visitType.id, startsAt: starts[k]?.toISOString() }),
      ),
    );
    const admitted = answers
      .filter((a) => a.status === 201)
      .map((a) => new Date(a.body.startsAt).getTime())
      .sort((a, b) => a - b);
    expect(admitted.length).toBeGreaterThan(0);
    // Each blocked time [start - 5, start + 20 + 10) apart from the next one's.
    for (let k = 1; k < admitted.length; k++) {
      expect((admitted[k] as number) - (admitted[k - 1] as number)).toBeGreaterThanOrEqual(35 * 60_000);
    }
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'APPOINTMENT_CONFLICT', field: 'startsAt' });
    }
    // One by one: just after an appointment's end, its buffer is in the way, and the answer says so.
    const day = local('2031-05-07', '09:00').getTime();
    const first = await book({
      patientId: patients[0]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: new Date(day).toISOString(),
    });
    expect(first.status).toBe(201);
    const close = await book({
      patientId: patients[1]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: new Date(day + 25 * 60_000).toISOString(),
    });
    expect(close.status).toBe(409);
    expect(close.body.error.details).toMatchObject({ conflictWith: 'doctor', reason: 'buffer' });
    const clear = await book({
      patientId: patients[1]?.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: new Date(day + 35 * 60_000).toISOString(),
    });
    expect(clear.status).toBe(201);
    const slots = await call(
      'GET',
      `/api/doctors/${doctorId}/availability?from=${new Date(day - 60 * 60_000).toISOString()}&to=${new Date(day + 120 * 60_000).toISOString()}&visitTypeId=${visitType.id}&explain=true`,
      undefined,
      'receptionist',
    );
    expect(slots.status).toBe(200);
    const reasons = new Set(slots.body.unavailable.map((u: Json) => u.reason));
    expect(reasons).toContain('booked');
    // The grid steps by length plus buffers, so free grid times never touch each other's buffers.
    const offered = slots.body.slots.map((s: Json) => new Date(s.startsAt).getTime());
    for (let k = 1; k < offered.length; k++) expect(offered[k] - offered[k - 1]).toBeGreaterThanOrEqual(35 * 60_000);
  });

  it('overbooking: only with appointments:overbook (front desk, admins) and a reason, audited; it joins a taken exclusive time', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({ dailyQuotaPerDoctor: 1 });
    const [a, b, c] = await Promise.all([fx.patient(), fx.patient(), fx.patient()]);
    const startsAt = local('2031-05-08', '10:00').toISOString();
    expect((await book({ patientId: a.id, doctorId, visitTypeId: visitType.id, startsAt })).status).toBe(201);
    const sameTime = { patientId: b.id, doctorId, visitTypeId: visitType.id, startsAt };
    const taken = await book(sameTime);
    expect(taken.status).toBe(409);
    const nurse = await book({ ...sameTime, overbookReason: 'Urgent, doctor agreed' }, 'nurse');
    expect(nurse.status).toBe(403);
    const noReason = await book({ ...sameTime, overbookReason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('overbookReason');
    const squeezed = await book({ ...sameTime, overbookReason: 'Urgent, doctor agreed' });
    expect(squeezed.status).toBe(201);
    // Beyond the daily quota at another time, with a reason: the doctor's call too.
    const later = {
      patientId: c.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-08', '14:00').toISOString(),
    };
    expect((await book(later)).body.error?.code).toBe('QUOTA_REACHED');
    const beyondQuota = await book({ ...later, overbookReason: 'Follow-up cannot wait' }, 'admin');
    // Both are two appointments at one time now: the exclusion constraint accepts a shared session only.
    const read = await call('GET', `/api/doctors/${doctorId}/appointments?from=2031-05-08&to=2031-05-08`);
    expect(read.body.items.filter((i: Json) => i.startsAt === startsAt)).toHaveLength(2);
    expect(beyondQuota.status).toBe(201);
    const audit = await call('GET', '/api/audit-events?action=appointment.overbook&limit=50');
    expect(audit.status).toBe(200);
    const events = audit.body.items.filter((e: Json) => [squeezed.body.id, beyondQuota.body.id].includes(e.entityId));
    expect(events.map((e: Json) => e.changes)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ beyond: 'capacity', reason: 'Urgent, doctor agreed' }),
        expect.objectContaining({ beyond: 'quota', reason: 'Follow-up cannot wait' }),
      ]),
    );
  });

  it('weekly hours kept for some visit types: others are not offered there; the types must be the doctor’s', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { department, doctorId, visitType: followUp } = await clinic({}, { startTime: '08:00', endTime: '12:00' });
    const vaccination = await call('POST', `/api/departments/${department.id}/visit-types`, {
      name: 'Vaccination',
      durationMinutes: 15,
    });
    // Thursday afternoons: vaccinations only.
    const hours = await call('POST', `/api/doctors/${doctorId}/schedule/weekly-hours`, {
      weekday: 4,
      startTime: '13:00',
      endTime: '16:00',
      validFrom: '2024-01-01',
      visitTypeIds: [vaccination.body.id],
    });
    expect(hours.status).toBe(201);
    expect(hours.body.visitTypeIds).toEqual([vaccination.body.id]);
    const patient = await fx.patient();
    const thursday = (time: string) => local('2031-05-08', time).toISOString();
    const wrongType = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: followUp.id,
      startsAt: thursday('13:00'),
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error).toMatchObject({ code: 'VISIT_TYPE_NOT_OFFERED', field: 'startsAt' });
    const noType = await book({ patientId: patient.id, doctorId, startsAt: thursday('13:00'), durationMinutes: 15 });
    expect(noType.status).toBe(422);
    expect(noType.body.error).toMatchObject({ code: 'VISIT_TYPE_NOT_OFFERED', field: 'visitTypeId' });
    expect(
      (await book({ patientId: patient.id, doctorId, visitTypeId: vaccination.body.id, startsAt: thursday('13:00') }))
        .status,
    ).toBe(201);
    const slots = await call(
      'GET',
      `/api/doctors/${doctorId}/availability?from=2031-05-08&to=2031-05-08&visitTypeId=${followUp.id}`,
      undefined,
      'receptionist',
    );
    expect(slots.body.slots.every((s: Json) => s.endsAt <= thursday('12:00'))).toBe(true);
    expect(slots.body.unavailable).toBeUndefined();
    const foreign = await fx.visitType();
    const refused = await call('POST', `/api/doctors/${doctorId}/schedule/weekly-hours`, {
      weekday: 5,
      startTime: '13:00',
      endTime: '16:00',
      validFrom: '2024-01-01',
      visitTypeIds: [vaccination.body.id, foreign.id],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'visitTypeIds.1' });
  });

  it('availability explains time off, notice, horizon and quota; a visit type that does not exist is refused', async () => {
    api.clock.set(local('2031-05-01', '08:10'));
    const { doctorId, visitType } = await clinic(
      { durationMinutes: 60, minNoticeMinutes: 120, horizonDays: 2, dailyQuotaPerDoctor: 1 },
      { startTime: '08:00', endTime: '12:00' },
    );
    await fx.timeOff(doctorId, local('2031-05-02', '08:00').toISOString(), local('2031-05-02', '09:00').toISOString());
    const patient = await fx.patient();
    expect(
      (
        await book({
          patientId: patient.id,
          doctorId,
          visitTypeId: visitType.id,
          startsAt: local('2031-05-02', '11:00').toISOString(),
        })
      ).status,
    ).toBe(201);
    const res = await call(
      'GET',
      `/api/doctors/${doctorId}/availability?from=2031-05-01&to=2031-05-04&visitTypeId=${visitType.id}&explain=true`,
      undefined,
      'receptionist',
    );
    expect(res.status).toBe(200);
    const reasonAt = (date: string, time: string) =>
      res.body.unavailable.find((u: Json) => u.startsAt === local(date, time).toISOString())?.reason;
    expect(reasonAt('2031-05-01', '08:00')).toBe('past');
    expect(reasonAt('2031-05-01', '09:00')).toBe('notice');
    expect(reasonAt('2031-05-01', '10:00')).toBe('notice');
    expect(reasonAt('2031-05-02', '08:00')).toBe('time_off');
    expect(reasonAt('2031-05-02', '11:00')).toBe('booked');
    expect(reasonAt('2031-05-02', '09:00')).toBe('quota_reached');
    expect(reasonAt('2031-05-04', '09:00')).toBe('horizon');
    expect(res.body.slots.map((s: Json) => s.startsAt)).toEqual([
      local('2031-05-01', '11:00').toISOString(),
      local('2031-05-03', '08:00').toISOString(),
      local('2031-05-03', '09:00').toISOString(),
      local('2031-05-03', '10:00').toISOString(),
      local('2031-05-03', '11:00').toISOString(),
    ]);
    const ghost = await call(
      'GET',
      `/api/doctors/${doctorId}/availability?from=2031-05-01&to=2031-05-02&visitTypeId=018f0000-0000-7000-8000-000000000000`,
      undefined,
      'receptionist',
    );
    expect(ghost.status).toBe(422);
    expect(ghost.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'visitTypeId' });
  });

  it('reschedule and cancel cutoffs: refused inside the cutoff, with when it closed', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({ rescheduleCutoffMinutes: 48 * 60, cancelCutoffMinutes: 120 });
    const patient = await fx.patient();
    const booked = await book({
      patientId: patient.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-02', '09:00').toISOString(),
    });
    expect(booked.status).toBe(201);
    const moved = await call(
      'POST',
      `/api/appointments/${booked.body.id}/reschedule`,
      { startsAt: local('2031-05-02', '10:00').toISOString() },
      'receptionist',
    );
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: 'CUTOFF_PASSED', details: { cutoffMinutes: 2880 } });
    api.clock.set(local('2031-05-02', '07:30'));
    const cancelled = await call(
      'POST',
      `/api/appointments/${booked.body.id}/cancel`,
      { reason: 'Cannot come' },
      'receptionist',
    );
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('CUTOFF_PASSED');
    // An admin may still cancel or move it (appointments:override-cutoff): a doctor off sick.
    const late = await book({
      patientId: (await fx.patient()).id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-02', '11:00').toISOString(),
    });
    expect(late.status).toBe(201);
    expect(
      (await call('POST', `/api/appointments/${late.body.id}/cancel`, { reason: 'Doctor off sick' }, 'admin')).status,
    ).toBe(200);
    api.clock.set(local('2031-05-02', '06:30'));
    expect(
      (await call('POST', `/api/appointments/${booked.body.id}/cancel`, { reason: 'Cannot come' }, 'receptionist'))
        .status,
    ).toBe(200);
  });

  it('an undone no-show takes its place again only if the day’s quota still has room for it', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { doctorId, visitType } = await clinic({ dailyQuotaPerDoctor: 1, durationMinutes: 30 });
    const [a, b] = await Promise.all([fx.patient(), fx.patient()]);
    const first = await book({
      patientId: a.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-10', '10:00').toISOString(),
    });
    expect(first.status).toBe(201);
    api.clock.set(local('2031-05-10', '10:40'));
    expect((await call('POST', `/api/appointments/${first.body.id}/no-show`, {}, 'receptionist')).status).toBe(200);
    // The no-show gave its place in the day's quota up: someone else takes it in the afternoon.
    const afternoon = await book({
      patientId: b.id,
      doctorId,
      visitTypeId: visitType.id,
      startsAt: local('2031-05-10', '15:00').toISOString(),
    });
    expect(afternoon.status).toBe(201);
    const undo = () => call('POST', `/api/appointments/${first.body.id}/undo-no-show`, {}, 'receptionist');
    const refused = await undo();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'QUOTA_REACHED', field: 'startsAt' });
    expect(
      (await call('POST', `/api/appointments/${afternoon.body.id}/cancel`, { reason: 'Moved' }, 'receptionist')).status,
    ).toBe(200);
    const undone = await undo();
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('scheduled');
  });

  it('over tRPC: the same visit types, the same booking rules and the same refusals', async () => {
    api.clock.set(local('2031-05-01', '08:00'));
    const { department, doctorId } = await clinic();
    const admin = trpcClient(api, api.tokens.admin);
    const desk = trpcClient(api, api.tokens.receptionist);
    const group = await admin.visitTypes.create.mutate({
      id: department.id,
      name: 'Diabetes class',
      durationMinutes: 60,
      capacity: 2,
    });
    expect(group).toMatchObject({ capacity: 2, departmentId: department.id });
    expect((await desk.visitTypes.list.query({ id: department.id })).items.map((v) => v.name)).toContain(
      'Diabetes class',
    );
    const startsAt = local('2031-05-09', '10:00').toISOString();
    const patients = await Promise.all([fx.patient(), fx.patient(), fx.patient()]);
    for (const p of patients.slice(0, 2)) {
      const appointment = await desk.appointments.book.mutate({
        patientId: p.id,
        doctorId,
        visitTypeId: group.id,
        startsAt,
      });
      expect(appointment.visitTypeId).toBe(group.id);
    }
    await expect(
      desk.appointments.book.mutate({ patientId: patients[2]?.id ?? '', doctorId, visitTypeId: group.id, startsAt }),
    ).rejects.toMatchObject({ data: { httpStatus: 409, error: { code: 'SESSION_FULL', field: 'startsAt' } } });
    const availability = await desk.doctors.availability.query({
      id: doctorId,
      from: '2031-05-09',
      to: '2031-05-09',
      visitTypeId: group.id,
      explain: true,
    });
    expect(availability.unavailable?.find((u) => u.startsAt.toISOString() === startsAt)?.reason).toBe('full');
  });
});
