/**
 * Scheduling benchmark: `pnpm bench:scheduling` (PGlite) or with BENCH_DATABASE_URL=postgres://...
 * (a server; a scratch database is created and dropped). Everything is measured in one run, side by
 * side, and reported as ratios as well as absolute numbers (the machines are shared and noisy).
 *
 * 1. Availability of one doctor over 30 days with 1,000 active appointments, against the same
 *    request for a doctor with none (the cost of the appointments) and against GET /api/me (the
 *    cost of the HTTP + auth + tRPC/REST stack alone).
 * 2. Booking throughput: every request a different doctor and slot (uncontended) against every
 *    request the same doctor and slot (contended: one 201, the rest 409).
 */
import type { AddressInfo } from 'node:net';
import { buildServer, loadApiConfig } from '@meditrack/api';
import {
  Appointment,
  addDays,
  Doctor,
  Employee,
  hashPassword,
  Patient,
  WeeklySchedule,
  zonedDateTimeToInstant,
} from '@meditrack/domain';
import { createTestDatabase } from '@meditrack/domain/testing';
import { fmt, median, run } from './measure.js';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const ZONE = 'Asia/Jakarta';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 200);

const db = await createTestDatabase();
const config = loadApiConfig({
  NODE_ENV: 'production',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  DATABASE_URL: 'postgres://unused',
  HOSPITAL_TIMEZONE: ZONE,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_MAX: '100000000',
});
const { app } = await buildServer({ orm: db.orm, connection: db.connection, config, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// --- data: doctors working every day 08:00-20:00; one of them with 1,000 appointments in 30 days.
const em = db.orm.em.fork();
const admin = em.create(Employee, {
  name: 'Bench',
  email: 'bench@bench.local',
  passwordHash: await hashPassword('bench-password-1'),
  role: 'admin',
});
const makeDoctor = (n: number) => {
  const employee = em.create(Employee, {
    name: `Doctor ${n}`,
    email: `d${n}@bench.local`,
    passwordHash: 'x',
    role: 'doctor',
  });
  const doctor = em.create(Doctor, {
    employee,
    specialization: 'General',
    licenseNumber: `B-${n}`,
    defaultAppointmentMinutes: 20,
  });
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    em.create(WeeklySchedule, { doctor, weekday, startTime: '08:00:00', endTime: '20:00:00', validFrom: '2024-01-01' });
  }
  return doctor;
};
const busy = makeDoctor(0);
const idle = makeDoctor(1);
const bookingDoctors = Array.from({ length: 40 }, (_, i) => makeDoctor(100 + i));
const patients = Array.from({ length: 1200 }, (_, i) =>
  em.create(Patient, { name: `Patient ${i}`, dateOfBirth: '1980-01-01', nationalId: String(3171000000000000 + i) }),
);
const firstDay = '2031-01-06';
// 1,000 appointments: 30 days x up to 36 twenty-minute slots (08:00-20:00), skipping every 13th.
let made = 0;
for (let day = 0; day < 30 && made < 1000; day++) {
  for (let s = 0; s < 36 && made < 1000; s++) {
    if ((day * 36 + s) % 13 === 0) continue;
    const start = zonedDateTimeToInstant(
      addDays(firstDay, day),
      `${8 + Math.floor((s * 20) / 60)}:${(s * 20) % 60}`,
      ZONE,
    );
    em.create(Appointment, {
      doctor: busy,
      patient: patients[made] as Patient,
      startsAt: start,
      endsAt: new Date(start.getTime() + 20 * 60_000),
    });
    made++;
  }
}
await em.flush();

const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: admin.email, password: 'bench-password-1' }),
});
const token = ((await login.json()) as { accessToken: string }).accessToken;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const get = async (path: string) => {
  const res = await fetch(`${url}${path}`, { headers });
  await res.arrayBuffer();
  return res.status;
};
const range = `from=${firstDay}&to=${addDays(firstDay, 29)}`;

// Warm-up, then the three read measurements interleaved in rounds so noise hits them alike.
for (let i = 0; i < 20; i++) await Promise.all([get('/api/me'), get(`/api/doctors/${busy.id}/availability?${range}`)]);
const rounds = 4;
const acc = { me: [] as number[], idle: [] as number[], busy: [] as number[] };
const p99 = { me: [] as number[], idle: [] as number[], busy: [] as number[] };
let slotCount = 0;
for (let r = 0; r < rounds; r++) {
  for (const [key, path] of [
    ['me', '/api/me'],
    ['idle', `/api/doctors/${idle.id}/availability?${range}`],
    ['busy', `/api/doctors/${busy.id}/availability?${range}`],
  ] as const) {
    const result = await run(REPEAT / rounds, 4, () => get(path));
    acc[key].push(result.p50);
    p99[key].push(result.p99);
  }
}
const busyBody = (await (await fetch(`${url}/api/doctors/${busy.id}/availability?${range}`, { headers })).json()) as {
  slots: unknown[];
};
slotCount = busyBody.slots.length;

// Booking: uncontended (distinct doctor/slot each) and contended (all the same doctor and slot).
let patientCursor = 1000;
const book = async (doctorId: string, startsAt: Date) => {
  const patient = patients[patientCursor++ % patients.length] as Patient;
  const res = await fetch(`${url}/api/appointments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ doctorId, patientId: patient.id, startsAt: startsAt.toISOString() }),
  });
  await res.arrayBuffer();
  return res.status;
};
const BOOKINGS = 160;
const uncontended = await run(BOOKINGS, 8, (i) => {
  const doctor = bookingDoctors[i % bookingDoctors.length] as Doctor;
  const slot = Math.floor(i / bookingDoctors.length);
  return book(doctor.id, zonedDateTimeToInstant('2031-03-03', `${9 + slot}:00`, ZONE));
});
const contendedSlot = zonedDateTimeToInstant('2031-03-04', '10:00', ZONE);
const contended = await run(BOOKINGS, 8, () => book((bookingDoctors[0] as Doctor).id, contendedSlot));

await app.close();
await db.close();

const rows = [
  ['GET /api/me (stack baseline)', median(acc.me), median(p99.me)],
  ['availability, 30 days, 0 appointments', median(acc.idle), median(p99.idle)],
  ['availability, 30 days, 1,000 appointments', median(acc.busy), median(p99.busy)],
] as const;
console.log(
  `\nScheduling benchmark on ${db.kind} (${REPEAT} requests per read path in ${rounds} interleaved rounds, 4 in flight)`,
);
console.log('| read path | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: |');
for (const [name, p50, p] of rows) console.log(`| ${name} | ${fmt(p50)} | ${fmt(p)} |`);
console.log(`\nbusy doctor: ${made} appointments, ${slotCount} free slots returned`);
console.log(`ratio availability(1,000 appts) / availability(0): ${fmt(median(acc.busy) / median(acc.idle), 2)}`);
console.log(`ratio availability(1,000 appts) / GET /api/me: ${fmt(median(acc.busy) / median(acc.me), 2)}`);
console.log(`\nbooking, ${BOOKINGS} requests, 8 in flight`);
console.log('| booking | req/s | p50 ms | p99 ms | statuses |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [name, r] of [
  ['uncontended (distinct doctor/slot)', uncontended],
  ['contended (same doctor and slot)', contended],
] as const) {
  console.log(`| ${name} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${JSON.stringify(r.statuses)} |`);
}
console.log(`ratio contended / uncontended throughput: ${fmt(contended.perSecond / uncontended.perSecond, 2)}`);
process.exit(0);
