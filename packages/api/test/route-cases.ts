import type { Permission, Role } from '@meditrack/contract';
import { BOARD_EVENTS_PATH } from '../src/http/board-stream.js';
import type { Fixtures } from './fixtures.js';
import { nik, PASSWORD } from './harness.js';

/** One call, as tRPC input; the REST request is derived from it the way trpc-to-openapi maps it. */
export type Input = Record<string, unknown>;

export interface RouteCase {
  procedure: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: `/${string}`;
  access: Permission | 'authenticated' | 'public';
  successStatus: 200 | 201 | 202 | 204;
  /** Roles that succeed, when the permission table alone does not decide (own-record rules). */
  allowedRoles?: Role[];
  /** A valid call (for this role); fresh records for calls that change them. */
  valid: (fx: Fixtures, role: Role) => Promise<Input>;
  /** A call with invalid input -> 400 VALIDATION_FAILED. */
  invalid: (fx: Fixtures) => Promise<Input>;
  /** A call naming a record that does not exist -> 404. */
  missing?: () => Input | Promise<Input>;
  /** A PUT based on an old version -> 409 VERSION_CONFLICT. */
  stale?: (fx: Fixtures) => Promise<Input>;
}

const ghost = '018f0000-0000-7000-8000-000000000000';
const patientBody = () => ({ name: 'Updated', dateOfBirth: '1985-05-17', nationalId: nik(), gender: 'female' });
const doctorBody = {
  specialization: 'Cardiology',
  licenseNumber: 'X',
  departmentIds: [],
  defaultAppointmentMinutes: 20,
};

