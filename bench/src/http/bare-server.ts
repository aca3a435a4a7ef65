/**
 * The baseline: bare Fastify + node-postgres serving the benchmarked paths with the same SQL
 * statements the API runs for them (captured with DB_DEBUG=true), sent the same way (values inlined,
 * independent reads in one message), the same JWT check and the same response shapes, and nothing
 * else: no tRPC, no REST adapter, no ORM, no zod, no hooks. What the API costs above this is what
 * our stack adds. Started as its own process by the benchmark:
 * `tsx bare-server.ts` with DATABASE_URL, JWT_SECRET, PORT, DB_POOL_MAX.
 */
import { randomUUID } from 'node:crypto';
import { createVerifier } from 'fast-jwt';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';

type Row = Record<string, unknown>;

// Appointments last at most 24 hours: the lower bound on starts_at the API adds to every overlap query.
const dayBefore = (d: Date) => new Date(d.getTime() - 86_400_000);

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

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
// fast-jwt's verifier, as the API uses it (packages/api/src/auth/access-tokens.ts).
const verifyToken = createVerifier({ key: process.env.JWT_SECRET ?? '', algorithms: ['HS256'] });

const EMPLOYEE_SQL = `select id, role, email, password_changed_at as "passwordChangedAt" from employees
  where id = $1 and archived_at is null`;

/**
 * Employees found by the session check. The API remembers them while PostgreSQL's notifications of
 * their changes reach it (packages/api/src/auth/session-cache.ts), so its requests run no session
 * SQL once warm; the baseline does the same work. It needs no invalidation: the benchmark changes
 * no employee.
 */
const knownEmployees = new Set<string>();

/** The same check as the API's `authed` procedure: a valid token of an employee who still exists. */
async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
  try {
    const token = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new Error('no bearer token');
    const claims = verifyToken(token) as { sub: string };
    if (knownEmployees.has(claims.sub)) return claims.sub;
    const { rows } = await db.query(EMPLOYEE_SQL, [claims.sub]);
    if (rows[0]) {
      knownEmployees.add(claims.sub);
      return claims.sub;
    }
  } catch {
    // falls through to 401
  }
  reply.code(401).send({ error: { code: 'UNAUTHENTICATED' } });
  return undefined;
}

const PATIENT_COLUMNS = `p.id, p.mrn, p.name, p.surname, p.gender, p.date_of_birth as "dateOfBirth",
  p.national_id as "nationalId", p.address, p.phone, p.email, p.department_id as "departmentId",
  p.vaccine_type as "vaccineType", p.vaccine_dose_count as "doseCount", p.last_vaccine_dose_date as "lastDoseDate",
  p.vaccination_synced_at as "syncedAt", p.archived_at as "archivedAt", p.version, p.created_at as "createdAt",
  p.updated_at as "updatedAt"`;

function patientDto(p: Row) {
  const { vaccineType, doseCount, lastDoseDate, syncedAt, ...rest } = p;
  return { ...rest, vaccination: { vaccineType, doseCount, lastDoseDate, syncedAt } };
}

const APPOINTMENT_COLUMNS = `a.id, a.patient_id as "patientId", a.doctor_id as "doctorId", a.starts_at as "startsAt",
  a.ends_at as "endsAt", a.status, a.reason, a.diagnosis, a.notes, a.cancellation_reason as "cancellationReason",
  a.checked_in_at as "checkedInAt", a.completed_at as "completedAt", a.cancelled_at as "cancelledAt",
  a.created_by_id as "createdById", a.version, a.created_at as "createdAt", a.updated_at as "updatedAt"`;

