import { FIELD_PERMISSIONS, hasPermission, ROLES, type Role, type VisibilityResource } from '@meditrack/contract';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRest, callTrpc } from './call.js';
import { fixtures } from './fixtures.js';
import { nik, rest, startTestApi, type TestApi } from './harness.js';
import { type Input, ROUTE_CASES, type RouteCase } from './route-cases.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = any;

/** The clinical text written at completion, by the field that holds it. */
const SECRET = { diagnosis: 'Secret diagnosis', notes: 'Secret clinical notes' } as const;

let api: TestApi;
/** A completed appointment (with SECRET) of the `doctor` account, its patient, and where it lies. */
let seen: { appointmentId: string; patientId: string; departmentId: string; day: string };

beforeAll(async () => {
  api = await startTestApi();
  const fx = fixtures(api);
  const admin = { token: api.tokens.admin };
  // The department day lists the doctors of a department: put the `doctor` account's profile in one.
  const department = await fx.department();
  const doctor = (await rest<Json>(api, 'GET', `/api/doctors/${api.ownDoctorId}`, admin)).body;
  const linked = await rest(api, 'PUT', `/api/doctors/${api.ownDoctorId}`, {
    ...admin,
    body: {
      version: doctor.version,
      specialization: doctor.specialization,
      licenseNumber: doctor.licenseNumber,
      departmentIds: [department.id],
      defaultAppointmentMinutes: doctor.defaultAppointmentMinutes,
    },
  });
  expect(linked.status).toBe(200);
  // Only the appointment's own doctor may complete it, on its day (checkIn moves the clock there).
  const completed = await fx.appointment(api.ownDoctorId);
  await fx.checkIn(completed.id);
  const done = await rest(api, 'POST', `/api/appointments/${completed.id}/complete`, {
    token: api.tokens.doctor,
    body: SECRET,
  });
  expect(done.status).toBe(200);
  // A later, still open appointment of the same patient: its clinical fields are null, which is not absent.
  const open = await rest(api, 'POST', '/api/appointments', {
    ...admin,
    body: { patientId: completed.patientId, doctorId: api.ownDoctorId, ...fx.slot(), reason: 'Follow-up' },
  });
  expect(open.status).toBe(201);
  api.clock.reset();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(completed.startsAt));
  seen = { appointmentId: completed.id, patientId: completed.patientId, departmentId: department.id, day };
});
afterAll(async () => {
  await api?.close();
});

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
const range = () => ({ from: shiftDay(seen.day, -1), to: shiftDay(seen.day, 1) });

/** A call of the test: its input is made just before the call (a PUT needs the current version). */
interface Case {
  procedure: string;
  input: () => Input | Promise<Input>;
  /** Whether the completed appointment, and so its clinical text, is in the answer. */
  withSecret: boolean;
}

const READS: Case[] = [
  { procedure: 'patients.get', input: () => ({ id: seen.patientId }), withSecret: false },
  { procedure: 'patients.list', input: () => ({}), withSecret: false },
  { procedure: 'appointments.get', input: () => ({ id: seen.appointmentId }), withSecret: true },
  { procedure: 'appointments.list', input: () => ({ patientId: seen.patientId }), withSecret: true },
  { procedure: 'doctors.calendar', input: () => ({ id: api.ownDoctorId, ...range() }), withSecret: true },
  { procedure: 'patients.calendar', input: () => ({ id: seen.patientId, ...range() }), withSecret: true },
  { procedure: 'departments.day', input: () => ({ id: seen.departmentId, date: seen.day }), withSecret: true },
];

// Writes answer the record they wrote, shaped like a read: front desk edits a completed appointment.
const WRITES: Case[] = [
  {
    procedure: 'appointments.update',
    input: async () => {
      const current = await rest<Json>(api, 'GET', `/api/appointments/${seen.appointmentId}`, {
        token: api.tokens.admin,
      });
      return { id: seen.appointmentId, version: current.body.version, reason: 'Check-up', frontDeskNotes: 'Gate B' };
    },
    withSecret: true,
  },
  {
    procedure: 'patients.create',
    input: () => ({ name: 'Visible', dateOfBirth: '1990-01-01', nationalId: nik() }),
    withSecret: false,
  },
];

interface Call {
  route: RouteCase;
  input: Input;
}
interface Outcome {
  status: number;
  data?: unknown;
}

