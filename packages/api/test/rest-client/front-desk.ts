/**
 * A front desk's day through a REST client generated from /openapi.json (openapi-typescript types,
 * openapi-fetch calls), written as an outside team would: no casts, errors narrowed by status and
 * code. Type-checked with `tsc --strict` and run against the API by rest-client.test.ts.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api.js';

type Appointment = components['schemas']['AppointmentAnswer'];

export interface FrontDeskInput {
  baseUrl: string;
  email: string;
  password: string;
  doctorId: string;
  /** A day the doctor works, `YYYY-MM-DD`, in the future. */
  day: string;
  nationalIds: [string, string];
}

export interface FrontDeskResult {
  searchedBefore: number;
  registered: string;
  foundAfter: number;
  slots: number;
  booked: Appointment;
  conflict: { status: number; code: string; conflictingAppointmentId: string | undefined };
  rescheduled: Appointment;
  cancelled: Appointment;
  staleVersion: { status: number; currentVersion: number | undefined };
}

export async function frontDeskFlow(input: FrontDeskInput): Promise<FrontDeskResult> {
  const client = createClient<paths>({ baseUrl: `${input.baseUrl}/api` });

  // Log in: a 401 is a wrong password, a 429 says when to try again.
  const login = await client.POST('/auth/login', { body: { email: input.email, password: input.password } });
  if (login.error) {
    if (login.response.status === 429)
      throw new Error(`throttled for ${login.error.error.details?.retryAfterSeconds} s`);
    throw new Error(`login refused: ${login.error.error.code}`);
  }
  const token = login.data.accessToken;
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });

  // Search by name, register, find them.
  const surname = `Flow${input.nationalIds[0].slice(-6)}`;
  const before = await client.GET('/patients', { params: { query: { name: surname, includeArchived: false } } });
  if (!before.data) throw new Error(`search failed: ${before.error?.error.code}`);
  const created = await client.POST('/patients', {
    body: { name: 'Siti', surname, dateOfBirth: '1990-04-12', nationalId: input.nationalIds[0], gender: 'female' },
  });
  if (created.error) {
    const { error } = created.error;
    if (error.code === 'VALIDATION_FAILED') throw new Error(`invalid ${error.field}: ${error.message}`);
    throw new Error(`register failed: ${error.code}`);
  }
  const patient = created.data;
  const other = await client.POST('/patients', {
    body: { name: 'Budi', surname, dateOfBirth: '1985-01-30', nationalId: input.nationalIds[1] },
  });
  if (!other.data) throw new Error(`register failed: ${other.error?.error.code}`);
  const after = await client.GET('/patients', { params: { query: { name: surname } } });
  if (!after.data) throw new Error('search failed');

  // Free slots of the day, book the first.
  const availability = await client.GET('/doctors/{id}/availability', {
    params: { path: { id: input.doctorId }, query: { from: input.day, to: input.day } },
  });
  if (!availability.data) throw new Error(`availability failed: ${availability.error?.error.code}`);
  const [first, , third] = availability.data.slots;
  if (!first || !third) throw new Error('the doctor has fewer than three free slots that day');
  const booking = await client.POST('/appointments', {
    body: { patientId: patient.id, doctorId: input.doctorId, startsAt: first.startsAt, reason: 'Check-up' },
  });
  if (!booking.data) throw new Error(`booking failed: ${booking.error?.error.code}`);
  const booked = booking.data;

  // The same time for another patient: a conflict that names the appointment in the way.
  const clash = await client.POST('/appointments', {
    body: { patientId: other.data.id, doctorId: input.doctorId, startsAt: first.startsAt },
  });
  if (!clash.error) throw new Error('a double booking was accepted');
  let conflictingAppointmentId: string | undefined;
  if (clash.response.status === 409 && clash.error.error.code === 'APPOINTMENT_CONFLICT')
    conflictingAppointmentId = clash.error.error.details?.conflictingAppointmentId;

  // Move it, then cancel it with the version it now has.
  const moved = await client.POST('/appointments/{id}/reschedule', {
    params: { path: { id: booked.id } },
    body: { version: booked.version, startsAt: third.startsAt },
  });
  if (!moved.data) throw new Error(`reschedule failed: ${moved.error?.error.code}`);

  // A stale version is refused with the current one, so the desk can reload.
  const stale = await client.POST('/appointments/{id}/cancel', {
    params: { path: { id: booked.id } },
    body: { version: booked.version, reason: 'Patient called' },
  });
  let currentVersion: number | undefined;
  if (stale.error?.error.code === 'VERSION_CONFLICT') currentVersion = stale.error.error.details?.currentVersion;

  const cancel = await client.POST('/appointments/{id}/cancel', {
    params: { path: { id: booked.id } },
    body: { version: moved.data.version, reason: 'Patient called' },
  });
  if (!cancel.data) throw new Error(`cancel failed: ${cancel.error?.error.code}`);

  return {
    searchedBefore: before.data.items.length,
    registered: patient.id,
    foundAfter: after.data.items.length,
    slots: availability.data.slots.length,
    booked,
    conflict: { status: clash.response.status, code: clash.error.error.code, conflictingAppointmentId },
    rescheduled: moved.data,
    cancelled: cancel.data,
    staleVersion: { status: stale.response.status, currentVersion },
  };
}