/** Every procedure of the API (a test checks that this list and the router agree). */
export const ROUTE_CASES: RouteCase[] = [
  {
    procedure: 'auth.login',
    method: 'POST',
    path: '/auth/login',
    access: 'public',
    successStatus: 200,
    valid: async () => ({ email: 'nurse@test.local', password: PASSWORD }),
    invalid: async () => ({ email: 'not-an-email', password: 'x' }),
  },
  {
    procedure: 'auth.loginAlias',
    method: 'POST',
    path: '/login',
    access: 'public',
    successStatus: 200,
    valid: async () => ({ username: 'staff-user', password: PASSWORD }),
    // A NUL byte once reached the embedded database and cut its connection (503); it is input, not an outage.
    invalid: async () => ({ username: 'staff\u0000user', password: 'x' }),
  },
  {
    procedure: 'auth.refresh',
    method: 'POST',
    path: '/auth/refresh',
    access: 'public',
    successStatus: 200,
    valid: async (fx) => ({ refreshToken: await fx.refreshToken() }),
    invalid: async () => ({ refreshToken: 'short' }),
  },
  {
    procedure: 'auth.logout',
    method: 'POST',
    path: '/auth/logout',
    access: 'public',
    successStatus: 204,
    valid: async (fx) => ({ refreshToken: await fx.refreshToken() }),
    invalid: async () => ({}),
  },
  {
    procedure: 'auth.register',
    method: 'POST',
    path: '/auth/register',
    access: 'employees:write',
    successStatus: 201,
    valid: async () => ({ name: 'New', email: `new-${Math.random()}@test.local`, password: PASSWORD, role: 'nurse' }),
    invalid: async () => ({ name: 'New', email: 'x@test.local', password: 'short', role: 'nurse' }),
  },
  {
    procedure: 'auth.me',
    method: 'GET',
    path: '/me',
    access: 'authenticated',
    successStatus: 200,
    valid: async () => ({}),
    invalid: async () => ({ unexpected: 'field' }),
  },
  ...resource('patients', '/patients', {
    read: 'patients:read',
    write: 'patients:write',
    archive: 'patients:archive',
    make: (fx) => fx.patient(),
    createBody: async () => ({ name: 'Ana', dateOfBirth: '2001-01-01', nationalId: nik() }),
    updateBody: async () => patientBody(),
    invalidCreate: async () => ({ name: 'Ana', dateOfBirth: '2001-01-01', nationalId: '12345' }),
    listQuery: { name: 'patient', limit: '5' },
  }),
  {
    procedure: 'patients.listMedicalHistory',
    method: 'GET',
    path: '/patients/{patientId}/medical-history',
    access: 'medical-history:read',
    successStatus: 200,
    valid: async (fx) => ({ patientId: (await fx.patient()).id }),
    invalid: async () => ({ patientId: 'not-a-uuid' }),
    missing: () => ({ patientId: ghost }),
  },
  {
    procedure: 'patients.addMedicalHistory',
    method: 'POST',
    path: '/patients/{patientId}/medical-history',
    access: 'medical-history:write',
    successStatus: 201,
    valid: async (fx) => ({ patientId: (await fx.patient()).id, recordedOn: '2024-01-01', diagnosis: 'Asthma' }),
    invalid: async (fx) => ({ patientId: (await fx.patient()).id, recordedOn: '2024-13-01', diagnosis: 'Asthma' }),
    missing: () => ({ patientId: ghost, recordedOn: '2024-01-01', diagnosis: 'Asthma' }),
  },
  ...resource('doctors', '/doctors', {
    read: 'doctors:read',
    write: 'doctors:write',
    archive: 'doctors:write',
    make: (fx) => fx.doctor(),
    createBody: async () => ({
      name: 'Dr New',
      email: `dr-${Math.random()}@test.local`,
      password: PASSWORD,
      specialization: 'Neurology',
      licenseNumber: `L-${Math.random()}`,
    }),
    updateBody: async () => ({ ...doctorBody, licenseNumber: `L-${Math.random()}` }),
    invalidCreate: async () => ({
      name: 'Dr New',
      email: 'x@test.local',
      password: PASSWORD,
      specialization: '',
      licenseNumber: 'L',
    }),
    listQuery: { limit: '5', sort: 'name' },
  }),
  {
    procedure: 'doctors.schedule',
    method: 'GET',
    path: '/doctors/{id}/schedule',
    access: 'doctors:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.doctor()).id }),
    invalid: async () => ({ id: 'nope' }),
    missing: () => ({ id: ghost }),
  },
  ...resource('departments', '/departments', {
    read: 'departments:read',
    write: 'departments:write',
    archive: 'departments:write',
    make: (fx) => fx.department(),
    createBody: async () => ({ name: `Ward ${Math.random()}` }),
    updateBody: async () => ({ name: `Ward ${Math.random()}`, description: 'Renamed' }),
    invalidCreate: async () => ({ name: '   ' }),
    listQuery: { q: 'dept' },
  }),
  ...resource('employees', '/employees', {
    read: 'employees:read',
    write: 'employees:write',
    archive: 'employees:write',
    make: (fx) => fx.employee(),
    createBody: async () => ({
      name: 'Emp',
      email: `e-${Math.random()}@test.local`,
      password: PASSWORD,
      role: 'staff',
    }),
    updateBody: async () => ({ name: 'Emp', email: `e-${Math.random()}@test.local`, role: 'staff' }),
    invalidCreate: async () => ({ name: 'Emp', email: 'e@test.local', password: PASSWORD, role: 'superuser' }),
    listQuery: { role: 'staff' },
  }),
  {
    procedure: 'appointments.list',
    method: 'GET',
    path: '/appointments',
    access: 'appointments:read',
    successStatus: 200,
    valid: async () => ({ status: 'scheduled', from: '2031-01-01T00:00:00Z' }),
    invalid: async () => ({ status: 'teleported' }),
  },
  {
    procedure: 'appointments.get',
    method: 'GET',
    path: '/appointments/{id}',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.appointment()).id }),
    invalid: async () => ({ id: '42' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'appointments.book',
    method: 'POST',
    path: '/appointments',
    access: 'appointments:write',
    successStatus: 201,
    valid: async (fx) => {
      const [patient, doctor] = await Promise.all([fx.patient(), fx.doctor()]);
      return { patientId: patient.id, doctorId: doctor.id, ...fx.slot() };
    },
    invalid: async (fx) => ({ patientId: (await fx.patient()).id, doctorId: 'x', startsAt: 'tomorrow' }),
  },
  {
    procedure: 'appointments.update',
    method: 'PUT',
    path: '/appointments/{id}',
    access: 'appointments:write',
    successStatus: 200,
    valid: async (fx) => {
      const a = await fx.appointment();
      return { id: a.id, version: a.version, reason: 'Follow-up', frontDeskNotes: 'Bring results' };
    },
    invalid: async (fx) => ({ id: (await fx.appointment()).id, version: 1, reason: 'x'.repeat(3000) }),
    missing: () => ({ id: ghost, version: 1, reason: 'x' }),
    stale: async (fx) => ({ id: (await fx.appointment()).id, version: 7, reason: 'x' }),
  },
  {
    procedure: 'appointments.reschedule',
    method: 'POST',
    path: '/appointments/{id}/reschedule',
    access: 'appointments:write',
    successStatus: 200,
    valid: async (fx) => {
      const a = await fx.appointment();
      return { id: a.id, version: a.version, ...fx.slot() };
    },
    invalid: async (fx) => ({ id: (await fx.appointment()).id, startsAt: 'next tuesday' }),
    missing: () => ({ id: ghost, startsAt: '2031-01-06T02:00:00Z' }),
    stale: async (fx) => {
      const a = await fx.appointment();
      return { id: a.id, version: a.version + 3, ...fx.slot() };
    },
  },
  {
    procedure: 'appointments.checkIn',
    method: 'POST',
    path: '/appointments/{id}/check-in',
    access: 'appointments:check-in',
    successStatus: 200,
    valid: async (fx) => {
      const { id } = await fx.appointment();
      await fx.arrive(id);
      return { id };
    },
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'appointments.undoNoShow',
    method: 'POST',
    path: '/appointments/{id}/undo-no-show',
    access: 'appointments:check-in',
    successStatus: 200,
    valid: async (fx) => ({ id: await fx.noShow() }),
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'appointments.complete',
    method: 'POST',
    path: '/appointments/{id}/complete',
    access: 'appointments:complete',
    // Only the appointment's own doctor: the admin has the permission but is not that doctor.
    allowedRoles: ['doctor'],
    successStatus: 200,
    valid: async (fx) => {
      const a = await fx.appointment(fx.ownDoctorId);
      await fx.checkIn(a.id);
      return { id: a.id, diagnosis: 'Common cold', notes: 'Rest and fluids' };
    },
    invalid: async () => ({ id: ghost, diagnosis: '' }),
    missing: () => ({ id: ghost, diagnosis: 'x' }),
  },
  {
    procedure: 'appointments.cancel',
    method: 'POST',
    path: '/appointments/{id}/cancel',
    access: 'appointments:write',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.appointment()).id, reason: 'Patient called' }),
    invalid: async (fx) => ({ id: (await fx.appointment()).id }),
    missing: () => ({ id: ghost, reason: 'x' }),
  },
  {
    procedure: 'appointments.noShow',
    method: 'POST',
    path: '/appointments/{id}/no-show',
    access: 'appointments:check-in',
    successStatus: 200,
    valid: async (fx) => {
      const { id } = await fx.appointment();
      await fx.arrive(id);
      return { id };
    },
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'appointments.remove',
    method: 'DELETE',
    path: '/appointments/{id}',
    access: 'appointments:write',
    successStatus: 204,
    valid: async (fx) => ({ id: (await fx.appointment()).id, reason: 'Patient called' }),
    invalid: async (fx) => ({ id: (await fx.appointment()).id }),
    missing: () => ({ id: ghost, reason: 'x' }),
  },
  {
    procedure: 'doctors.addWeeklyHours',
    method: 'POST',
    path: '/doctors/{id}/schedule/weekly-hours',
    access: 'schedules:write',
    // Doctors may edit only their own schedule; this is another doctor's.
    allowedRoles: ['admin'],
    successStatus: 201,
    valid: async (fx) => ({
      id: (await fx.doctor()).id,
      weekday: 1,
      startTime: '17:00',
      endTime: '19:30',
      validFrom: '2031-01-01',
    }),
    invalid: async (fx) => ({
      id: (await fx.doctor()).id,
      weekday: 9,
      startTime: '17:00',
      endTime: '19:30',
      validFrom: '2031-01-01',
    }),
    missing: () => ({ id: ghost, weekday: 1, startTime: '17:00', endTime: '19:30', validFrom: '2031-01-01' }),
  },
  {
    procedure: 'doctors.removeWeeklyHours',
    method: 'DELETE',
    path: '/doctors/{id}/schedule/weekly-hours/{entryId}',
    access: 'schedules:write',
    allowedRoles: ['admin'],
    successStatus: 204,
    valid: async (fx) => {
      const doctor = await fx.doctor();
      return { id: doctor.id, entryId: doctor.weeklyEntryIds[0] as string };
    },
    invalid: async (fx) => ({ id: (await fx.doctor()).id, entryId: 'monday' }),
    missing: () => ({ id: ghost, entryId: ghost }),
  },
  {
    procedure: 'doctors.addTimeOff',
    method: 'POST',
    path: '/doctors/{id}/schedule/time-off',
    access: 'schedules:write',
    allowedRoles: ['admin'],
    successStatus: 201,
    valid: async (fx) => ({
      id: (await fx.doctor()).id,
      startsAt: '2031-06-01 08:00:00',
      endsAt: '2031-06-05 16:00:00',
      reason: 'Congress',
    }),
    invalid: async (fx) => ({ id: (await fx.doctor()).id, startsAt: 'soon', endsAt: 'later' }),
    missing: () => ({ id: ghost, startsAt: '2031-06-01T00:00:00Z', endsAt: '2031-06-02T00:00:00Z' }),
  },
  {
    procedure: 'doctors.removeTimeOff',
    method: 'DELETE',
    path: '/doctors/{id}/schedule/time-off/{timeOffId}',
    access: 'schedules:write',
    allowedRoles: ['admin'],
    successStatus: 204,
    valid: async (fx) => {
      const doctor = await fx.doctor();
      return { id: doctor.id, timeOffId: (await fx.timeOff(doctor.id)).id };
    },
    invalid: async (fx) => ({ id: (await fx.doctor()).id, timeOffId: 'x' }),
    missing: () => ({ id: ghost, timeOffId: ghost }),
  },
  {
    procedure: 'doctors.availability',
    method: 'GET',
    path: '/doctors/{id}/availability',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.doctor()).id, from: '2031-01-06', to: '2031-01-07' }),
    invalid: async (fx) => ({ id: (await fx.doctor()).id, from: '2031-01-06', to: 'whenever' }),
    missing: () => ({ id: ghost, from: '2031-01-06', to: '2031-01-07' }),
  },
  {
    procedure: 'doctors.searchAvailability',
    method: 'GET',
    path: '/availability',
    access: 'appointments:read',
    successStatus: 200,
    valid: async () => ({ specialization: 'general', from: '2031-01-06', to: '2031-01-06' }),
    invalid: async () => ({ from: '2031-01-06', to: '2031-01-07' }),
  },
  {
    procedure: 'doctors.calendar',
    method: 'GET',
    path: '/doctors/{id}/appointments',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.appointment()).doctorId, from: '2031-01-01', to: '2031-01-31' }),
    invalid: async (fx) => ({ id: (await fx.doctor()).id, from: '2031-01-01', to: '2031-06-01' }),
    missing: () => ({ id: ghost, from: '2031-01-01', to: '2031-01-31' }),
  },
  {
    procedure: 'patients.calendar',
    method: 'GET',
    path: '/patients/{id}/appointments',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.appointment()).patientId, from: '2031-01-01', to: '2031-01-31' }),
    invalid: async (fx) => ({ id: (await fx.patient()).id, from: '2031-01-31', to: '2031-01-01' }),
    missing: () => ({ id: ghost, from: '2031-01-01', to: '2031-01-31' }),
  },
  {
    procedure: 'departments.day',
    method: 'GET',
    path: '/departments/{id}/day',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.department()).id, date: '2031-01-06' }),
    invalid: async (fx) => ({ id: (await fx.department()).id, date: '2031-02-30' }),
    missing: () => ({ id: ghost, date: '2031-01-06' }),
  },
  {
    procedure: 'visitTypes.create',
    method: 'POST',
    path: '/departments/{id}/visit-types',
    access: 'visit-types:write',
    successStatus: 201,
    valid: async (fx) => ({ id: (await fx.department()).id, name: 'Follow-up', durationMinutes: 15 }),
    invalid: async (fx) => ({ id: (await fx.department()).id, name: 'Group', durationMinutes: 30, capacity: 0 }),
    missing: () => ({ id: ghost, name: 'Follow-up', durationMinutes: 15 }),
  },
  {
    procedure: 'visitTypes.list',
    method: 'GET',
    path: '/departments/{id}/visit-types',
    access: 'appointments:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.visitType()).departmentId }),
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'visitTypes.update',
    method: 'PUT',
    path: '/visit-types/{id}',
    access: 'visit-types:write',
    successStatus: 200,
    valid: async (fx) => {
      const { id, version } = await fx.visitType();
      return { id, version, name: 'Vaccination', durationMinutes: 10, bufferAfterMinutes: 5 };
    },
    invalid: async (fx) => {
      const { id, version } = await fx.visitType();
      return { id, version, name: 'Vaccination', durationMinutes: 10, bufferAfterMinutes: 500 };
    },
    missing: () => ({ id: ghost, version: 1, name: 'Vaccination', durationMinutes: 10 }),
    stale: async (fx) => ({ id: (await fx.visitType()).id, version: 7, name: 'Vaccination', durationMinutes: 10 }),
  },
  {
    procedure: 'visitTypes.archive',
    method: 'DELETE',
    path: '/visit-types/{id}',
    access: 'visit-types:write',
    successStatus: 204,
    valid: async (fx) => ({ id: (await fx.visitType()).id }),
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'queue.issue',
    method: 'POST',
    path: '/departments/{id}/queue',
    access: 'queue:manage',
    successStatus: 201,
    valid: async (fx) => ({ id: (await fx.department()).id, patientId: (await fx.patient()).id }),
    invalid: async (fx) => ({ id: (await fx.department()).id, patientId: 'x' }),
    missing: () => ({ id: ghost, patientId: ghost }),
  },
  {
    procedure: 'queue.department',
    method: 'GET',
    path: '/departments/{id}/queue',
    access: 'queue:read',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.department()).id }),
    invalid: async (fx) => ({ id: (await fx.department()).id, date: '2031-02-30' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'queue.step',
    method: 'POST',
    path: '/queue-tickets/{id}/steps',
    access: 'queue:call',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.queueTicket()).id, step: 'call', desk: 'Room 2' }),
    invalid: async (fx) => ({ id: (await fx.queueTicket()).id, step: 'teleport' }),
    missing: () => ({ id: ghost, step: 'call', desk: 'Room 2' }),
  },
  {
    procedure: 'queue.undo',
    method: 'POST',
    path: '/queue-tickets/{id}/undo',
    access: 'queue:undo',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.calledTicket()).id }),
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'queue.board',
    method: 'GET',
    path: '/departments/{id}/board',
    access: 'public',
    successStatus: 200,
    valid: async (fx) => ({ id: (await fx.department()).id }),
    invalid: async () => ({ id: 'x' }),
    missing: () => ({ id: ghost }),
  },
  {
    procedure: 'sync.trigger',
    method: 'POST',
    path: '/sync-runs',
    access: 'sync:run',
    successStatus: 202,
    valid: async (fx) => {
      await fx.syncReady();
      return {};
    },
    invalid: async () => ({ dryRun: true }),
  },
  {
    procedure: 'sync.list',
    method: 'GET',
    path: '/sync-runs',
    access: 'sync:read',
    successStatus: 200,
    valid: async () => ({ status: 'succeeded', order: 'desc' }),
    invalid: async () => ({ status: 'sleeping' }),
  },
  {
    procedure: 'audit.list',
    method: 'GET',
    path: '/audit-events',
    access: 'audit:read',
    successStatus: 200,
    valid: async () => ({ entityType: 'Patient', order: 'desc' }),
    invalid: async () => ({ limit: '100000' }),
  },
];