/** All calls in one HTTP request: queries by GET, mutations by POST (a batch holds one kind). */
async function trpcBatch(calls: Call[], token: string): Promise<Outcome[]> {
  const paths = calls.map((c) => c.route.procedure).join(',');
  const inputs = JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, superjson.serialize(c.input)])));
  const query = calls.every((c) => c.route.method === 'GET');
  const headers = { authorization: `Bearer ${token}` };
  const res = await fetch(
    `${api.url}/trpc/${paths}?batch=1${query ? `&input=${encodeURIComponent(inputs)}` : ''}`,
    query ? { headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: inputs },
  );
  const body = (await res.json()) as Json[];
  expect(body).toHaveLength(calls.length);
  return body.map((entry, i) =>
    entry.result
      ? { status: calls[i]?.route.successStatus ?? 0, data: superjson.deserialize(entry.result.data) }
      : { status: entry.error.json.data.httpStatus },
  );
}

const TRANSPORTS: Record<string, (calls: Call[], token: string) => Promise<Outcome[]>> = {
  REST: async (calls, token) => {
    const outcomes: Outcome[] = [];
    for (const c of calls) {
      const res = await callRest(api, c.route, c.input, token);
      outcomes.push({ status: res.status, data: res.body });
    }
    return outcomes;
  },
  tRPC: async (calls, token) => {
    const outcomes: Outcome[] = [];
    for (const c of calls) outcomes.push(await callTrpc(api, c.route, c.input, token));
    return outcomes;
  },
  'tRPC batch': trpcBatch,
};

/** Every appointment and patient object anywhere in an answer (pages, calendars, a department day). */
function recordsIn(value: unknown, found: Record<VisibilityResource, Json[]> = { appointment: [], patient: [] }) {
  if (Array.isArray(value)) for (const item of value) recordsIn(item, found);
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('startsAt' in value && 'patientId' in value) found.appointment.push(value);
    if ('nationalId' in value) found.patient.push(value);
    for (const item of Object.values(value)) recordsIn(item, found);
  }
  return found;
}

const routeOf = (procedure: string): RouteCase => {
  const route = ROUTE_CASES.find((r) => r.procedure === procedure);
  if (!route) throw new Error(`no route case for ${procedure}`);
  return route;
};

async function expectVisibility(transport: string, role: Role, cases: Case[]) {
  const calls: Call[] = [];
  for (const c of cases) calls.push({ route: routeOf(c.procedure), input: await c.input() });
  const outcomes = (await TRANSPORTS[transport]?.(calls, api.tokens[role])) ?? [];
  expect(outcomes).toHaveLength(cases.length);
  for (const [i, { procedure, withSecret }] of cases.entries()) {
    const { route } = calls[i] as Call;
    const { status, data } = outcomes[i] as Outcome;
    const where = `${transport} ${procedure} as ${role}`;
    if (route.access === 'public' || route.access === 'authenticated') throw new Error(`${where}: not guarded`);
    // The route's own permission first: without it, a refusal and nothing to look at.
    if (!hasPermission(role, route.access)) {
      expect(status, where).toBe(403);
      continue;
    }
    expect(status, `${where}: ${JSON.stringify(data)}`).toBe(route.successStatus);

    const found = recordsIn(data);
    expect(found.appointment.length + found.patient.length, `${where}: records in the answer`).toBeGreaterThan(0);
    for (const resource of Object.keys(FIELD_PERMISSIONS) as VisibilityResource[]) {
      for (const [field, permission] of Object.entries(FIELD_PERMISSIONS[resource])) {
        for (const record of found[resource]) {
          expect(field in record, `${where}: ${resource} ${record.id} has key ${field}`).toBe(
            hasPermission(role, permission),
          );
        }
      }
    }
    // The text itself, wherever it might hide (a renamed key, a nested copy).
    const json = JSON.stringify(data);
    for (const [field, text] of Object.entries(SECRET) as [keyof typeof SECRET, string][]) {
      const sees = hasPermission(role, FIELD_PERMISSIONS.appointment[field]);
      if (!sees) expect(json, `${where}: ${field} text`).not.toContain(text);
      else if (withSecret) expect(json, `${where}: ${field} text`).toContain(text);
    }
  }
}

// Every role, every transport: what the permission table says each answer may carry.
describe.each(Object.keys(TRANSPORTS))('%s', (transport) => {
  it.each(ROLES)('reads as %s: clinical fields exactly per the permission table', (role) =>
    expectVisibility(transport, role, READS),
  );
  it.each(ROLES)('write answers to %s: clinical fields exactly per the permission table', (role) =>
    expectVisibility(transport, role, WRITES),
  );
});
