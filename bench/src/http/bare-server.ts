/**
 * The baseline: bare Fastify + node-postgres serving the benchmarked paths with the same SQL
 * statements the API runs for them (captured with DB_DEBUG=true), sent the same way (values inlined,
 * independent reads in one message), the same JWT and session check on every request, the same
 * audit events and the same response shapes, and nothing else: no tRPC, no REST adapter, no ORM, no
 * zod, no hooks. What the API costs above this is what our stack adds. Started as its own process
 * by the benchmark: `tsx bare-server.ts` with DATABASE_URL, JWT_SECRET, PORT, DB_POOL_MAX.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  APPOINTMENT_TRANSITIONS,
  type AppointmentAction,
  type AppointmentStatus,
  canTransition,
  decodeCursor,
  EXACT_TOTAL_LIMIT,
  encodeCursor,
  hasPermission,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
} from '@meditrack/contract';
import {
  ACTIVE_TICKET_STATUSES_SQL,
  type BookedTime,
  boardEventId,
  CALLING_ORDER_SQL,
  type DoctorCalendar,
  freeSlots,
  moveAppointmentSql,
  QUEUE_TICKET_COLUMNS,
  ticketCode,
  UPDATE_PATIENT_SQL,
  VISIT_TYPE_COLUMNS,
  type WeeklyHours,
} from '@meditrack/domain';
import { createVerifier } from 'fast-jwt';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';

type Row = Record<string, unknown>;

// Appointments last at most 24 hours: the lower bound on starts_at the API adds to every overlap query.
const DAY_MS = 86_400_000;
const dayBefore = (d: Date) => new Date(d.getTime() - DAY_MS);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** UUID version 7, as the API's ids (packages/domain/src/ids.ts): time-ordered, so inserts land at the end of the indexes. */
function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 10),
});

/**
 * MikroORM sends every statement as one simple-protocol message with the values inlined; the
 * baseline does the same, so both put the same bytes on the wire (parameterised queries take a
 * parse/bind/execute exchange, which made the baseline slower than the API on reads with several
 * statements).
 */
function inline(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    return pg.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
  });
}

interface Runner {
  query(text: string, params?: readonly unknown[]): Promise<pg.QueryResult>;
  /** Several statements in one message (one round trip), as the API sends independent reads. */
  batch(statements: [string, readonly unknown[]][]): Promise<pg.QueryResult[]>;
}
const runner = (target: pg.Pool | pg.PoolClient): Runner => ({
  query: (text, params = []) => target.query(inline(text, params)),
  batch: async (statements) =>
    (await target.query(
      statements.map(([text, params]) => inline(text, params)).join(';\n'),
    )) as unknown as pg.QueryResult[],
});
const db = runner(pool);
// Dates stay strings (as the ORM maps them): date columns are calendar days, not instants.
pg.types.setTypeParser(1082, (value) => value);

/** A refusal: the status and error code the API answers with (the baseline's error bodies are shorter). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details?: Row,
  ) {
    super(code);
  }
}
const refuse = (reply: FastifyReply, r: Refusal) =>
  reply.code(r.status).send({ error: { code: r.code, ...(r.details ? { details: r.details } : {}) } });

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
// fast-jwt's verifier with the API's settings (packages/api/src/auth/access-tokens.ts).
const verifyToken = createVerifier({
  key: process.env.JWT_SECRET ?? '',
  algorithms: ['HS256'],
  requiredClaims: ['exp', 'iat', 'sub', 'sid'],
});

/** What the permission table (@meditrack/contract) says of each role, for the reads and answers below. */
const ROLES: Role[] = ['admin', 'doctor', 'nurse', 'receptionist', 'staff'];
const can = (role: Role, permission: Permission) => hasPermission(role, permission);
const grants = (permission: Permission) => new Set(ROLES.filter((role) => can(role, permission)));
/** Readers of archived records: no `archived_at is null` filters or joins in their reads. */
const ARCHIVED_READERS = grants('archived:read');
/** Readers of clinical fields (FIELD_PERMISSIONS): `vaccination` of patients, `diagnosis` and `notes` of appointments. */
const CLINICAL_READERS = grants('medical-history:read');

interface Reader {
  id: string;
  role: Role;
}

/** The domain's session check (packages/domain/src/auth/sessions.ts), the API's on every request: one statement. */
const SESSION_SQL = `select e.id, e.role, e.archived_at is not null as archived,
       exists (select 1 from refresh_tokens r where r.family_id = $1 and r.revoked_at is null
               and r.expires_at > now() and r.employee_id = e.id) as live
     from employees e where e.id = $2`;

/**
 * The API's guard: a valid token (401), a live session of an employee who exists and is not
 * archived (401), read from the database on every request with the role, and the permission of the
 * route for that role (403).
 */
async function authenticate(
  req: FastifyRequest,
  reply: FastifyReply,
  permission: Permission | null,
): Promise<Reader | undefined> {
  let claims: { sub?: unknown; sid?: unknown };
  try {
    const token = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new Error('no bearer token');
    claims = verifyToken(token) as { sub?: unknown; sid?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw new Error('claims');
  } catch {
    refuse(reply, new Refusal(401, 'UNAUTHENTICATED'));
    return undefined;
  }
  const { rows } = await db.query(SESSION_SQL, [claims.sid, claims.sub]);
  const row = rows[0] as { id: string; role: Role; archived: boolean; live: boolean } | undefined;
  if (!row || row.archived || !row.live) {
    refuse(reply, new Refusal(401, 'UNAUTHENTICATED'));
    return undefined;
  }
  if (permission && !can(row.role, permission)) {
    refuse(reply, new Refusal(403, 'FORBIDDEN'));
    return undefined;
  }
  return { id: row.id, role: row.role };
}

const PATIENT_COLUMNS = `p.id, p.mrn, p.name, p.surname, p.gender, p.date_of_birth as "dateOfBirth",
  p.national_id as "nationalId", p.address, p.phone, p.email, p.department_id as "departmentId",
  p.vaccine_type as "vaccineType", p.vaccine_dose_count as "doseCount", p.last_vaccine_dose_date as "lastDoseDate",
  p.vaccination_synced_at as "syncedAt", p.archived_at as "archivedAt", p.version, p.created_at as "createdAt",
  p.updated_at as "updatedAt"`;

/** A patient's editable columns' values, in the order of a registration's INSERT (name to email). */
const patientValues = (f: Row) => [
  f.name,
  f.surname,
  `${f.name} ${f.surname ?? ''}`.toLowerCase().trim(),
  f.gender,
  f.dateOfBirth,
  f.nationalId,
  f.address,
  f.phone,
  f.email,
];

/** A patient as the API answers it: the vaccination grouped, and only for clinical readers. */
function patientDto(p: Row, reader: Reader) {
  const { vaccineType, doseCount, lastDoseDate, syncedAt, ...rest } = p;
  return CLINICAL_READERS.has(reader.role)
    ? { ...rest, vaccination: { vaccineType, doseCount, lastDoseDate, syncedAt } }
    : rest;
}

const APPOINTMENT_COLUMNS = `a.id, a.patient_id as "patientId", a.doctor_id as "doctorId", a.starts_at as "startsAt",
  a.ends_at as "endsAt", a.status, a.visit_type_id as "visitTypeId", a.reason, a.front_desk_notes as "frontDeskNotes", a.diagnosis, a.clinical_notes as notes,
  a.cancellation_reason as "cancellationReason", a.checked_in_at as "checkedInAt", a.completed_at as "completedAt",
  a.cancelled_at as "cancelledAt", a.created_by_id as "createdById", a.version, a.created_at as "createdAt",
  a.updated_at as "updatedAt"`;

/** Appointments as the API answers them: without the clinical fields for readers who may not see them. */
function appointmentsFor(rows: Row[], reader: Reader): Row[] {
  if (CLINICAL_READERS.has(reader.role)) return rows;
  return rows.map(({ diagnosis: _d, notes: _n, ...rest }) => rest);
}

async function inTransaction<T>(work: (client: Runner) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  const client = runner(connection);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    connection.release();
  }
}

