/**
 * The benchmarked operations, each as the same call over the three transports: tRPC (what the SDK
 * sends), REST (what other systems send) and the bare baseline. Inputs rotate over samples of the
 * dataset, so the database answers from a realistic spread of rows, not one cached row.
 */
import pg from 'pg';
import { BENCH_VISIT_TYPE, type Dataset, type WriteTargets } from '../dataset.js';
import type { HttpRequest } from './load.js';

export type Transport = 'trpc' | 'rest' | 'bare';
export const TRANSPORTS: Transport[] = ['trpc', 'rest', 'bare'];

export interface Operation {
  name: string;
  /** What one answer holds, for the report. */
  note: string;
  /** The statuses its answers may have (default: 200 only); anything else means the comparison is void. */
  statuses?: string[];
  /** The caller's access token, when not the admin's. */
  token?: string;
  request(transport: Transport, i: number): HttpRequest;
}

// As the SDK's httpBatchLink sends a single call: a batch of one, superjson-encoded.
const trpcQuery = (procedure: string, input: unknown): HttpRequest => ({
  method: 'GET',
  path: `/trpc/${procedure}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`,
});
const trpcMutation = (procedure: string, input: unknown): HttpRequest => ({
  method: 'POST',
  path: `/trpc/${procedure}?batch=1`,
  body: { 0: { json: input } },
});
const get = (path: string): HttpRequest => ({ method: 'GET', path });
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Rotates over precomputed requests (encoding them once keeps the load generator light). */
function rotating(count: number, make: (transport: Transport, k: number) => HttpRequest) {
  const table = new Map(TRANSPORTS.map((t) => [t, Array.from({ length: count }, (_, k) => make(t, k))]));
  return (transport: Transport, i: number) => table.get(transport)?.[i % count] as HttpRequest;
}

export interface Samples {
  patientIds: string[];
  nationalIds: string[];
  /** Partial names as typed at a front desk: given and middle name and the start of the family name. */
  nameTerms: string[];
  doctorIds: string[];
  /** The benchmark's visit type of each doctor's department (BENCH_VISIT_TYPE), by doctor. */
  visitTypeIds: string[];
}

