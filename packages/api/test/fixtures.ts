import { zonedDateTimeToInstant } from '@meditrack/domain';
import {
  type BigQueryStandIn,
  standInSettings,
  startBigQueryStandIn,
  VACCINATION_COLUMNS,
} from '@meditrack/sync/testing';
import { nik, PASSWORD, rest, type TestApi } from './harness.js';

let counter = 0;
const next = () => ++counter;

/** Records made through the API as admin: the real write path sets up the tests too. */
export function fixtures(api: TestApi) {
  const admin = api.tokens.admin;
  const created = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await rest<T>(api, 'POST', path, { token: admin, body });
    if (res.status !== 201) throw new Error(`fixture POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let slot = 0;
  let bigQuery: BigQueryStandIn | undefined;
  return {
    /**
     * Points the API's sync at a BigQuery stand-in (two rows) and waits until no run is in progress,
     * so a trigger is accepted.
     */
    async syncReady() {
      if (!bigQuery) {
        bigQuery = await startBigQueryStandIn({
          columns: VACCINATION_COLUMNS,
          rowCount: 2,
          rowAt: (i) => [`31710000000000${String(i).padStart(2, '0')}`, 'Sinovac', '2', null],
        });
        Object.assign(process.env, standInSettings(bigQuery));
      }
      for (let i = 0; i < 200; i++) {
        const res = await rest<{ total: number }>(api, 'GET', '/api/sync-runs?status=running', { token: admin });
        if (res.body.total === 0) return bigQuery;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('a sync run did not finish');
    },
    async closeSync() {
      await bigQuery?.close();
    },
    ownDoctorId: api.ownDoctorId,
    /** A fresh session's refresh token (the staff account). */
    async refreshToken() {
      const res = await rest<{ refreshToken: string }>(api, 'POST', '/api/auth/login', {
        body: { email: 'staff@test.local', password: PASSWORD },
      });
      return res.body.refreshToken;
    },
    /**
     * Moves the server's clock to the appointment's start (bookings lie in the future; check-in,
     * completion and no-show happen on the day). Later fixture slots lie after it.
     */
    async arrive(appointmentId: string) {
      const res = await rest<{ startsAt: string }>(api, 'GET', `/api/appointments/${appointmentId}`, { token: admin });
      if (res.status !== 200) throw new Error(`GET appointment answered ${res.status}`);
      api.clock.set(res.body.startsAt);
    },
    /** Admin checks an appointment in (so it can be completed), at its start. */
    async checkIn(appointmentId: string) {
      await this.arrive(appointmentId);
      const res = await rest(api, 'POST', `/api/appointments/${appointmentId}/check-in`, { token: admin, body: {} });
      if (res.status !== 200) throw new Error(`check-in answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
    /** An appointment marked a no-show by admin, the clock on its day. */
    async noShow() {
      const { id } = await this.appointment();
      await this.arrive(id);
      const res = await rest(api, 'POST', `/api/appointments/${id}/no-show`, { token: admin, body: {} });
      if (res.status !== 200) throw new Error(`no-show answered ${res.status}: ${JSON.stringify(res.body)}`);
      return id;
    },
    department: () =>
      created<{ id: string; version: number }>('/api/departments', { name: `Dept ${next()} ${process.pid}` }),
    patient: (overrides: Record<string, unknown> = {}) =>
      created<{ id: string; version: number; nationalId: string; mrn: string }>('/api/patients', {
        name: `Patient${next()}`,
        dateOfBirth: '1985-05-17',
        nationalId: nik(),
        ...overrides,
      }),
    employee: (role = 'staff') =>
      created<{ id: string; version: number; email: string }>('/api/employees', {
        name: `Employee${next()}`,
        email: `employee${next()}-${process.pid}@test.local`,
        password: PASSWORD,
        role,
      }),
    /** A doctor working every day 08:00-16:00 (hospital time), from 2024 on. */
    async doctor() {
      const doctor = await created<{ id: string; version: number; employeeId: string }>('/api/doctors', {
        name: `Doctor${next()}`,
        email: `doctor${next()}-${process.pid}@test.local`,
        password: PASSWORD,
        specialization: 'General Practice',
        licenseNumber: `LIC-${next()}-${process.pid}`,
      });
      const weeklyEntryIds: string[] = [];
      for (let weekday = 1; weekday <= 7; weekday++) {
        const entry = await created<{ id: string }>(`/api/doctors/${doctor.id}/schedule/weekly-hours`, {
          weekday,
          startTime: '08:00',
          endTime: '16:00',
          validFrom: '2024-01-01',
        });
        weeklyEntryIds.push(entry.id);
      }
      return { ...doctor, weeklyEntryIds };
    },
    /** A doctor (as `doctor()`) who works in the department, with that specialization. */
    async doctorIn(departmentId: string, specialization = 'General Practice') {
      const doctor = await this.doctor();
      const current = await rest<{ version: number; licenseNumber: string }>(api, 'GET', `/api/doctors/${doctor.id}`, {
        token: api.tokens.admin,
      });
      const res = await rest(api, 'PUT', `/api/doctors/${doctor.id}`, {
        token: api.tokens.admin,
        body: {
          id: doctor.id,
          version: current.body.version,
          specialization,
          licenseNumber: current.body.licenseNumber,
          departmentIds: [departmentId],
        },
      });
      if (res.status !== 200) throw new Error(`PUT doctor answered ${res.status}`);
      return doctor;
    },
    /** A visit type of a (fresh) department, with its rules. */
    visitType: async (departmentId?: string, rules: Record<string, unknown> = {}) =>
      created<{ id: string; version: number; departmentId: string }>(
        `/api/departments/${departmentId ?? (await fixtures(api).department()).id}/visit-types`,
        { name: `Visit ${next()}`, durationMinutes: 20, ...rules },
      ),
    timeOff: (doctorId: string, startsAt = '2032-01-01T00:00:00Z', endsAt = '2032-01-02T00:00:00Z') =>
      created<{ id: string }>(`/api/doctors/${doctorId}/schedule/time-off`, { startsAt, endsAt, reason: 'Leave' }),
    /** The next free 30-minute slot inside 08:00-16:00 in the hospital's zone (Asia/Jakarta), from 2031-01-06 on. */
    slot: () => {
      const n = slot++;
      const day = new Date(Date.UTC(2031, 0, 6 + Math.floor(n / 16))).toISOString().slice(0, 10);
      const minutes = 8 * 60 + (n % 16) * 30;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const start = zonedDateTimeToInstant(day, time, 'Asia/Jakarta');
      return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 30 * 60_000).toISOString() };
    },
    /** A walk-in's ticket in a fresh department's queue (today, by the server's clock). */
    async queueTicket() {
      const [department, patient] = await Promise.all([this.department(), this.patient()]);
      return created<{ id: string; version: number; number: number }>(`/api/departments/${department.id}/queue`, {
        patientId: patient.id,
      });
    },
    /** A ticket called to a desk: its last step can be undone. */
    async calledTicket() {
      const ticket = await this.queueTicket();
      const res = await rest<{ id: string; version: number }>(api, 'POST', `/api/queue-tickets/${ticket.id}/steps`, {
        token: admin,
        body: { step: 'call', desk: 'Room 1' },
      });
      if (res.status !== 200) throw new Error(`call answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async appointment(doctorId?: string) {
      const patient = await this.patient();
      const doctor = doctorId ? { id: doctorId } : await this.doctor();
      return created<{
        id: string;
        version: number;
        doctorId: string;
        patientId: string;
        startsAt: string;
        updatedAt: string;
      }>('/api/appointments', {
        patientId: patient.id,
        doctorId: doctor.id,
        ...this.slot(),
        reason: 'Check-up',
      });
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;