interface ResourceOptions {
  read: Permission;
  write: Permission;
  archive: Permission;
  make: (fx: Fixtures) => Promise<{ id: string; version: number }>;
  createBody: () => Promise<Input>;
  updateBody: () => Promise<Input>;
  invalidCreate: () => Promise<Input>;
  listQuery: Input;
}

/** list / get / create / update / archive of one aggregate. */
function resource(name: string, path: `/${string}`, o: ResourceOptions): RouteCase[] {
  const one = `${path}/{id}` as const;
  return [
    {
      procedure: `${name}.list`,
      method: 'GET',
      path,
      access: o.read,
      successStatus: 200,
      valid: async () => o.listQuery,
      invalid: async () => ({ limit: '101' }),
    },
    {
      procedure: `${name}.get`,
      method: 'GET',
      path: one,
      access: o.read,
      successStatus: 200,
      valid: async (fx) => ({ id: (await o.make(fx)).id }),
      invalid: async () => ({ id: 'not-a-uuid' }),
      missing: () => ({ id: ghost }),
    },
    {
      procedure: `${name}.create`,
      method: 'POST',
      path,
      access: o.write,
      successStatus: 201,
      valid: () => o.createBody(),
      invalid: () => o.invalidCreate(),
    },
    {
      procedure: `${name}.update`,
      method: 'PUT',
      path: one,
      access: o.write,
      successStatus: 200,
      valid: async (fx) => {
        const record = await o.make(fx);
        return { id: record.id, version: record.version, ...(await o.updateBody()) };
      },
      invalid: async (fx) => ({ id: (await o.make(fx)).id, version: 1, ...(await o.updateBody()), unknownField: true }),
      missing: async () => ({ id: ghost, version: 1, ...(await o.updateBody()) }),
      stale: async (fx) => {
        const record = await o.make(fx);
        return { id: record.id, version: record.version + 5, ...(await o.updateBody()) };
      },
    },
    {
      procedure: `${name}.archive`,
      method: 'DELETE',
      path: one,
      access: o.archive,
      successStatus: 204,
      valid: async (fx) => ({ id: (await o.make(fx)).id }),
      invalid: async () => ({ id: 'x' }),
      missing: () => ({ id: ghost }),
    },
  ];
}

/** Every REST route of the document: the procedures', and the board's event stream (REST only: it streams). */
export const DOCUMENTED_ROUTES = [
  ...ROUTE_CASES.map((c) => `${c.method} ${c.path}`),
  `GET ${BOARD_EVENTS_PATH}`,
].sort();