// Booking answers come from the ORM path in the API; the baseline maps its RETURNING row by hand.
function appointmentDto(a: Row) {
  return {
    id: a.id,
    patientId: a.patient_id,
    doctorId: a.doctor_id,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    status: a.status,
    reason: a.reason,
    diagnosis: a.diagnosis,
    notes: a.notes,
    cancellationReason: a.cancellation_reason,
    checkedInAt: a.checked_in_at,
    completedAt: a.completed_at,
    cancelledAt: a.cancelled_at,
    createdById: a.created_by_id,
    version: a.version,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
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

const AUDIT_SQL = `insert into audit_events (id, actor_id, action, entity_type, entity_id, changes, request_id)
  values ($1, $2, $3, $4, $5, $6, $7)`;
// Writes audit inside their transaction, as the ORM's unit of work does.
const WRITE_AUDIT_SQL = `insert into "audit_events" ("id", "occurred_at", "actor_id", "action", "entity_type", "entity_id", "changes", "request_id")
  values ($1, $2, $3, $4, $5, $6, null, $7)`;
const audit = (client: Runner, actor: string, action: string, type: string, entity: string, req: FastifyRequest) =>
  client.query(WRITE_AUDIT_SQL, [randomUUID(), new Date(), actor, action, type, entity, req.id]);

app.get<{ Params: { id: string } }>('/patients/:id', async (req, reply) => {
  const actor = await authenticate(req, reply);
  if (!actor) return reply;
  const { rows } = await db.query(
    `select ${PATIENT_COLUMNS} from patients p where p.id = $1 and p.archived_at is null limit 1`,
    [req.params.id],
  );
  const patient = rows[0];
  if (!patient) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
  await db.query(AUDIT_SQL, [randomUUID(), actor, 'patient.read', 'Patient', patient.id, null, req.id]);
  return patientDto(patient);
});

app.get<{ Querystring: { name?: string; nationalId?: string } }>('/patients', async (req, reply) => {
  const actor = await authenticate(req, reply);
  if (!actor) return reply;
  const name = (req.query.name ?? '').toLowerCase();
  const [condition, value] = req.query.nationalId
    ? ['p.national_id = $1', req.query.nationalId]
    : ['p.search_keys @@ cast($1 as tsquery)', `'${name.includes(' ') ? 'k' : 'w'}:${name}':*`];
  const where = `where p.archived_at is null and ${condition}`;
  const [page, count] = await db.batch([
    [
      `select ${PATIENT_COLUMNS} from patients p ${where} order by p.search_name asc, p.id asc limit $2 offset $3`,
      [value, 25, 0],
    ],
    [`select count(*) as total from patients p ${where}`, [value]],
  ]);
  return { items: page?.rows.map(patientDto) ?? [], total: Number(count?.rows[0]?.total), limit: 25, offset: 0 };
});

/**
 * A lighter calendar item, for `week-payload.ts` only (`?fields=calendar`): what a calendar view
 * shows (no clinical fields, no audit timestamps), 7 of the 17 columns. The API has no such answer.
 */
const CALENDAR_COLUMNS = `a.id, a.patient_id as "patientId", a.starts_at as "startsAt", a.ends_at as "endsAt", a.status,
  a.reason, a.version`;

app.get<{ Params: { id: string }; Querystring: { from: string; to: string; fields?: string } }>(
  '/doctors/:id/appointments',
  async (req, reply) => {
    const actor = await authenticate(req, reply);
    if (!actor) return reply;
    const from = new Date(`${req.query.from}T00:00:00Z`);
    const to = new Date(new Date(`${req.query.to}T00:00:00Z`).getTime() + 86_400_000);
    const [doctor, appointments] = await db.batch([
      ['select 1 from doctors where id = $1', [req.params.id]],
      [
        `select ${req.query.fields === 'calendar' ? CALENDAR_COLUMNS : APPOINTMENT_COLUMNS} from appointments a
           where a.doctor_id in ($1) and a.starts_at < $2 and a.starts_at > $3
           and a.ends_at > $4 order by a.starts_at asc, a.id asc`,
        [req.params.id, to, dayBefore(from), from],
      ],
    ]);
    if (!doctor?.rows[0]) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    const rows = appointments?.rows ?? [];
    return { from, to, timeZone: 'UTC', items: rows };
  },
);

app.post<{ Body: Record<string, string | undefined> }>('/patients', async (req, reply) => {
  const actor = await authenticate(req, reply);
  if (!actor) return reply;
  const b = req.body;
  try {
    const patient = await inTransaction(async (client) => {
      const { rows } = await client.query(
        `insert into "patients" ("id", "name", "surname", "search_name", "gender", "date_of_birth", "national_id",
           "address", "phone", "email", "department_id", "created_at", "updated_at")
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, now(), now()) returning *`,
        [
          randomUUID(),
          b.name,
          b.surname ?? null,
          `${b.name} ${b.surname ?? ''}`.toLowerCase().trim(),
          b.gender,
          b.dateOfBirth,
          b.nationalId,
          b.address ?? null,
          b.phone ?? null,
          b.email ?? null,
        ],
      );
      const created = rows[0] as Row;
      await audit(client, actor, 'patient.create', 'Patient', created.id as string, req);
      return created;
    });
    return reply.code(201).send(patientDto(patient));
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      return reply.code(409).send({ error: { code: 'DUPLICATE_VALUE' } });
    throw error;
  }
});

const ACTIVE_OVERLAP = (column: string) =>
  `select "a0".* from "appointments" as "a0" where "a0"."${column}" = $1 and "a0"."status" in ('scheduled', 'checked_in')
     and "a0"."starts_at" < $2 and "a0"."starts_at" > $4 and "a0"."ends_at" > $3 limit 1`;

app.post<{ Body: { patientId: string; doctorId: string; startsAt: string; durationMinutes: number } }>(
  '/appointments',
  async (req, reply) => {
    const actor = await authenticate(req, reply);
    if (!actor) return reply;
    const { patientId, doctorId } = req.body;
    const startsAt = new Date(req.body.startsAt);
    const endsAt = new Date(startsAt.getTime() + req.body.durationMinutes * 60_000);
    const doctor = await db.query(
      `select "d0".* from "doctors" as "d0" inner join "employees" as "e1" on "d0"."employee_id" = "e1"."id"
         where "d0"."id" = $1 and "e1"."archived_at" is null limit 1`,
      [doctorId],
    );
    const patient = await db.query('select "p0".* from "patients" as "p0" where "p0"."id" = $1 limit 1', [patientId]);
    if (!doctor.rows[0] || !patient.rows[0]) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
    try {
      const result = await inTransaction(async (client) => {
        await client.query('select 1 from patients where id = $1 for no key update', [patientId]);
        await client.query('select 1 from doctors where id = $1 for no key update', [doctorId]);
        await client.query(
          `select "a0"."id", "a0"."starts_at", "a0"."ends_at" from "appointments" as "a0" where "a0"."doctor_id" = $1
             and "a0"."status" in ('scheduled', 'checked_in') and "a0"."starts_at" < $2 and "a0"."starts_at" > $4
             and "a0"."ends_at" > $3`,
          [doctorId, endsAt, startsAt, dayBefore(startsAt)],
        );
        const day = startsAt.toISOString().slice(0, 10);
        await client.query(
          `select "w0".* from "doctor_weekly_schedules" as "w0" where "w0"."doctor_id" = $1 and "w0"."valid_from" <= $2
             and ("w0"."valid_to" is null or "w0"."valid_to" >= $3)`,
          [doctorId, day, day],
        );
        await client.query(
          `select "t0".* from "doctor_time_off" as "t0" where "t0"."doctor_id" = $1 and "t0"."starts_at" < $2 and "t0"."ends_at" > $3`,
          [doctorId, endsAt, startsAt],
        );
        const window = [endsAt, startsAt, dayBefore(startsAt)];
        const doctorBusy = await client.query(ACTIVE_OVERLAP('doctor_id'), [doctorId, ...window]);
        const patientBusy = await client.query(ACTIVE_OVERLAP('patient_id'), [patientId, ...window]);
        const conflict = doctorBusy.rows[0] ?? patientBusy.rows[0];
        if (conflict) return { conflict: conflict.id as string };
        const id = randomUUID();
        await audit(client, actor, 'appointment.book', 'Appointment', id, req);
        const { rows } = await client.query(
          `insert into "appointments" ("id", "patient_id", "doctor_id", "starts_at", "ends_at", "status", "reason",
             "created_by_id", "created_at", "updated_at")
           values ($1, $2, $3, $4, $5, 'scheduled', null, $6, now(), now()) returning *`,
          [id, patientId, doctorId, startsAt, endsAt, actor],
        );
        return { created: rows[0] as Row };
      });
      if ('conflict' in result)
        return reply
          .code(409)
          .send({ error: { code: 'APPOINTMENT_CONFLICT', details: { conflictingId: result.conflict } } });
      return reply.code(201).send(appointmentDto(result.created));
    } catch (error) {
      if ((error as { code?: string }).code === '23P01')
        return reply.code(409).send({ error: { code: 'APPOINTMENT_CONFLICT' } });
      throw error;
    }
  },
);

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