export async function loadSamples(dataset: Dataset, count = 1000): Promise<Samples> {
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  const patients = await client.query<{ id: string; national_id: string; search_name: string }>(
    `select id, national_id, search_name from patients where national_id like '31%' order by md5(id::text) limit $1`,
    [count],
  );
  const doctors = await client.query<{ id: string; visitTypeId: string }>(
    `select d.id, (select v.id from doctor_departments dd join visit_types v on v.department_id = dd.department_id
                    where dd.doctor_id = d.id and v.name = $1 order by v.id limit 1) as "visitTypeId"
       from doctors d order by d.id`,
    [BENCH_VISIT_TYPE],
  );
  await client.end();
  return {
    patientIds: patients.rows.map((r) => r.id),
    nationalIds: patients.rows.map((r) => r.national_id),
    nameTerms: patients.rows.map((r) => {
      const [given = '', middle = '', family = ''] = r.search_name.split(' ');
      return `${given} ${middle} ${family.slice(0, 4)}`;
    }),
    doctorIds: doctors.rows.map((r) => r.id),
    visitTypeIds: doctors.rows.map((r) => r.visitTypeId),
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function readOperations(dataset: Dataset, s: Samples): Operation[] {
  const from = day(dataset.week);
  const to = day(new Date(dataset.week.getTime() + 6 * 86_400_000));
  return [
    {
      name: 'GET patient by id',
      note: 'one patient, and the audit event of the read',
      request: rotating(s.patientIds.length, (t, k) => {
        const id = s.patientIds[k] as string;
        if (t === 'trpc') return trpcQuery('patients.get', { id });
        return get(t === 'rest' ? `/api/patients/${id}` : `/patients/${id}`);
      }),
    },
    {
      name: 'search patients by partial name',
      note: 'first page (25) and the total, and the audit event of the search; "siti rahma sant" style',
      request: rotating(s.nameTerms.length, (t, k) => {
        const name = s.nameTerms[k] as string;
        if (t === 'trpc') return trpcQuery('patients.list', { name });
        return get(`${t === 'rest' ? '/api' : ''}/patients?${qs({ name })}`);
      }),
    },
    {
      name: 'search patients by national ID',
      note: 'exact match, one patient, and the audit event of the search',
      request: rotating(s.nationalIds.length, (t, k) => {
        const nationalId = s.nationalIds[k] as string;
        if (t === 'trpc') return trpcQuery('patients.list', { nationalId });
        return get(`${t === 'rest' ? '/api' : ''}/patients?${qs({ nationalId })}`);
      }),
    },
    {
      name: "a doctor's appointments for a week",
      note: '140 appointments (20 a day), and the audit event naming them and their patients',
      request: rotating(s.doctorIds.length, (t, k) => {
        const id = s.doctorIds[k] as string;
        if (t === 'trpc') return trpcQuery('doctors.calendar', { id, from, to });
        return get(`${t === 'rest' ? '/api' : ''}/doctors/${id}/appointments?${qs({ from, to })}`);
      }),
    },
  ];
}

/** Growth only: one family name, as a broad search (1% of all patients match, so the total grows with the table). */
export function broadNameSearch(s: Samples): Operation {
  const families = s.nameTerms.map((term) => term.split(' ')[2] ?? '');
  return {
    name: 'search patients by a family name prefix (broad)',
    note: '1% of patients match',
    request: rotating(families.length, (t, k) => {
      const name = families[k] as string;
      if (t === 'trpc') return trpcQuery('patients.list', { name });
      return get(`${t === 'rest' ? '/api' : ''}/patients?${qs({ name })}`);
    }),
  };
}

/** Booking slots nobody else uses: 18:00-21:00 UTC (outside the seeded 08:00-18:00), from 30 days on. */
function freeSlot(n: number, doctors: number): { doctor: number; startsAt: string } {
  const doctor = n % doctors;
  const slot = Math.floor(n / doctors);
  const base =
    Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + 30 * 86_400_000;
  const startsAt = new Date(base + Math.floor(slot / 6) * 86_400_000 + (18 * 60 + (slot % 6) * 30) * 60_000);
  return { doctor, startsAt: startsAt.toISOString() };
}

/**
 * Write operations. Counters are shared across transports and rounds, so no two requests of the
 * whole benchmark register the same national ID or book the same slot unless meant to (the
 * benchmark removes what an earlier run wrote before it starts: national IDs 32..., evening slots).
 */
export function writeOperations(s: Samples): Operation[] {
  let patientSerial = 0;
  let slotSerial = 0;
  let contendedSerial = 0;
  let visitSerial = 0;
  const book = (t: Transport, body: Record<string, unknown>): HttpRequest =>
    t === 'trpc'
      ? trpcMutation('appointments.book', body)
      : { method: 'POST', path: t === 'rest' ? '/api/appointments' : '/appointments', body };
  return [
    {
      name: 'create patient',
      note: 'insert and audit event in one transaction',
      statuses: ['201'],
      request: (t) => {
        const n = patientSerial++;
        const body = {
          name: 'Bench Patient',
          surname: `Run ${n}`,
          gender: 'female',
          dateOfBirth: '1990-04-01',
          nationalId: String(3200000000000000 + n),
        };
        if (t === 'trpc') return trpcMutation('patients.create', body);
        return { method: 'POST', path: t === 'rest' ? '/api/patients' : '/patients', body };
      },
    },
    {
      name: 'book appointment, uncontended',
      note: 'each request a free slot (201)',
      statuses: ['201'],
      request: (t) => {
        const n = slotSerial++;
        const { doctor, startsAt } = freeSlot(n, s.doctorIds.length);
        return book(t, {
          patientId: s.patientIds[n % s.patientIds.length],
          doctorId: s.doctorIds[doctor],
          startsAt,
          durationMinutes: 30,
        });
      },
    },
    {
      name: 'book appointment, visit type rules',
      note: "each request a free slot of the department's visit type: length, buffer, notice, horizon, daily quota (201)",
      statuses: ['201'],
      request: (t) => {
        // Days of their own, far beyond the uncontended bookings' (200,000 bookings on).
        const n = 200_000 + visitSerial++;
        const { doctor, startsAt } = freeSlot(n, s.doctorIds.length);
        const body = {
          patientId: s.patientIds[n % s.patientIds.length],
          doctorId: s.doctorIds[doctor],
          visitTypeId: s.visitTypeIds[doctor],
          startsAt,
        };
        if (t === 'bare') return { method: 'POST', path: '/appointments/with-visit-type', body };
        return book(t, body);
      },
    },
    {
      name: 'book appointment, contended',
      note: 'every request of a run the same doctor and slot (one 201, the rest 409)',
      statuses: ['201', '409'],
      request: (t, i) => {
        // A new slot for each run (i restarts at 0), far from the uncontended ones.
        if (i === 0) contendedSerial++;
        const { doctor, startsAt } = freeSlot(1_000_000 + contendedSerial, s.doctorIds.length);
        return book(t, {
          patientId: s.patientIds[i % s.patientIds.length],
          doctorId: s.doctorIds[doctor],
          startsAt,
          durationMinutes: 30,
        });
      },
    },
  ];
}

/** The next of a benchmark's prepared records: each request acts on one nobody else touched. */
function takeFrom<T>(list: T[], name: string) {
  let next = 0;
  return (): T => {
    const item = list[next++];
    if (item === undefined) throw new Error(`${name}: its ${list.length} prepared records are used up`);
    return item;
  };
}

/**
 * The writes that change a record (update, reschedule, cancel, check-in, complete), each request on
 * its own prepared record (`prepareWriteTargets`). REST gives the version as If-Match, as a
 * generated client does; tRPC and the baseline in the body. Completion is the appointment's own
 * doctor's: `token` says whose.
 */
export function changeOperations(targets: WriteTargets, doctorToken: string): Operation[] {
  const patient = takeFrom(targets.patients, 'update patient');
  const rescheduled = takeFrom(targets.reschedule, 'reschedule');
  const action = (procedure: string, path: string, list: string[], body: Record<string, unknown>) => {
    const next = takeFrom(list, procedure);
    return (t: Transport): HttpRequest => {
      const id = next();
      if (t === 'trpc') return trpcMutation(`appointments.${procedure}`, { id, ...body });
      return { method: 'POST', path: `${t === 'rest' ? '/api' : ''}/appointments/${id}/${path}`, body };
    };
  };
  let serial = 0;
  // The same patients are prepared for every run: an address earlier runs never wrote, so that each
  // update changes a column (a PUT that changes nothing writes nothing, and would measure nothing).
  const run = Date.now().toString(36);
  return [
    {
      name: 'update patient',
      note: 'the patient read, its version checked, the update and audit event in one transaction',
      request: (t) => {
        const { id, version, ...fields } = patient();
        const body = { ...fields, address: `Jl. Bench ${run}-${serial++}` };
        if (t === 'trpc') return trpcMutation('patients.update', { id, version, ...body });
        if (t === 'bare') return { method: 'PUT', path: `/patients/${id}`, body: { ...body, version } };
        return {
          method: 'PUT',
          path: `/api/patients/${id}`,
          body: { id, ...body },
          headers: { 'if-match': `"${version}"` },
        };
      },
    },
    {
      name: 'reschedule appointment',
      note: "the booking's locks and rules for the new time, the update and audit event",
      request: (t) => {
        const { id, startsAt } = rescheduled();
        const body = { startsAt, durationMinutes: 10 };
        if (t === 'trpc') return trpcMutation('appointments.reschedule', { id, ...body });
        return { method: 'POST', path: `${t === 'rest' ? '/api' : ''}/appointments/${id}/reschedule`, body };
      },
    },
    {
      name: 'cancel appointment',
      note: 'status and time checked, the update and audit event',
      request: action('cancel', 'cancel', targets.cancel, { reason: 'Patient called to cancel' }),
    },
    {
      name: 'check in',
      note: "status, the appointment's day and live references checked, the update and audit event",
      request: action('checkIn', 'check-in', targets.checkIn, {}),
    },
    {
      name: 'complete appointment',
      note: "the appointment's own doctor, with diagnosis and notes; the update and audit event",
      token: doctorToken,
      request: action('complete', 'complete', targets.complete, {
        diagnosis: 'Acute upper respiratory infection',
        notes: 'Rest and fluids; review in a week.',
      }),
    },
  ];
}

/**
 * The development tools' operation argument (profile, compare-builds): a read path's index, or a
 * part of a read's or a write's name ('create patient', 'uncontended', 'update patient'). A write
 * that changes a record (`change`) needs prepared records: the caller prepares them and builds it
 * with `changeOperations`.
 */
export function chooseOperation(
  dataset: Dataset,
  s: Samples,
  chosen: string,
): { operation: Operation; write: boolean } | { change: string } {
  const reads = readOperations(dataset, s);
  const writes = writeOperations(s);
  // Names only: the records are taken when a request is made.
  const changes = changeOperations(
    { patients: [], checkIn: [], complete: [], completingDoctorEmail: '', cancel: [], reschedule: [] },
    '',
  );
  const operation = /^\d+$/.test(chosen)
    ? reads[Number(chosen)]
    : [...reads, ...writes].find((o) => o.name.includes(chosen));
  if (operation) return { operation, write: writes.includes(operation) };
  const change = changes.find((o) => o.name.includes(chosen));
  if (change) return { change: change.name };
  throw new Error(`no operation ${chosen}: ${[...reads, ...writes, ...changes].map((o) => o.name).join(', ')}`);
}
