/**
 * Benchmark datasets on a real PostgreSQL server: a database per size, migrated by the app's own
 * migrations and filled by set-based SQL inside the server (`insert ... select generate_series`),
 * never through the ORM. 1M patients and 2M appointments take a few minutes; a dataset that is
 * already complete (recorded in `bench_dataset`) is reused.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword, openDatabase } from '@meditrack/domain';
import pg from 'pg';

export interface DatasetSize {
  patients: number;
  doctors: number;
  /** Appointments per doctor, 20 a day (08:00-18:00, 30 minutes), centred on the benchmark week. */
  appointmentsPerDoctor: number;
  /** Audit events over the last year (reads, searches, calendars, updates), as months of use leave them. */
  auditEvents: number;
}

export interface Dataset {
  name: string;
  url: string;
  size: DatasetSize;
  /** Monday 00:00 UTC of the week whose appointments the listing benchmark reads (140 per doctor). */
  week: Date;
  /** Doctors work 07:00-21:00 every day; the seeded appointments fill 08:00-18:00, the rest is free for booking. */
  adminEmail: string;
  adminPassword: string;
}

/** The two datasets the benchmark compares: the target size, and 100x fewer patients for growth. */
/** The PostgreSQL server the benchmarks create their databases on (BENCH_DATABASE_URL). */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const BENCH_DATASETS = {
  meditrack_bench_1m: { patients: 1_000_000, doctors: 200, appointmentsPerDoctor: 10_000, auditEvents: 10_000_000 },
  meditrack_bench_10k: { patients: 10_000, doctors: 200, appointmentsPerDoctor: 140, auditEvents: 100_000 },
} satisfies Record<string, DatasetSize>;

export const BENCH_ADMIN_EMAIL = 'bench-admin@bench.local';
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';
const SEED_VERSION = 5;
const SLOTS_PER_DAY = 20;

/**
 * Given names (first and middle) and family names, ASCII: 640,000 combinations, so a full name is
 * nearly unique among 1M patients, as in a real register, while each part is shared by thousands.
 */
const GIVEN = [
  'Siti',
  'Budi',
  'Agus',
  'Dewi',
  'Sri',
  'Ahmad',
  'Nur',
  'Putri',
  'Rina',
  'Andi',
  'Dian',
  'Eka',
  'Fajar',
  'Gita',
  'Hadi',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Made',
  'Nanda',
  'Oki',
  'Prasetyo',
  'Ratna',
  'Sari',
  'Teguh',
  'Umar',
  'Wahyu',
  'Yusuf',
  'Zahra',
  'Bambang',
  'Citra',
  'Dodi',
  'Endang',
  'Farida',
  'Gilang',
  'Hendra',
  'Irfan',
  'Januar',
  'Kurnia',
  'Lukman',
  'Maya',
  'Novi',
  'Omar',
  'Purnama',
  'Rizki',
  'Slamet',
  'Tri',
  'Utami',
  'Vina',
  'Wulan',
  'Yanti',
  'Arif',
  'Bayu',
  'Cahya',
  'Dimas',
  'Erna',
  'Fitri',
  'Galih',
  'Hana',
  'Ilham',
  'Jihan',
  'Kevin',
  'Laras',
  'Mega',
  'Nadia',
  'Oscar',
  'Pandu',
  'Rahma',
  'Sinta',
  'Taufik',
  'Ulfa',
  'Vivi',
  'Wawan',
  'Yoga',
  'Zaki',
  'Anisa',
  'Bagus',
  'Candra',
  'Dinda',
];
const FAMILY = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Hidayat',
  'Kusuma',
  'Pratama',
  'Setiawan',
  'Nugroho',
  'Gunawan',
  'Hartono',
  'Susanto',
  'Purnomo',
  'Siregar',
  'Nasution',
  'Lubis',
  'Harahap',
  'Simanjuntak',
  'Sitompul',
  'Wibowo',
  'Rahardjo',
  'Halim',
  'Tanjung',
  'Sembiring',
  'Ginting',
  'Situmorang',
  'Pangaribuan',
  'Manurung',
  'Hutapea',
  'Panjaitan',
  'Sinaga',
  'Damanik',
  'Batubara',
  'Rangkuti',
  'Pohan',
  'Daulay',
  'Ritonga',
  'Effendi',
  'Syahputra',
  'Firmansyah',
  'Kurniawan',
  'Permana',
  'Ramadhan',
  'Maulana',
  'Hakim',
  'Anwar',
  'Utomo',
  'Sulistyo',
  'Handoko',
  'Wirawan',
  'Sasmita',
  'Prabowo',
  'Suharto',
  'Yulianto',
  'Irawan',
  'Budiman',
  'Sugiarto',
  'Rusdi',
  'Mulyadi',
  'Sumarno',
  'Suryadi',
  'Kartono',
  'Iskandar',
  'Fauzi',
  'Salim',
  'Husein',
  'Basri',
  'Mahendra',
  'Adinata',
  'Surbakti',
  'Tarigan',
  'Sihombing',
  'Silalahi',
  'Napitupulu',
  'Marpaung',
  'Simatupang',
  'Hasibuan',
  'Pardede',
  'Sianturi',
  'Tambunan',
  'Aritonang',
  'Matondang',
  'Rajagukguk',
  'Samosir',
  'Sirait',
  'Pasaribu',
  'Hutagalung',
  'Purba',
  'Saragih',
  'Bangun',
  'Karo',
  'Barus',
  'Sitepu',
  'Perangin',
  'Kaban',
  'Brahmana',
  'Meliala',
  'Sinulingga',
  'Keliat',
  'Tumanggor',
];