/** The audit event of a read (packages/domain/src/audit/entry.ts): one INSERT after the read, awaited before the answer. */
const READ_AUDIT_SQL = `insert into audit_events (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, changes, request_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const auditRead = (
  reader: Reader,
  req: FastifyRequest,
  action: string,
  entityType: string,
  entityId: string | null,
  changes: Row | null,
) =>
  db.query(READ_AUDIT_SQL, [
    uuidv7(),
    new Date(),
    reader.id,
    null,
    action,
    entityType,
    entityId,
    changes ? JSON.stringify(changes) : null,
    req.id,
  ]);

/** The audit event of a write, in its transaction after the change and before the commit, as the API's audit subscriber writes it. */
const WRITE_AUDIT_SQL = `insert into "audit_events" ("id", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "changes", "request_id") values ($1, $2, $3, null, $4, $5, $6, $7, $8)`;
const auditWrite = (
  client: Runner,
  reader: Reader,
  action: string,
  type: string,
  entity: string,
  req: FastifyRequest,
  changes: Row | null = null,
) =>
  client.query(WRITE_AUDIT_SQL, [
    uuidv7(),
    new Date(),
    reader.id,
    action,
    type,
    entity,
    changes ? JSON.stringify(changes) : null,
    req.id,
  ]);

app.get<{ Params: { id: string } }>('/patients/:id', async (req, reply) => {
  const reader = await authenticate(req, reply, 'patients:read');
  if (!reader) return reply;
  const live = ARCHIVED_READERS.has(reader.role) ? '' : 'and p.archived_at is null';
  const { rows } = await db.query(`select ${PATIENT_COLUMNS} from patients p where p.id = $1 ${live} limit 1`, [
    req.params.id,
  ]);
  const patient = rows[0];
  if (!patient) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  await auditRead(reader, req, 'patient.read', 'Patient', patient.id as string, null);
  return patientDto(patient, reader);
});

app.get<{ Querystring: { name?: string; nationalId?: string } }>('/patients', async (req, reply) => {
  if (!req.query.name && !req.query.nationalId) return listPatients(req, reply);
  const reader = await authenticate(req, reply, 'patients:read');
  if (!reader) return reply;
  const name = (req.query.name ?? '').toLowerCase();
  const [filter, condition, value] = req.query.nationalId
    ? ['nationalId', 'p.national_id = $1', req.query.nationalId]
    : ['name', 'p.search_keys @@ cast($1 as tsquery)', `'${name.includes(' ') ? 'k' : 'w'}:${name}':*`];
  const where = `where p.archived_at is null and ${condition}`;
  // A page of 25 and one more (is there a next page?), and a count that stops past EXACT_TOTAL_LIMIT.
  const [page, count] = await db.batch([
    [
      `select ${PATIENT_COLUMNS}, p.search_name as "pageKey" from patients p ${where}
       order by p.search_name asc, p.id asc limit $2 offset $3`,
      [value, 26, 0],
    ],
    [
      `select count(*) as total from (select 1 from patients p ${where} limit ${EXACT_TOTAL_LIMIT + 1}) counted`,
      [value],
    ],
  ]);
  const rows = page?.rows ?? [];
  const more = rows.length > 25;
  if (more) rows.pop();
  const last = rows.at(-1);
  const totals = await totalOf(Number(count?.rows[0]?.total), 'from patients p', where, [value]);
  // One event for the search, naming the patients returned and the filters used (not their values).
  await auditRead(reader, req, 'patient.search', 'Patient', null, { ids: rows.map((r) => r.id), filters: [filter] });
  return {
    items: rows.map(({ pageKey: _, ...r }) => patientDto(r, reader)),
    ...totals,
    limit: 25,
    offset: 0,
    nextCursor:
      more && last
        ? encodeCursor({ sort: 'name', order: 'asc', key: String(last.pageKey), id: String(last.id) })
        : null,
  };
});

/**
 * A lighter calendar item, for `week-payload.ts` only (`?fields=calendar`): what a calendar view
 * shows (no clinical fields, no audit timestamps), 7 of the 18 columns. The API has no such answer.
 */
const CALENDAR_COLUMNS = `a.id, a.patient_id as "patientId", a.starts_at as "startsAt", a.ends_at as "endsAt", a.status,
  a.reason, a.version`;

app.get<{ Params: { id: string }; Querystring: { from: string; to: string; fields?: string } }>(
  '/doctors/:id/appointments',
  async (req, reply) => {
    const reader = await authenticate(req, reply, 'appointments:read');
    if (!reader) return reply;
    const from = new Date(`${req.query.from}T00:00:00Z`);
    const to = new Date(new Date(`${req.query.to}T00:00:00Z`).getTime() + DAY_MS);
    // Readers without archived:read see neither archived doctors nor the appointments of archived patients.
    const archivedToo = ARCHIVED_READERS.has(reader.role);
    const liveDoctor = archivedToo ? '' : 'and e.archived_at is null';
    const appointmentsFrom = archivedToo
      ? 'from appointments a'
      : 'from appointments a join patients p on p.id = a.patient_id and p.archived_at is null';
    const [doctor, appointments] = await db.batch([
      [
        `select 1 from doctors r join employees e on e.id = r.employee_id where r.id = $1 ${liveDoctor}`,
        [req.params.id],
      ],
      [
        `select ${req.query.fields === 'calendar' ? CALENDAR_COLUMNS : APPOINTMENT_COLUMNS} ${appointmentsFrom}
     where a.doctor_id in ($1) and a.starts_at < $2 and a.starts_at > $3 and a.ends_at > $4
     order by a.starts_at asc, a.id asc`,
        [req.params.id, to, dayBefore(from), from],
      ],
    ]);
    if (!doctor?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
    const rows = appointments?.rows ?? [];
    await auditRead(reader, req, 'appointment.doctor-calendar', 'Appointment', null, {
      ids: rows.map((r) => r.id),
      patientIds: [...new Set(rows.map((r) => r.patientId))],
    });
    return { from, to, timeZone: 'UTC', items: appointmentsFor(rows, reader) };
  },
);

app.post<{ Body: Record<string, string | undefined> }>('/patients', async (req, reply) => {
  const reader = await authenticate(req, reply, 'patients:write');
  if (!reader) return reply;
  const b = req.body;
  const id = uuidv7();
  const now = new Date();
  const fields = {
    name: b.name,
    surname: b.surname ?? null,
    gender: b.gender,
    dateOfBirth: b.dateOfBirth,
    nationalId: b.nationalId,
    address: b.address ?? null,
    phone: b.phone ?? null,
    email: b.email?.toLowerCase() ?? null,
  };
  try {
    // One transaction, as the API's flush: the patient (its MRN drawn by the database), then the audit event.
    const created = await inTransaction(async (client) => {
      const { rows } = await client.query(
        `insert into "patients" ("id", "name", "surname", "search_name", "gender", "date_of_birth", "national_id", "address", "phone", "email", "department_id", "vaccine_dose_count", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, 0, $11, $12) returning "mrn", "search_keys", "version"`,
        [id, ...patientValues(fields), now, now],
      );
      await auditWrite(client, reader, 'patient.create', 'Patient', id, req);
      return rows[0] as Row;
    });
    const patient = {
      id,
      mrn: created.mrn,
      ...fields,
      departmentId: null,
      archivedAt: null,
      version: created.version,
      createdAt: now,
      updatedAt: now,
      vaccineType: null,
      doseCount: 0,
      lastDoseDate: null,
      syncedAt: null,
    };
    return reply.code(201).send(patientDto(patient, reader));
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return refuse(reply, new Refusal(409, 'DUPLICATE_VALUE'));
    throw error;
  }
});

// The booking's doctor (packages/domain/src/scheduling/book.ts): their default length and whether they are archived.
const DOCTOR_SQL = `select d.id, d.default_appointment_minutes as "defaultAppointmentMinutes", e.archived_at as "archivedAt"
       from doctors d join employees e on e.id = d.employee_id where d.id = $1`;
// The scheduling locks (packages/domain/src/scheduling/locks.ts): the patient's row, then the doctor's.
const LOCK_PATIENT_SQL = 'select archived_at as "archivedAt" from patients where id = $1 for no key update';
const LOCK_DOCTOR_SQL = `select e.archived_at as "archivedAt" from doctors d join employees e on e.id = d.employee_id
     where d.id = $1 for no key update of d`;
// The active appointment in the way, the doctor's first, then the patient's (scheduling/overlap.ts); a
// reschedule leaves the appointment itself out.
const OVERLAP_OF = (column: string, first: number, except: boolean) =>
  `select id, '${column === 'doctor_id' ? 'doctor' : 'patient'}' as "conflictWith" from appointments
    where ${column} = $${first} and status in ('scheduled', 'checked_in') and starts_at < $1 and starts_at > $3 and ends_at > $2${except ? ' and id <> $4' : ''}
    limit 1`;
const ACTIVE_OVERLAP = (except: boolean) => {
  const first = except ? 5 : 4;
  return `(${OVERLAP_OF('doctor_id', first, except)}) union all (${OVERLAP_OF('patient_id', first + 1, except)}) order by "conflictWith" limit 1`;
};

/** A referenced record that must exist and be live (422, as the API's refuseDeadReference). */
function refuseDeadReference(record: Row | undefined, archivedColumn: string) {
  if (!record || record[archivedColumn]) throw new Refusal(422, 'UNKNOWN_REFERENCE');
}

/** 409 naming the active appointment in the way, the doctor's first, then the patient's (the API's refuseOverlap). */
/** A time asked of a doctor for a patient: a booking's, or a reschedule's (`exceptId`: the appointment moved). */
interface Slot {
  doctorId: string;
  patientId: string;
  start: Date;
  end: Date;
  exceptId?: string;
}

async function refuseOverlap(client: Runner, { doctorId, patientId, start, end, exceptId }: Slot) {
  const window = [end, start, dayBefore(start), ...(exceptId ? [exceptId] : [])];
  const { rows } = await client.query(ACTIVE_OVERLAP(exceptId !== undefined), [...window, doctorId, patientId]);
  const other = rows[0] as { id: string; conflictWith: string } | undefined;
  if (other) {
    throw new Refusal(409, 'APPOINTMENT_CONFLICT', {
      conflictWith: other.conflictWith,
      conflictingAppointmentId: other.id,
    });
  }
}

/** Weekly hours that hold [start, end): ISO weekday and local times, the hospital's zone being UTC here. */
function withinWorkingHours(weekly: Row[], start: Date, end: Date) {
  const weekday = ((start.getUTCDay() + 6) % 7) + 1;
  const midnight = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const at = (time: unknown) => {
    const [h = 0, m = 0] = String(time).split(':').map(Number);
    return midnight + (h * 60 + m) * 60_000;
  };
  return weekly.some(
    (w) => w.weekday === weekday && at(w.start_time) <= start.getTime() && end.getTime() <= at(w.end_time),
  );
}

/**
 * The booking rules (the API's assertBookable), inside the locked transaction: the doctor's working
 * time around the slot (weekly hours a day either side, time off), then the overlaps of the
 * doctor's and the patient's appointments (but the one moved, for a reschedule).
 */
async function refuseUnbookable(client: Runner, slot: Slot) {
  const { doctorId, start, end } = slot;
  const weekly = await client.query(
    `select "w0".* from "doctor_weekly_schedules" as "w0" where "w0"."doctor_id" = $1 and "w0"."valid_from" <= $2 and ("w0"."valid_to" is null or "w0"."valid_to" >= $3)`,
    [doctorId, isoDay(new Date(end.getTime() + DAY_MS)), isoDay(dayBefore(start))],
  );
  const timeOff = await client.query(
    `select "t0".* from "doctor_time_off" as "t0" where "t0"."doctor_id" = $1 and "t0"."starts_at" < $2 and "t0"."ends_at" > $3`,
    [doctorId, end, start],
  );
  if (!withinWorkingHours(weekly.rows, start, end)) throw new Refusal(422, 'OUTSIDE_WORKING_HOURS');
  if (timeOff.rows[0]) throw new Refusal(422, 'DOCTOR_UNAVAILABLE');
  await refuseOverlap(client, slot);
}

/** A new appointment as the API answers it. */
function bookedAnswer(
  reader: Parameters<typeof appointmentsFor>[1],
  a: {
    id: string;
    patientId: string;
    doctorId: string;
    start: Date;
    end: Date;
    visitTypeId: string | null;
    reason: string | undefined;
    version: number;
    now: Date;
  },
) {
  const appointment = {
    id: a.id,
    patientId: a.patientId,
    doctorId: a.doctorId,
    startsAt: a.start,
    endsAt: a.end,
    status: 'scheduled',
    visitTypeId: a.visitTypeId,
    reason: a.reason ?? null,
    frontDeskNotes: null,
    cancellationReason: null,
    checkedInAt: null,
    completedAt: null,
    cancelledAt: null,
    createdById: reader.id,
    version: a.version,
    createdAt: a.now,
    updatedAt: a.now,
    diagnosis: null,
    notes: null,
  };
  return appointmentsFor([appointment], reader)[0];
}

// A booking with a visit type (packages/domain/src/scheduling/rules.ts): its rules in the same
// locked transaction: notice and horizon, the hours that offer it, time off, the group session's
// places, the doctor's daily quota, and the blocked times (with buffers) of other sessions.
const VISIT_TYPE_SQL = `select v.duration_minutes as "durationMinutes", v.buffer_before_minutes as "before",
    v.buffer_after_minutes as "after", v.min_notice_minutes as "notice", v.horizon_days as "horizon", v.capacity,
    v.daily_quota_per_doctor as "quota", v.archived_at as "archivedAt",
    exists (select 1 from doctor_departments dd where dd.doctor_id = $2 and dd.department_id = v.department_id) as offered
  from visit_types v where v.id = $1`;
const BLOCKED_OVERLAP_SQL = `(select id, 'doctor' as "conflictWith" from appointments
    where doctor_id = $1 and status in ('scheduled', 'checked_in') and starts_at < $2 and starts_at > $3
      and blocked_from < $4 and blocked_to > $5 and coalesce(session_key, id::text) <> coalesce($6, '')
    limit 1)
  union all
  (select id, 'patient' as "conflictWith" from appointments
    where patient_id = $7 and status in ('scheduled', 'checked_in') and starts_at < $8 and starts_at > $9 and ends_at > $10
    limit 1)
  order by "conflictWith" limit 1`;
const MAX_BUFFER_MS = 120 * 60_000;

interface VisitRules {
  id: string;
  durationMinutes: number;
  before: number;
  after: number;
  notice: number;
  horizon: number | null;
  capacity: number;
  quota: number | null;
}

async function refuseUnbookableVisit(
  client: Runner,
  slot: Slot,
  vt: VisitRules,
  blocked: { start: Date; end: Date },
  sessionKey: string | null,
) {
  const { doctorId, patientId, start, end } = slot;
  const now = Date.now();
  if (start.getTime() < now + vt.notice * 60_000) throw new Refusal(422, 'TOO_SHORT_NOTICE');
  if (vt.horizon !== null && isoDay(start) > isoDay(new Date(now + vt.horizon * DAY_MS))) {
    throw new Refusal(422, 'BEYOND_HORIZON');
  }
  const weekly = await client.query(
    `select "w0".* from "doctor_weekly_schedules" as "w0" where "w0"."doctor_id" = $1 and "w0"."valid_from" <= $2 and ("w0"."valid_to" is null or "w0"."valid_to" >= $3)`,
    [doctorId, isoDay(new Date(end.getTime() + DAY_MS)), isoDay(dayBefore(start))],
  );
  const timeOff = await client.query(
    `select "t0".* from "doctor_time_off" as "t0" where "t0"."doctor_id" = $1 and "t0"."starts_at" < $2 and "t0"."ends_at" > $3`,
    [doctorId, end, start],
  );
  if (!withinWorkingHours(weekly.rows, start, end)) throw new Refusal(422, 'OUTSIDE_WORKING_HOURS');
  const offering = weekly.rows.filter(
    (w) => (w.visit_type_ids as string[]).length === 0 || (w.visit_type_ids as string[]).includes(vt.id),
  );
  if (!withinWorkingHours(offering, start, end)) throw new Refusal(422, 'VISIT_TYPE_NOT_OFFERED');
  if (timeOff.rows[0]) throw new Refusal(422, 'DOCTOR_UNAVAILABLE');
  if (sessionKey !== null) {
    const { rows } = await client.query(
      `select count(*)::int as n from appointments where doctor_id = $1 and starts_at = $2 and session_key = $3 and status in ('scheduled', 'checked_in')`,
      [doctorId, start, sessionKey],
    );
    if ((rows[0]?.n as number) >= vt.capacity) throw new Refusal(409, 'SESSION_FULL');
  }
  if (vt.quota !== null) {
    const midnight = new Date(`${isoDay(start)}T00:00:00Z`);
    const { rows } = await client.query(
      `select count(*)::int as n from appointments where doctor_id = $1 and starts_at >= $2 and starts_at < $3 and visit_type_id = $4 and status in ('scheduled', 'checked_in')`,
      [doctorId, midnight, new Date(midnight.getTime() + DAY_MS), vt.id],
    );
    if ((rows[0]?.n as number) >= vt.quota) throw new Refusal(409, 'QUOTA_REACHED');
  }
  const { rows } = await client.query(BLOCKED_OVERLAP_SQL, [
    doctorId,
    new Date(blocked.end.getTime() + MAX_BUFFER_MS),
    new Date(dayBefore(blocked.start).getTime() - MAX_BUFFER_MS),
    blocked.end,
    blocked.start,
    sessionKey,
    patientId,
    end,
    dayBefore(start),
    start,
  ]);
  const other = rows[0] as { id: string; conflictWith: string } | undefined;
  if (other) {
    throw new Refusal(409, 'APPOINTMENT_CONFLICT', {
      conflictWith: other.conflictWith,
      conflictingAppointmentId: other.id,
    });
  }
}

app.post<{
  Body: { patientId: string; doctorId: string; startsAt: string; visitTypeId: string; reason?: string };
}>('/appointments/with-visit-type', async (req, reply) => {
  const reader = await authenticate(req, reply, 'appointments:write');
  if (!reader) return reply;
  const { patientId, doctorId, visitTypeId } = req.body;
  try {
    const [doctorResult, visitResult] = await Promise.all([
      db.query(DOCTOR_SQL, [doctorId]),
      db.query(VISIT_TYPE_SQL, [visitTypeId, doctorId]),
    ]);
    refuseDeadReference(doctorResult.rows[0], 'archivedAt');
    const row = visitResult.rows[0];
    refuseDeadReference(row, 'archivedAt');
    if (!row?.offered) throw new Refusal(422, 'VISIT_TYPE_NOT_OFFERED');
    const vt = { ...(row as Omit<VisitRules, 'id'>), id: visitTypeId };
    const start = new Date(req.body.startsAt);
    const end = new Date(start.getTime() + vt.durationMinutes * 60_000);
    const blocked = {
      start: new Date(start.getTime() - vt.before * 60_000),
      end: new Date(end.getTime() + vt.after * 60_000),
    };
    const sessionKey = vt.capacity > 1 ? `${visitTypeId}@${start.toISOString()}` : null;
    const id = uuidv7();
    const now = new Date();
    const { version } = await inTransaction(async (client) => {
      refuseDeadReference((await client.query(LOCK_PATIENT_SQL, [patientId])).rows[0], 'archivedAt');
      refuseDeadReference((await client.query(LOCK_DOCTOR_SQL, [doctorId])).rows[0], 'archivedAt');
      if (start < now) throw new Refusal(422, 'IN_THE_PAST');
      await refuseUnbookableVisit(client, { doctorId, patientId, start, end }, vt, blocked, sessionKey);
      const { rows } = await client.query(
        `insert into "appointments" ("id", "patient_id", "doctor_id", "visit_type_id", "starts_at", "ends_at", "blocked_from", "blocked_to", "session_key", "status", "reason", "created_by_id", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'scheduled', $10, $11, $12, $12) returning "version"`,
        [
          id,
          patientId,
          doctorId,
          visitTypeId,
          start,
          end,
          blocked.start,
          blocked.end,
          sessionKey,
          req.body.reason ?? null,
          reader.id,
          now,
        ],
      );
      await auditWrite(client, reader, 'appointment.book', 'Appointment', id, req);
      return rows[0] as { version: number };
    });
    return reply.code(201).send(
      bookedAnswer(reader, {
        id,
        patientId,
        doctorId,
        start,
        end,
        visitTypeId,
        reason: req.body.reason,
        version,
        now,
      }),
    );
  } catch (error) {
    if (error instanceof Refusal) return refuse(reply, error);
    if (isExclusion(error)) return refuse(reply, new Refusal(409, 'APPOINTMENT_CONFLICT'));
    throw error;
  }
});

app.post<{
  Body: { patientId: string; doctorId: string; startsAt: string; durationMinutes?: number; reason?: string };
}>('/appointments', async (req, reply) => {
  const reader = await authenticate(req, reply, 'appointments:write');
  if (!reader) return reply;
  const { patientId, doctorId } = req.body;
  try {
    const doctor = (await db.query(DOCTOR_SQL, [doctorId])).rows[0];
    refuseDeadReference(doctor, 'archivedAt');
    const start = new Date(req.body.startsAt);
    const minutes = req.body.durationMinutes ?? (doctor?.defaultAppointmentMinutes as number);
    const end = new Date(start.getTime() + minutes * 60_000);
    const id = uuidv7();
    const now = new Date();
    try {
      const { version } = await inTransaction(async (client) => {
        refuseDeadReference((await client.query(LOCK_PATIENT_SQL, [patientId])).rows[0], 'archivedAt');
        refuseDeadReference((await client.query(LOCK_DOCTOR_SQL, [doctorId])).rows[0], 'archivedAt');
        if (end <= start || end.getTime() - start.getTime() > DAY_MS) throw new Refusal(400, 'VALIDATION_FAILED');
        if (start < now) throw new Refusal(422, 'IN_THE_PAST');
        await refuseUnbookable(client, { doctorId, patientId, start, end });
        const { rows } = await client.query(
          `insert into "appointments" ("id", "patient_id", "doctor_id", "starts_at", "ends_at", "blocked_from", "blocked_to", "status", "reason", "created_by_id", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $4, $5, 'scheduled', $6, $7, $8, $9) returning "version"`,
          [id, patientId, doctorId, start, end, req.body.reason ?? null, reader.id, now, now],
        );
        await auditWrite(client, reader, 'appointment.book', 'Appointment', id, req);
        return rows[0] as { version: number };
      });
      return reply.code(201).send(
        bookedAnswer(reader, {
          id,
          patientId,
          doctorId,
          start,
          end,
          visitTypeId: null,
          reason: req.body.reason,
          version,
          now,
        }),
      );
    } catch (error) {
      // As the API's withConflictAnswer: a conflict (found by the check, or the exclusion constraints'
      // 23P01) is checked again outside the rolled-back transaction, to name the appointment in the way.
      const conflict = error instanceof Refusal ? error.code === 'APPOINTMENT_CONFLICT' : isExclusion(error);
      if (conflict) {
        await refuseOverlap(db, { doctorId, patientId, start, end });
        throw error instanceof Refusal ? error : new Refusal(409, 'APPOINTMENT_CONFLICT');
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof Refusal) return refuse(reply, error);
    throw error;
  }
});

// The other writes of the API (`writeOperations` in paths.ts): each with the API's statements (captured
// with DB_DEBUG=true), its checks, and its audit event in the transaction of the change.

/** The API's patient update, its checks and audit event in one statement (packages/domain/src/patients/update.ts), as `$n`. */
const UPDATE_PATIENT_NUMBERED = (() => {
  let n = 0;
  return UPDATE_PATIENT_SQL.replace(/\?/g, () => `$${++n}`);
})();

/** The version the client based its edit on: 409 with the current one when it is not the stored one. */
function expectVersion(stored: unknown, given: number | undefined, required: boolean) {
  if (given === undefined) {
    if (required) throw new Refusal(400, 'VALIDATION_FAILED');
    return;
  }
  if (given !== stored) throw new Refusal(409, 'VERSION_CONFLICT', { currentVersion: stored, yourVersion: given });
}

/** `If-Match: "3"` (REST's way of giving the version). */
const ifMatchVersion = (req: FastifyRequest) => {
  const value = /^(?:W\/)?"?(\d+)"?$/.exec(String(req.headers['if-match'] ?? ''))?.[1];
  return value === undefined ? undefined : Number(value);
};

interface PatientBody {
  version?: number;
  name: string;
  surname?: string | null;
  gender?: string;
  dateOfBirth: string;
  nationalId: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

app.put<{ Params: { id: string }; Body: PatientBody }>('/patients/:id', async (req, reply) => {
  const reader = await authenticate(req, reply, 'patients:write');
  if (!reader) return reply;
  const b = req.body;
  try {
    const version = b.version ?? ifMatchVersion(req);
    if (version === undefined) throw new Refusal(400, 'VALIDATION_FAILED');
    const fields = {
      name: b.name,
      surname: b.surname ?? null,
      gender: b.gender ?? 'unknown',
      dateOfBirth: b.dateOfBirth,
      nationalId: b.nationalId,
      address: b.address ?? null,
      phone: b.phone ?? null,
      email: b.email?.toLowerCase() ?? null,
    };
    const { rows } = await db.query(UPDATE_PATIENT_NUMBERED, [
      req.params.id,
      version,
      fields.name,
      fields.surname,
      `${fields.name} ${fields.surname ?? ''}`.toLowerCase().trim(),
      fields.gender,
      fields.dateOfBirth,
      fields.nationalId,
      fields.address,
      fields.phone,
      fields.email,
      null,
      new Date(),
      uuidv7(),
      new Date(),
      reader.id,
      null,
      'patient.update',
      'Patient',
      req.params.id,
      null,
      req.id,
    ]);
    const row = rows[0];
    if (!row || row.archivedAt) throw new Refusal(404, 'NOT_FOUND');
    if (!row.written) {
      expectVersion(row.version, version, true);
      if (row.changed.length) throw new Refusal(409, 'VERSION_CONFLICT');
    }
    const { written: _w, changed: _c, departmentFound: _f, departmentArchivedAt: _a, ...patient } = row;
    return patientDto(patient, reader);
  } catch (error) {
    if (error instanceof Refusal) return refuse(reply, error);
    if ((error as { code?: string }).code === '23505') return refuse(reply, new Refusal(409, 'DUPLICATE_VALUE'));
    throw error;
  }
});

/** An appointment as the ORM loads it for a move: with its patient and doctor (and the doctor's account, `withAccount`). */
// The appointment a change acts on, with what the rules ask of its patient and doctor (scheduling/find-appointment.ts).
const APPOINTMENT_ENTITY_SQL = `select a.*, p.archived_at as "patientArchivedAt", e.id as "doctorEmployeeId",
         e.archived_at as "doctorArchivedAt", d.default_appointment_minutes as "doctorDefaultMinutes"
    from appointments a join patients p on p.id = a.patient_id
    join doctors d on d.id = a.doctor_id join employees e on e.id = d.employee_id
   where a.id = $1`;

const appointmentOf = (a: Row) => ({
  id: a.id,
  patientId: a.patient_id,
  doctorId: a.doctor_id,
  startsAt: a.starts_at,
  endsAt: a.ends_at,
  status: a.status,
  visitTypeId: a.visit_type_id,
  reason: a.reason,
  frontDeskNotes: a.front_desk_notes,
  cancellationReason: a.cancellation_reason,
  checkedInAt: a.checked_in_at,
  completedAt: a.completed_at,
  cancelledAt: a.cancelled_at,
  createdById: a.created_by_id,
  version: a.version,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  diagnosis: a.diagnosis,
  notes: a.clinical_notes,
});

/** What each move writes (lifecycle properties, in the entity's order) besides its status. */
const MOVES = {
  checkIn: (now: Date) => ({ checkedInAt: now }),
  complete: (now: Date, b: { diagnosis?: string; notes?: string | null }) => ({
    diagnosis: b.diagnosis ?? '',
    clinicalNotes: b.notes ?? null,
    completedAt: now,
  }),
  cancel: (now: Date, b: { reason?: string }) => ({ cancellationReason: b.reason ?? '', cancelledAt: now }),
} satisfies Record<Exclude<AppointmentAction, 'noShow' | 'undoNoShow'>, unknown>;

/** Each move's statement (packages/domain/src/scheduling/move.ts), as `$n`. */
const MOVE_STATEMENTS = Object.fromEntries(
  Object.entries(MOVES).map(([action, move]) => {
    let n = 0;
    const properties = ['status', ...Object.keys(move(new Date(), {}))] as Parameters<typeof moveAppointmentSql>[0];
    return [action, moveAppointmentSql(properties).replace(/\?/g, () => `$${++n}`)];
  }),
) as Record<keyof typeof MOVES, string>;

type MoveBody = { version?: number; diagnosis?: string; notes?: string | null; reason?: string } | undefined;

/** The API's applyTransition: who may, from which status, when; the change and its audit event in one statement. */
for (const [path, action] of [
  ['check-in', 'checkIn'],
  ['complete', 'complete'],
  ['cancel', 'cancel'],
] as const) {
  const transition = APPOINTMENT_TRANSITIONS[action];
  app.post<{ Params: { id: string }; Body: MoveBody }>(`/appointments/:id/${path}`, async (req, reply) => {
    const reader = await authenticate(req, reply, transition.permission);
    if (!reader) return reply;
    const body = req.body ?? {};
    try {
      const a = (await db.query(APPOINTMENT_ENTITY_SQL, [req.params.id])).rows[0];
      if (!a) throw new Refusal(404, 'NOT_FOUND');
      expectVersion(a.version, body.version ?? ifMatchVersion(req), false);
      if (action === 'complete' && a.doctorEmployeeId !== reader.id) throw new Refusal(403, 'FORBIDDEN');
      if (!canTransition(action, a.status as AppointmentStatus)) throw new Refusal(422, 'INVALID_STATE');
      if (action === 'checkIn' && (a.patientArchivedAt || a.doctorArchivedAt))
        throw new Refusal(422, 'UNKNOWN_REFERENCE');
      const now = new Date();
      const startsAt = a.starts_at as Date;
      // The hospital's zone is UTC here: check-in on the appointment's day; completion once it has begun.
      if (action === 'checkIn' && isoDay(startsAt) !== isoDay(now)) throw new Refusal(422, 'INVALID_STATE');
      if (action === 'complete' && now < startsAt) throw new Refusal(422, 'INVALID_STATE');
      const written: Row = { status: transition.to, ...MOVES[action](now, body) };
      // The audit event names what changed: no notes written over none are not a change.
      const fields = Object.keys(written).filter((name) => !(name === 'clinicalNotes' && written[name] === null));
      const { rows } = await db.query(MOVE_STATEMENTS[action], [
        ...Object.values(written),
        now,
        a.id,
        a.version,
        uuidv7(),
        now,
        reader.id,
        null,
        `appointment.${action}`,
        'Appointment',
        a.id,
        JSON.stringify({ fields, status: transition.to }),
        req.id,
      ]);
      if (!rows[0]) throw new Refusal(409, 'VERSION_CONFLICT');
      return appointmentsFor(rows, reader)[0];
    } catch (error) {
      if (error instanceof Refusal) return refuse(reply, error);
      throw error;
    }
  });
}

/** The API's rescheduleAppointment: the booking's locks and rules for the new time, one UPDATE of the row. */
app.post<{ Params: { id: string }; Body: { version?: number; startsAt: string; durationMinutes?: number } }>(
  '/appointments/:id/reschedule',
  async (req, reply) => {
    const reader = await authenticate(req, reply, 'appointments:write');
    if (!reader) return reply;
    try {
      const a = (await db.query(APPOINTMENT_ENTITY_SQL, [req.params.id])).rows[0];
      if (!a) throw new Refusal(404, 'NOT_FOUND');
      expectVersion(a.version, req.body.version ?? ifMatchVersion(req), false);
      if (a.status !== 'scheduled') throw new Refusal(422, 'INVALID_STATE');
      const from = a.starts_at as Date;
      const minutes = req.body.durationMinutes ?? ((a.ends_at as Date).getTime() - from.getTime()) / 60_000;
      const start = new Date(req.body.startsAt);
      const end = new Date(start.getTime() + minutes * 60_000);
      const now = new Date();
      if (start < now) throw new Refusal(422, 'IN_THE_PAST');
      const slot = {
        doctorId: a.doctor_id as string,
        patientId: a.patient_id as string,
        start,
        end,
        exceptId: a.id as string,
      };
      try {
        const version = await inTransaction(async (client) => {
          refuseDeadReference((await client.query(LOCK_PATIENT_SQL, [slot.patientId])).rows[0], 'archivedAt');
          refuseDeadReference((await client.query(LOCK_DOCTOR_SQL, [slot.doctorId])).rows[0], 'archivedAt');
          await refuseUnbookable(client, slot);
          const { rows } = await client.query(
            `update "appointments" set "starts_at" = $1, "ends_at" = $2, "blocked_from" = $1, "blocked_to" = $2, "updated_at" = $3, "version" = "version" + 1 where "id" = $4 and "version" = $5 returning "version"`,
            [start, end, now, a.id, a.version],
          );
          if (!rows[0]) throw new Refusal(409, 'VERSION_CONFLICT');
          await auditWrite(client, reader, 'appointment.reschedule', 'Appointment', a.id as string, req, {
            fields: ['startsAt', 'endsAt'],
            from: from.toISOString(),
            to: start.toISOString(),
          });
          return rows[0].version as number;
        });
        return appointmentsFor(
          [{ ...appointmentOf(a), startsAt: start, endsAt: end, updatedAt: now, version }],
          reader,
        )[0];
      } catch (error) {
        const conflict = error instanceof Refusal ? error.code === 'APPOINTMENT_CONFLICT' : isExclusion(error);
        if (conflict) {
          await refuseOverlap(db, slot);
          throw error instanceof Refusal ? error : new Refusal(409, 'APPOINTMENT_CONFLICT');
        }
        throw error;
      }
    } catch (error) {
      if (error instanceof Refusal) return refuse(reply, error);
      throw error;
    }
  },
);

// Availability: the API's slot computation (freeSlots, from @meditrack/domain) over the same rows,
// every read of an answer in one message.

/** `from`/`to` as the API reads days: whole days in the hospital's zone (UTC here), `to` included. */
const rangeOfDays = (from: string, to: string) => ({
  start: new Date(`${from}T00:00:00Z`),
  end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS),
});

/** The three reads of `loadDoctorCalendars` for `doctorIds` over `range` ($1: the ids). */
const calendarStatements = (doctorIds: string[], range: { start: Date; end: Date }): [string, unknown[]][] => {
  const days = [isoDay(new Date(range.end.getTime() + DAY_MS)), isoDay(dayBefore(range.start))];
  return [
    [
      `select doctor_id as "doctorId", weekday, start_time as "startTime", end_time as "endTime", valid_from as "validFrom", valid_to as "validTo",
              visit_type_ids as "visitTypeIds"
         from doctor_weekly_schedules where doctor_id = any($1::uuid[]) and valid_from <= $2 and (valid_to is null or valid_to >= $3)`,
      [`{${doctorIds.join(',')}}`, ...days],
    ],
    [
      `select doctor_id as "doctorId", starts_at as start, ends_at as end from doctor_time_off
        where doctor_id = any($1::uuid[]) and starts_at < $2 and ends_at > $3`,
      [`{${doctorIds.join(',')}}`, range.end, range.start],
    ],
    [
      `select doctor_id as "doctorId", starts_at as start, ends_at as end, blocked_from as "blockedStart",
              blocked_to as "blockedEnd", coalesce(session_key, id::text) as "sessionKey", visit_type_id as "visitTypeId"
         from appointments
        where doctor_id = any($1::uuid[]) and status in ('scheduled', 'checked_in') and starts_at < $2 and starts_at > $3 and ends_at > $4
        order by blocked_from`,
      [`{${doctorIds.join(',')}}`, range.end, dayBefore(range.start), range.start],
    ],
  ];
};

/** Each doctor's answer from the calendar rows. */
function availabilityOf(
  doctors: Row[],
  rows: pg.QueryResult[],
  range: { start: Date; end: Date },
): {
  doctorId: unknown;
  timeZone: string;
  visitTypeId: null;
  slotMinutes: unknown;
  slots: { startsAt: Date; endsAt: Date }[];
}[] {
  const [weekly, timeOff, appointments] = rows.map((r) => r.rows);
  const now = new Date();
  // Each result's rows by doctor, in one pass.
  const grouped = (xs: Row[] | undefined) => {
    const groups = new Map<unknown, Row[]>();
    for (const x of xs ?? []) {
      const group = groups.get(x.doctorId);
      if (group) group.push(x);
      else groups.set(x.doctorId, [x]);
    }
    return groups;
  };
  const [weeklyBy, timeOffBy, appointmentsBy] = [grouped(weekly), grouped(timeOff), grouped(appointments)];
  return doctors.map((d) => {
    const mine = (groups: Map<unknown, Row[]>) => groups.get(d.id) ?? [];
    const calendar: DoctorCalendar = {
      weekly: mine(weeklyBy).map(
        (w): WeeklyHours => ({
          weekday: w.weekday as number,
          startTime: w.startTime as string,
          endTime: w.endTime as string,
          validFrom: w.validFrom as string,
          validTo: w.validTo as string | null,
          visitTypeIds: w.visitTypeIds as string[],
        }),
      ),
      timeOff: mine(timeOffBy).map((t) => ({ start: t.start as Date, end: t.end as Date })),
      appointments: mine(appointmentsBy).map(
        (a): BookedTime => ({
          start: a.start as Date,
          end: a.end as Date,
          blocked: { start: a.blockedStart as Date, end: a.blockedEnd as Date },
          sessionKey: a.sessionKey as string,
          visitTypeId: a.visitTypeId as string | null,
        }),
      ),
    };
    const { slots } = freeSlots(calendar, range, {
      visitType: null,
      slotMinutes: d.slotMinutes as number,
      timeZone: 'UTC',
      now,
      timing: () => null,
      offered: calendar.weekly.filter((w) => w.visitTypeIds.length === 0),
    });
    return {
      doctorId: d.id,
      timeZone: 'UTC',
      visitTypeId: null,
      slotMinutes: d.slotMinutes,
      slots: slots.map((s) => ({ startsAt: s.start, endsAt: s.end })),
    };
  });
}

const BOOKABLE_DOCTORS = `select d.id, e.name, e.surname, d.specialization, d.default_appointment_minutes as "slotMinutes"
  from doctors d join employees e on e.id = d.employee_id`;

app.get<{ Params: { id: string }; Querystring: { from: string; to: string } }>(
  '/doctors/:id/availability',
  async (req, reply) => {
    const reader = await authenticate(req, reply, 'appointments:read');
    if (!reader) return reply;
    const range = rangeOfDays(req.query.from, req.query.to);
    const [doctor, ...calendar] = await db.batch([
      [`${BOOKABLE_DOCTORS} where d.id = $1 and e.archived_at is null`, [req.params.id]],
      ...calendarStatements([req.params.id], range),
    ]);
    if (!doctor?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
    return availabilityOf(doctor.rows, calendar, range)[0];
  },
);

app.get<{ Querystring: { departmentId?: string; specialization?: string; from: string; to: string } }>(
  '/availability',
  async (req, reply) => {
    const reader = await authenticate(req, reply, 'appointments:read');
    if (!reader) return reply;
    const range = rangeOfDays(req.query.from, req.query.to);
    const { departmentId, specialization } = req.query;
    const { rows: doctors } = await db.query(
      `${BOOKABLE_DOCTORS} where e.archived_at is null
         and ($1::uuid is null or exists (select 1 from doctor_departments dd where dd.doctor_id = d.id and dd.department_id = $1))
         and ($2::text is null or d.specialization ilike $2)
       order by e.search_name asc, d.id asc limit 50`,
      [departmentId ?? null, specialization ? `%${specialization}%` : null],
    );
    const calendar = doctors.length
      ? await db.batch(
          calendarStatements(
            doctors.map((d) => d.id as string),
            range,
          ),
        )
      : [];
    const answers = availabilityOf(doctors, calendar, range);
    return {
      timeZone: 'UTC',
      doctors: doctors.map((d, k) => ({
        ...answers[k],
        name: [d.name, d.surname].filter(Boolean).join(' '),
        specialization: d.specialization,
      })),
    };
  },
);

// Every other list and record route of the OpenAPI document that `routes.ts` compares: the same
// keyset SQL as the API's listPage (a page and one more row, a count that stops past
// EXACT_TOTAL_LIMIT, in one message), the same permission, archived rules and audit events.

/** The API's total: exact up to EXACT_TOTAL_LIMIT (the capped count), else the planner's estimate. */
async function totalOf(counted: number, from: string, filter: string, params: readonly unknown[]) {
  if (counted <= EXACT_TOTAL_LIMIT) return { total: counted, totalExact: true };
  const { rows } = await db.query(`explain (format json) select 1 ${from} ${filter}`, params);
  const plan = rows[0]?.['QUERY PLAN'] as [{ Plan: { 'Plan Rows': number } }] | undefined;
  return { total: Math.max(EXACT_TOTAL_LIMIT + 1, Math.round(plan?.[0].Plan['Plan Rows'] ?? 0)), totalExact: false };
}

interface BareList {
  permission: Permission;
  columns: string;
  from: (reader: Reader) => string;
  sortColumns: Record<string, string>;
  idColumn: string;
  /** Filters from the path, and the reader's archived rule. */
  where?: (req: FastifyRequest, reader: Reader) => [condition: string, value?: unknown][];
  /** The read's audit event: action, entity type, entity id, changes. */
  audit?: (rows: Row[], req: FastifyRequest) => [string, string, string | null, Row];
  shape?: (row: Row, reader: Reader) => Row;
  /** A record the path names that must exist first (404). */
  exists?: (req: FastifyRequest) => [string, unknown];
}

function listRoute(path: string | undefined, spec: BareList) {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const reader = await authenticate(req, reply, spec.permission);
    if (!reader) return reply;
    const q = req.query as Record<string, string | undefined>;
    const limit = Number(q.limit ?? 25);
    const sort = q.sort ?? (Object.keys(spec.sortColumns)[0] as string);
    const order = q.order === 'desc' ? 'desc' : 'asc';
    const column = spec.sortColumns[sort];
    if (!column) return refuse(reply, new Refusal(400, 'VALIDATION_FAILED'));
    const filters = spec.where?.(req, reader) ?? [];
    const params: unknown[] = [];
    const conditions = filters.map(([condition, value]) => {
      if (value === undefined) return condition;
      params.push(value);
      return condition.replace('?', `$${params.length}`);
    });
    const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';
    const pageConditions = [...conditions];
    const pageParams = [...params];
    if (q.cursor) {
      const cursor = decodeCursor(q.cursor);
      if (!cursor || cursor.sort !== sort || cursor.order !== order)
        return refuse(reply, new Refusal(400, 'VALIDATION_FAILED'));
      pageParams.push(cursor.key, cursor.id);
      pageConditions.push(
        `(${column}, ${spec.idColumn}) ${order === 'asc' ? '>' : '<'} ($${pageParams.length - 1}, $${pageParams.length})`,
      );
    }
    const pageFilter = pageConditions.length ? `where ${pageConditions.join(' and ')}` : '';
    const statements: [string, readonly unknown[]][] = [
      [
        `select ${spec.columns}, (${column})::text as "pageKey" ${spec.from(reader)} ${pageFilter}
         order by ${column} ${order}, ${spec.idColumn} ${order} limit ${limit + 1}`,
        pageParams,
      ],
      [
        `select count(*) as total from (select 1 ${spec.from(reader)} ${filter} limit ${EXACT_TOTAL_LIMIT + 1}) counted`,
        params,
      ],
    ];
    const found = spec.exists?.(req);
    const results = await db.batch(found ? [[found[0], [found[1]]], ...statements] : statements);
    if (found && !results[0]?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
    const [page, count] = found ? results.slice(1) : results;
    const rows = page?.rows ?? [];
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows.at(-1);
    if (spec.audit) await auditRead(reader, req, ...spec.audit(rows, req));
    const totals = await totalOf(Number(count?.rows[0]?.total), spec.from(reader), filter, params);
    return {
      items: rows.map(({ pageKey: _, ...row }) => (spec.shape ? spec.shape(row, reader) : row)),
      ...totals,
      limit,
      offset: 0,
      nextCursor: more && last ? encodeCursor({ sort, order, key: String(last.pageKey), id: String(last.id) }) : null,
    };
  };
  if (path) app.get(path, handler);
  return handler;
}

/** A record by id: one statement, 404 when it is not there (or archived, for readers without archived:read). */
function recordRoute(path: string, permission: Permission, sql: (reader: Reader) => string, audit?: [string, string]) {
  app.get<{ Params: { id: string } }>(path, async (req, reply) => {
    const reader = await authenticate(req, reply, permission);
    if (!reader) return reply;
    const { rows } = await db.query(sql(reader), [req.params.id]);
    const row = rows[0];
    if (!row) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
    if (audit) await auditRead(reader, req, audit[0], audit[1], req.params.id, null);
    return row;
  });
}

const liveFor = (reader: Reader, column: string) =>
  ARCHIVED_READERS.has(reader.role) ? [] : [[`${column} is null`] as [string]];

const DOCTOR_COLUMNS = `d.id, e.id as "employeeId", e.name, e.surname, e.email, e.gender, e.phone, d.specialization,
  d.license_number as "licenseNumber",
  array(select dd.department_id::text from doctor_departments dd where dd.doctor_id = d.id order by 1) as "departmentIds",
  d.default_appointment_minutes as "defaultAppointmentMinutes", e.archived_at as "archivedAt", d.version,
  d.created_at as "createdAt", d.updated_at as "updatedAt"`;
const DEPARTMENT_COLUMNS = `d.id, d.name, d.description, d.archived_at as "archivedAt", d.version,
  d.created_at as "createdAt", d.updated_at as "updatedAt"`;
const EMPLOYEE_COLUMNS = `e.id, e.name, e.surname, e.email, e.username, e.gender, e.birth_date as "birthDate", e.phone,
  e.role, e.department_id as "departmentId", e.archived_at as "archivedAt", e.version, e.created_at as "createdAt",
  e.updated_at as "updatedAt"`;
const APPOINTMENTS_FROM = (reader: Reader) =>
  ARCHIVED_READERS.has(reader.role)
    ? 'from appointments a'
    : 'from appointments a join patients p on p.id = a.patient_id and p.archived_at is null';
const appointmentAudit =
  (action: string) =>
  (rows: Row[]): [string, string, string | null, Row] => [
    action,
    'Appointment',
    null,
    { ids: rows.map((r) => r.id), patientIds: [...new Set(rows.map((r) => r.patientId))] },
  ];

/** GET /patients without a name or national ID: the first screen of a front desk. */
const listPatients = listRoute(undefined, {
  permission: 'patients:read',
  columns: PATIENT_COLUMNS,
  from: () => 'from patients p',
  sortColumns: { name: 'p.search_name', mrn: 'p.mrn', dateOfBirth: 'p.date_of_birth', createdAt: 'p.created_at' },
  idColumn: 'p.id',
  where: (_, reader) => liveFor(reader, 'p.archived_at'),
  audit: (rows) => ['patient.list', 'Patient', null, { ids: rows.map((r) => r.id), filters: [] }],
  shape: (row, reader) => patientDto(row, reader),
});
listRoute('/appointments', {
  permission: 'appointments:read',
  columns: APPOINTMENT_COLUMNS,
  from: APPOINTMENTS_FROM,
  sortColumns: { startsAt: 'a.starts_at', createdAt: 'a.created_at' },
  idColumn: 'a.id',
  audit: appointmentAudit('appointment.list'),
  shape: (row, reader) => appointmentsFor([row], reader)[0] as Row,
});
listRoute('/doctors', {
  permission: 'doctors:read',
  columns: DOCTOR_COLUMNS,
  from: () => 'from doctors d join employees e on e.id = d.employee_id',
  sortColumns: { name: 'e.search_name', specialization: 'd.specialization', createdAt: 'd.created_at' },
  idColumn: 'd.id',
  where: (_, reader) => liveFor(reader, 'e.archived_at'),
});
listRoute('/departments', {
  permission: 'departments:read',
  columns: DEPARTMENT_COLUMNS,
  from: () => 'from departments d',
  sortColumns: { name: 'd.name', createdAt: 'd.created_at' },
  idColumn: 'd.id',
  where: (_, reader) => liveFor(reader, 'd.archived_at'),
});
listRoute('/employees', {
  permission: 'employees:read',
  columns: EMPLOYEE_COLUMNS,
  from: () => 'from employees e',
  sortColumns: { name: 'e.search_name', email: 'e.email', role: 'e.role', createdAt: 'e.created_at' },
  idColumn: 'e.id',
  where: (_, reader) => liveFor(reader, 'e.archived_at'),
});
listRoute('/audit-events', {
  permission: 'audit:read',
  columns: `a.id, a.occurred_at as "occurredAt", a.actor_id as "actorId", a.actor_label as "actorLabel", a.action,
    a.entity_type as "entityType", a.entity_id as "entityId", a.changes, a.request_id as "requestId"`,
  from: () => 'from audit_events a',
  sortColumns: { occurredAt: 'a.occurred_at' },
  idColumn: 'a.id',
});
listRoute('/sync-runs', {
  permission: 'sync:read',
  columns: `r.id, r.status, r.trigger, r.triggered_by_id as "triggeredById", r.worker_id as "workerId",
    r.started_at as "startedAt", r.heartbeat_at as "heartbeatAt", r.finished_at as "finishedAt", r.rows_read as "rowsRead",
    r.rows_updated as "rowsUpdated", r.rows_unchanged as "rowsUnchanged", r.unknown_national_ids as "unknownNationalIds",
    r.malformed_national_ids as "malformedNationalIds", r.invalid_rows as "invalidRows", r.samples, r.error`,
  from: () => 'from sync_runs r',
  sortColumns: { startedAt: 'r.started_at' },
  idColumn: 'r.id',
});
listRoute('/patients/:patientId/medical-history', {
  permission: 'medical-history:read',
  columns: `m.id, m.patient_id as "patientId", m.recorded_on as "recordedOn", m.diagnosis, m.treatment, m.notes,
    m.recorded_by_id as "recordedById", m.amends_id as "amendsId", m.created_at as "createdAt"`,
  from: () => 'from medical_history_entries m',
  sortColumns: { recordedOn: 'm.recorded_on', createdAt: 'm.created_at' },
  idColumn: 'm.id',
  where: (req) => [['m.patient_id = ?', (req.params as { patientId: string }).patientId]],
  exists: (req) => ['select 1 from patients p where p.id = $1', (req.params as { patientId: string }).patientId],
  audit: (rows, req) => [
    'medical-history.read',
    'Patient',
    (req.params as { patientId: string }).patientId,
    { ids: rows.map((r) => r.id), offset: 0 },
  ],
});
recordRoute(
  '/doctors/:id',
  'doctors:read',
  () => `select ${DOCTOR_COLUMNS} from doctors d join employees e on e.id = d.employee_id where d.id = $1`,
);
recordRoute(
  '/departments/:id',
  'departments:read',
  () => `select ${DEPARTMENT_COLUMNS} from departments d where d.id = $1`,
);
recordRoute('/employees/:id', 'employees:read', () => `select ${EMPLOYEE_COLUMNS} from employees e where e.id = $1`);
recordRoute(
  '/appointments/:id',
  'appointments:read',
  (reader) => `select ${APPOINTMENT_COLUMNS} ${APPOINTMENTS_FROM(reader)} where a.id = $1`,
  ['appointment.read', 'Appointment'],
);

app.get<{ Params: { id: string }; Querystring: { from: string; to: string } }>(
  '/patients/:id/appointments',
  async (req, reply) => {
    const reader = await authenticate(req, reply, 'appointments:read');
    if (!reader) return reply;
    const from = new Date(`${req.query.from}T00:00:00Z`);
    const to = new Date(new Date(`${req.query.to}T00:00:00Z`).getTime() + DAY_MS);
    const live = ARCHIVED_READERS.has(reader.role) ? '' : 'and r.archived_at is null';
    const [patient, appointments] = await db.batch([
      [`select 1 from patients r where r.id = $1 ${live}`, [req.params.id]],
      [
        `select ${APPOINTMENT_COLUMNS} ${APPOINTMENTS_FROM(reader)}
         where a.patient_id = $1 and a.starts_at < $2 and a.starts_at > $3 and a.ends_at > $4
         order by a.starts_at asc, a.id asc`,
        [req.params.id, to, dayBefore(from), from],
      ],
    ]);
    if (!patient?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
    const rows = appointments?.rows ?? [];
    await auditRead(reader, req, ...appointmentAudit('appointment.patient-calendar')(rows));
    return { from, to, timeZone: 'UTC', items: appointmentsFor(rows, reader) };
  },
);

app.get<{ Params: { id: string }; Querystring: { date: string } }>('/departments/:id/day', async (req, reply) => {
  const reader = await authenticate(req, reply, 'appointments:read');
  if (!reader) return reply;
  const from = new Date(`${req.query.date}T00:00:00Z`);
  const to = new Date(from.getTime() + DAY_MS);
  const live = ARCHIVED_READERS.has(reader.role) ? '' : 'and r.archived_at is null';
  const [department, doctors] = await db.batch([
    [`select 1 from departments r where r.id = $1 ${live}`, [req.params.id]],
    [
      `select d.id as "doctorId", concat_ws(' ', e.name, e.surname) as name
       from doctor_departments dd join doctors d on d.id = dd.doctor_id join employees e on e.id = d.employee_id
       where dd.department_id = $1 and e.archived_at is null order by e.search_name asc, d.id asc`,
      [req.params.id],
    ],
  ]);
  if (!department?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  const ids = (doctors?.rows ?? []).map((d) => String(d.doctorId));
  const rows = ids.length
    ? (
        await db.query(
          `select ${APPOINTMENT_COLUMNS} ${APPOINTMENTS_FROM(reader)}
           where a.doctor_id in (${ids.map((_, k) => `$${k + 4}`).join(', ')}) and a.starts_at < $1 and a.starts_at > $2
             and a.ends_at > $3 order by a.starts_at asc, a.id asc`,
          [to, dayBefore(from), from, ...ids],
        )
      ).rows
    : [];
  await auditRead(reader, req, ...appointmentAudit('appointment.department-day')(rows));
  const items = appointmentsFor(rows, reader);
  return {
    departmentId: req.params.id,
    date: req.query.date,
    timeZone: 'UTC',
    doctors: (doctors?.rows ?? []).map((d) => ({
      doctorId: d.doctorId,
      name: d.name,
      appointments: items.filter((a) => a.doctorId === d.doctorId),
    })),
  };
});

/** GET /departments/{id}/visit-types: the department live (404), its live visit types by name; not audited (no patient data). */
app.get<{ Params: { id: string } }>('/departments/:id/visit-types', async (req, reply) => {
  const reader = await authenticate(req, reply, 'appointments:read');
  if (!reader) return reply;
  const [department, types] = await db.batch([
    ['select id from departments where id = $1 and archived_at is null', [req.params.id]],
    [
      `select ${VISIT_TYPE_COLUMNS} from visit_types v where v.department_id = $1 and v.archived_at is null
        order by lower(v.name) asc, v.id asc`,
      [req.params.id],
    ],
  ]);
  if (!department?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  return { departmentId: req.params.id, items: types?.rows ?? [] };
});

/** GET /departments/{id}/queue: the day's tickets in calling order, audited as a read of the patients named. */
app.get<{ Params: { id: string }; Querystring: { date?: string } }>('/departments/:id/queue', async (req, reply) => {
  const reader = await authenticate(req, reply, 'queue:read');
  if (!reader) return reply;
  const date = req.query.date ?? isoDay(new Date());
  const live = ARCHIVED_READERS.has(reader.role) ? '' : 'and archived_at is null';
  const [department, tickets] = await db.batch([
    [`select 1 from departments where id = $1 ${live}`, [req.params.id]],
    [
      `select ${QUEUE_TICKET_COLUMNS} from queue_tickets t
        where t.department_id = $1 and t.service_date = $2
        order by ${CALLING_ORDER_SQL}`,
      [req.params.id, date],
    ],
  ]);
  if (!department?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  const rows = tickets?.rows ?? [];
  await auditRead(reader, req, 'queue.read', 'Department', req.params.id, {
    date,
    ids: rows.map((r) => r.id),
    patientIds: [...new Set(rows.map((r) => r.patientId))],
  });
  return {
    departmentId: req.params.id,
    date,
    timeZone: 'UTC',
    tickets: rows.map((r) => ({ ...r, code: ticketCode(Number(r.number)) })),
  };
});

/** GET /departments/{id}/board: public (no session check), today's active tickets and the last event's id. */
app.get<{ Params: { id: string } }>('/departments/:id/board', async (req, reply) => {
  const date = isoDay(new Date());
  const [department, counter, tickets] = await db.batch([
    ['select 1 from departments where id = $1 and archived_at is null', [req.params.id]],
    [
      'select last_event as "lastEvent" from queue_counters where department_id = $1 and service_date = $2',
      [req.params.id, date],
    ],
    [
      `select t.number, t.priority, t.status, t.desk, t.status_changed_at as at from queue_tickets t
        where t.department_id = $1 and t.service_date = $2 and t.status in (${ACTIVE_TICKET_STATUSES_SQL})
        order by ${CALLING_ORDER_SQL}`,
      [req.params.id, date],
    ],
  ]);
  if (!department?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  return {
    departmentId: req.params.id,
    date,
    timeZone: 'UTC',
    lastEventId: boardEventId(date, Number(counter?.rows[0]?.lastEvent ?? 0)),
    tickets: (tickets?.rows ?? []).map((r) => ({ code: ticketCode(Number(r.number)), ...r })),
  };
});

/** GET /me: any live session; the employee and what their role may do (the permission table). */
app.get('/me', async (req, reply) => {
  const reader = await authenticate(req, reply, null);
  if (!reader) return reply;
  const { rows } = await db.query(
    `select ${EMPLOYEE_COLUMNS} from employees e where e.id = $1 and e.archived_at is null`,
    [reader.id],
  );
  return { user: rows[0], permissions: ROLE_PERMISSIONS[reader.role] };
});

/** GET /doctors/:id/schedule: the doctor (archived for archived readers), weekly hours, time off from now on. */
app.get<{ Params: { id: string } }>('/doctors/:id/schedule', async (req, reply) => {
  const reader = await authenticate(req, reply, 'doctors:read');
  if (!reader) return reply;
  const live = ARCHIVED_READERS.has(reader.role) ? '' : 'and e.archived_at is null';
  const [doctor, weekly, timeOff] = await db.batch([
    [`select 1 from doctors d join employees e on e.id = d.employee_id where d.id = $1 ${live}`, [req.params.id]],
    [
      `select w.id, w.weekday, w.start_time as "startTime", w.end_time as "endTime", w.valid_from as "validFrom",
              w.valid_to as "validTo", w.version
         from doctor_weekly_schedules w where w.doctor_id = $1 order by w.weekday asc, w.start_time asc`,
      [req.params.id],
    ],
    [
      `select t.id, t.starts_at as "startsAt", t.ends_at as "endsAt", t.reason, t.version
         from doctor_time_off t where t.doctor_id = $1 and t.ends_at > $2 order by t.starts_at asc`,
      [req.params.id, new Date()],
    ],
  ]);
  if (!doctor?.rows[0]) return refuse(reply, new Refusal(404, 'NOT_FOUND'));
  return { doctorId: req.params.id, timeZone: 'UTC', weekly: weekly?.rows ?? [], timeOff: timeOff?.rows ?? [] };
});

const isExclusion = (error: unknown) => (error as { code?: string }).code === '23P01';

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
// The parent reads the port from this line.
console.log(JSON.stringify({ listening: typeof address === 'object' && address ? address.port : null }));
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