export const nationalIdOf = (i: number) => String(3100000000000000 + i);

/** Monday 00:00 UTC, four weeks from now: in the future, so its appointments are active. */
function benchmarkWeek(): Date {
  const now = new Date();
  const monday =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + 28 * 86_400_000);
}

/** Opens (creating, migrating and seeding when needed) the dataset `name` on the server at `serverUrl`. */
export async function prepareDataset(serverUrl: string, name: string, size: DatasetSize): Promise<Dataset> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataset: Dataset = {
    name,
    url: url.toString(),
    size,
    week: benchmarkWeek(),
    adminEmail: BENCH_ADMIN_EMAIL,
    adminPassword: BENCH_ADMIN_PASSWORD,
  };
  const fingerprint = JSON.stringify({ SEED_VERSION, size, week: dataset.week.toISOString() });

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (exists) {
    const db = new pg.Client({ connectionString: dataset.url });
    await db.connect();
    const done = await db
      .query<{ fingerprint: string }>('select fingerprint from bench_dataset')
      .then((r) => r.rows[0]?.fingerprint)
      .catch(() => undefined);
    await db.end();
    if (done === fingerprint) {
      await admin.end();
      // Migrations added since the dataset was seeded apply to it like to any production database.
      const migrated = await openDatabase({ databaseUrl: dataset.url, migrate: true, poolMax: 1 });
      await migrated.close();
      const db = new pg.Client({ connectionString: dataset.url });
      await db.connect();
      await db.query(DOCTOR_DEPARTMENTS_SQL);
      await db.query(VISIT_TYPES_SQL);
      await db.end();
      return dataset;
    }
    await admin.query(`drop database "${name}" with (force)`);
  }
  await admin.query(`create database "${name}"`);
  await admin.end();

  const migrated = await openDatabase({ databaseUrl: dataset.url, migrate: true, poolMax: 1 });
  await migrated.close();
  const db = new pg.Client({ connectionString: dataset.url });
  await db.connect();
  const started = performance.now();
  await seed(db, size, dataset.week);
  // seeded_at: what benchmark runs wrote later is removed before the next (api.ts, resetWrites).
  await db.query(
    'create table bench_dataset (fingerprint text not null, seeded_at timestamptz not null default now())',
  );
  await db.query('insert into bench_dataset values ($1)', [fingerprint]);
  await db.query('vacuum analyze');
  await db.end();
  console.log(`  ${name}: seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dataset;
}

/**
 * Each doctor in one of the departments, in turn by email (so 20 of 200 in each of 10): what the
 * department routes and the availability search read. Idempotent: datasets seeded before it get it
 * when reused.
 */
const DOCTOR_DEPARTMENTS_SQL = `insert into doctor_departments (doctor_id, department_id)
  select d.id, dep.id
    from (select d.id, row_number() over (order by e.email) - 1 as n from doctors d join employees e on e.id = d.employee_id) d
    join (select id, row_number() over (order by name, id) - 1 as n, count(*) over () as total from departments) dep
      on dep.n = d.n % dep.total
  on conflict do nothing`;

/**
 * A visit type per department with every rule a booking checks at work (length, a buffer after,
 * notice, horizon, a daily quota): what the rules-booking benchmark books. Idempotent.
 */
export const BENCH_VISIT_TYPE = 'Bench follow-up';
const VISIT_TYPES_SQL = `insert into visit_types (id, department_id, name, duration_minutes, buffer_after_minutes,
    min_notice_minutes, horizon_days, daily_quota_per_doctor)
  select gen_random_uuid(), d.id, '${BENCH_VISIT_TYPE}', 20, 10, 60, 730, 50 from departments d
   where not exists (select 1 from visit_types v where v.department_id = d.id and v.name = '${BENCH_VISIT_TYPE}')`;

async function seed(db: pg.Client, size: DatasetSize, week: Date) {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const result = await db.query(sql, params);
    console.log(`    ${label}: ${result.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const passwordHash = await hashPassword(BENCH_ADMIN_PASSWORD);
  await step(
    'admin',
    `insert into employees (id, name, search_name, email, password_hash, role)
     values (gen_random_uuid(), 'Bench Admin', 'bench admin', $1, $2, 'admin')`,
    [BENCH_ADMIN_EMAIL, passwordHash],
  );
  await step(
    'departments',
    `insert into departments (id, name) select gen_random_uuid(), 'Department ' || i from generate_series(1, 10) i`,
  );
  // Doctors: an employee each (their password is the admin's: the write benchmark completes as doctor1).
  await step(
    'doctors',
    `with e as (
       insert into employees (id, name, search_name, email, password_hash, role)
       select gen_random_uuid(), 'Doctor ' || i, 'doctor ' || i, 'doctor' || i || '@bench.local', $2, 'doctor'
         from generate_series(1, $1::int) i
       returning id, email)
     insert into doctors (id, employee_id, specialization, license_number, default_appointment_minutes)
     select gen_random_uuid(), e.id, (array['Cardiology','Pediatrics','Neurology','Dermatology','General'])[1 + (row_number() over (order by e.email))::int % 5],
            'LIC-' || e.email, 30
       from e`,
    [size.doctors, passwordHash],
  );
  await step('doctors in departments (20 each)', DOCTOR_DEPARTMENTS_SQL);
  await step('visit types', VISIT_TYPES_SQL);
  await step(
    'weekly hours (every day 07:00-21:00)',
    `insert into doctor_weekly_schedules (id, doctor_id, weekday, start_time, end_time, valid_from)
     select gen_random_uuid(), d.id, w, '07:00', '21:00', date '2000-01-01'
       from doctors d cross join generate_series(1, 7) w`,
  );
  await step(
    'patients',
    `insert into patients (id, name, surname, search_name, gender, date_of_birth, national_id, phone)
     select gen_random_uuid(), g.name || ' ' || m.name, f.name, lower(g.name || ' ' || m.name || ' ' || f.name),
            (array['female','male'])[1 + i % 2], date '1940-01-01' + (i * 37) % 29000,
            (3100000000000000 + i)::text, '+62 812 ' || lpad((i % 10000000)::text, 7, '0')
       from generate_series(0, $1::int - 1) i
       join lateral (select ($2::text[])[1 + i % $3::int] as name) g on true
       join lateral (select ($4::text[])[1 + (i / $3::int) % $5::int] as name) f on true
       join lateral (select ($2::text[])[1 + (i / ($3::int * $5::int) + 7 * (i % $3::int) + 13 * ((i / $3::int) % $5::int)) % $3::int] as name) m on true`,
    [size.patients, GIVEN, GIVEN.length, FAMILY, FAMILY.length],
  );
  // Appointment k: doctor k % doctors, slot k / doctors; 20 slots a day from 08:00, the days centred on
  // the benchmark week. At one instant every doctor sees a different patient (an injective map of
  // slot * doctors + doctor), so neither exclusion constraint is violated; past ones are completed.
  const daysPerDoctor = Math.ceil(size.appointmentsPerDoctor / SLOTS_PER_DAY);
  const firstDay = new Date(week.getTime() - 7 * Math.floor(daysPerDoctor / 7 / 2) * 86_400_000);
  await step(
    'appointments',
    `insert into appointments (id, patient_id, doctor_id, starts_at, ends_at, blocked_from, blocked_to, status, reason)
     select gen_random_uuid(), p.id, d.id, t.starts_at, t.starts_at + interval '30 minutes',
            t.starts_at, t.starts_at + interval '30 minutes',
            case when t.starts_at < now() then 'completed' else 'scheduled' end, 'Check-up'
       from generate_series(0, $1::bigint - 1) k
       join lateral (select $3::timestamptz + ((k / $2) / ${SLOTS_PER_DAY}) * interval '1 day'
                           + interval '8 hours' + ((k / $2) % ${SLOTS_PER_DAY}) * interval '30 minutes' as starts_at) t on true
       join (select id, row_number() over (order by id) - 1 as n from doctors) d on d.n = k % $2
       join (select id, row_number() over (order by national_id) - 1 as n from patients) p
         on p.n = (k * 7919) % $4`,
    [size.doctors * size.appointmentsPerDoctor, size.doctors, firstDay.toISOString(), size.patients],
  );
  // Audit events: a year of use, one every few seconds, in the months the API keeps partitions for.
  // Events name pseudo-records (md5 uuids): their filters and sizes matter here, not what they point at.
  await db.query(`select audit_events_ensure_partitions(now() - interval '13 months', now())`);
  await step(
    'audit events',
    `insert into audit_events (id, occurred_at, actor_id, action, entity_type, entity_id, changes, request_id)
     select gen_random_uuid(), now() - ((i * 31536) / ($1::bigint / 1000)) * interval '1 second', a.id,
            (array['patient.read', 'patient.search', 'appointment.doctor-calendar', 'patient.update'])[1 + i % 4],
            case when i % 4 = 2 then 'Appointment' else 'Patient' end,
            case when i % 4 in (0, 3) then md5((i % 100000)::text)::uuid::text end,
            case when i % 4 in (1, 2) then jsonb_build_object('ids', jsonb_build_array(md5((i % 100000)::text)::uuid::text,
                 md5(((i + 1) % 100000)::text)::uuid::text)) end,
            'seed-' || i
       from generate_series(0, $1::bigint - 1) i
       cross join (select id from employees where email = $2) a`,
    [size.auditEvents, BENCH_ADMIN_EMAIL],
  );
}

/** Removes what earlier benchmark runs wrote, so every run starts from the seeded state. */
export async function resetWrites(dataset: Dataset) {
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  // The queue refers to appointments: what runs issued goes first.
  await client.query('truncate queue_board_events, queue_ticket_steps, queue_tickets, queue_counters');
  await client.query(`delete from appointments where created_by_id is not null`);
  await client.query(`delete from patients where national_id like '32%'`);
  // The seeded year of audit events stays; what runs added goes (append-only: the trigger steps aside).
  await client.query('alter table audit_events disable trigger audit_events_append_only');
  await client.query('delete from audit_events where occurred_at > (select seeded_at from bench_dataset)');
  await client.query('alter table audit_events enable trigger audit_events_append_only');
  await client.query('truncate refresh_tokens');
  await client.query('vacuum analyze appointments, patients, audit_events');
  await client.end();
}

/** Records for the write benchmark to act on, one per request; `resetWrites` removes the appointments. */
export interface WriteTargets {
  /** Patients with their current fields and version (an update changes only the address). */
  patients: {
    id: string;
    version: number;
    name: string;
    surname: string | null;
    gender: string;
    dateOfBirth: string;
    nationalId: string;
    phone: string | null;
  }[];
  /** Scheduled appointments today (check-in opens on the appointment's day). */
  checkIn: string[];
  /** Checked-in appointments in the past, all of one doctor (only an appointment's own doctor completes it). */
  complete: string[];
  completingDoctorEmail: string;
  /** Scheduled appointments from the day after tomorrow. */
  cancel: string[];
  /** Scheduled appointments from the day after tomorrow, each with a free time in working hours to move to. */
  reschedule: { id: string; startsAt: string }[];
}

type Kind = 'checkIn' | 'complete' | 'cancel' | 'reschedule';
const FIVE_MINUTES = 5 * 60_000;
const TEN_MINUTES = 10 * 60_000;
const HOUR = 3_600_000;

/**
 * Inserts `count` appointments of each kind the write benchmark moves, in times nothing else uses:
 * outside the seeded 08:00-18:00 and the booking benchmark's 18:00-21:00 from 30 days on. Each
 * appointment has its own patient, so no two overlap for a patient either. The hospital's zone is UTC.
 */
export async function prepareWriteTargets(dataset: Dataset, count: number): Promise<WriteTargets> {
  const db = new pg.Client({ connectionString: dataset.url });
  await db.connect();
  const doctors = (
    await db.query<{ id: string; email: string }>(
      'select d.id, e.email from doctors d join employees e on e.id = d.employee_id order by e.email',
    )
  ).rows;
  const completing = doctors.find((d) => d.email === 'doctor1@bench.local') ?? doctors[0];
  if (!completing) throw new Error('the dataset has no doctors');
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const day = (n: number) => today + n * 86_400_000;
  // Check-in: today 00:00-07:00 and 18:00-24:00, 5-minute slots (156 a doctor).
  const todaySlot = (s: number) => (s < 84 ? s * FIVE_MINUTES : 18 * HOUR + (s - 84) * FIVE_MINUTES);
  if (count > 156 * doctors.length) throw new Error(`at most ${156 * doctors.length} check-ins a day`);
  const rows: { id: string; kind: Kind; doctorId: string; startsAt: number; minutes: number; status: string }[] = [];
  const add = (kind: Kind, doctorId: string, startsAt: number, minutes: number, status = 'scheduled') =>
    rows.push({ id: randomUUID(), kind, doctorId, startsAt, minutes, status });
  const reschedule: WriteTargets['reschedule'] = [];
  for (let k = 0; k < count; k++) {
    const doctorId = (doctors[k % doctors.length] as { id: string }).id;
    const s = Math.floor(k / doctors.length);
    add('checkIn', doctorId, day(0) + todaySlot(s), 5);
    // Complete: one doctor, the same daily slots on the days before today.
    add('complete', completing.id, day(-1 - Math.floor(k / 156)) + todaySlot(k % 156), 5, 'checked_in');
    // Cancel: 00:00-07:00 in 10-minute slots (42 a doctor a day) from the day after tomorrow.
    add('cancel', doctorId, day(2 + Math.floor(s / 42)) + (s % 42) * TEN_MINUTES, 10);
    // Reschedule: from 21:00-24:00 (18 slots a day) to 07:00-08:00 (6 a day, in working hours).
    add('reschedule', doctorId, day(2 + Math.floor(s / 18)) + 21 * HOUR + (s % 18) * TEN_MINUTES, 10);
    const to = day(2 + Math.floor(s / 6)) + 7 * HOUR + (s % 6) * TEN_MINUTES;
    reschedule.push({ id: (rows.at(-1) as { id: string }).id, startsAt: new Date(to).toISOString() });
  }
  await db.query(
    `with admin as (select id from employees where email = $1),
          t as (select * from unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::text[])
                  with ordinality as t(id, doctor_id, starts_at, minutes, status, n)),
          p as (select id, row_number() over (order by national_id) as n
                  from (select id, national_id from patients where national_id like '31%' order by national_id limit $7) f)
     insert into appointments (id, patient_id, doctor_id, starts_at, ends_at, blocked_from, blocked_to, status, reason,
                               checked_in_at, created_by_id)
     select t.id, p.id, t.doctor_id, t.starts_at, t.starts_at + t.minutes * interval '1 minute',
            t.starts_at, t.starts_at + t.minutes * interval '1 minute', t.status,
            'Bench write', case when t.status = 'checked_in' then t.starts_at end, admin.id
       from t join p on p.n = t.n cross join admin`,
    [
      BENCH_ADMIN_EMAIL,
      rows.map((r) => r.id),
      rows.map((r) => r.doctorId),
      rows.map((r) => new Date(r.startsAt).toISOString()),
      rows.map((r) => r.minutes),
      rows.map((r) => r.status),
      rows.length,
    ],
  );
  const idsOf = (kind: Kind) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const patients = await db.query<WriteTargets['patients'][number]>(
    `select id, version, name, surname, gender, to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth",
            national_id as "nationalId", phone
       from patients where national_id like '31%' and archived_at is null order by national_id desc limit $1`,
    [count],
  );
  await db.query('analyze appointments');
  await db.end();
  return {
    patients: patients.rows,
    checkIn: idsOf('checkIn'),
    complete: idsOf('complete'),
    completingDoctorEmail: completing.email,
    cancel: idsOf('cancel'),
    reschedule,
  };
}
