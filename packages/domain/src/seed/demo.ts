import { randomBytes } from 'node:crypto';
import type { Gender, Role } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { systemActor } from '../access/actor.js';
import {
  Appointment,
  Department,
  Doctor,
  Employee,
  MedicalHistoryEntry,
  Patient,
  VisitType,
  WeeklySchedule,
} from '../entities/index.js';
import { seededRandom } from '../random.js';
import { hashPassword } from '../security/passwords.js';
import { addDays, isoWeekday, localDateOf, zonedDateTimeToInstant } from '../time/zone.js';
import { Work } from '../work/work.js';

export interface DemoSeedOptions {
  /** Admin login; the password is generated (and returned, to be shown once) when not given. */
  adminEmail: string;
  adminPassword?: string | undefined;
  /** Password of the other demo accounts (one per role); generated when not given. */
  demoPassword?: string | undefined;
  timeZone: string;
  patients?: number;
  /** Seed for the pseudo-random generator, so the demo data is the same on every machine. */
  seed?: number;
}

export interface DemoSeedResult {
  accounts: { role: Role; email: string }[];
  /** Set only for passwords this seed generated: the caller shows them once and forgets them. */
  generatedAdminPassword?: string;
  generatedDemoPassword?: string;
  counts: { departments: number; doctors: number; patients: number; appointments: number };
}

const generatePassword = () => randomBytes(12).toString('base64url');

const DEPARTMENTS = [
  ['General Medicine', 'Outpatient care for adults'],
  ['Pediatrics', 'Children and adolescents'],
  ['Cardiology', 'Heart and blood vessels'],
  ['Obstetrics & Gynecology', 'Pregnancy, birth and women’s health'],
  ['Neurology', 'Brain, spine and nerves'],
] as const;

const DOCTORS = [
  { name: 'Siti', surname: 'Rahayu', gender: 'female', specialization: 'Internal Medicine', dept: [0] },
  { name: 'Budi', surname: 'Santoso', gender: 'male', specialization: 'Pediatrics', dept: [1] },
  { name: 'Andreas', surname: 'Wijaya', gender: 'male', specialization: 'Cardiology', dept: [2, 0] },
  { name: 'Dewi', surname: 'Lestari', gender: 'female', specialization: 'Obstetrics', dept: [3] },
  { name: 'José', surname: 'Hernández', gender: 'male', specialization: 'Neurology', dept: [4] },
  { name: 'Ayu', surname: 'Pratiwi', gender: 'female', specialization: 'Family Medicine', dept: [0, 1] },
] as const;

const FIRST_NAMES: readonly [string, Gender][] = [
  ['Agus', 'male'],
  ['Putri', 'female'],
  ['Rizky', 'male'],
  ['Nur', 'female'],
  ['Hendra', 'male'],
  ['Wulan', 'female'],
  ['Fajar', 'male'],
  ['Indah', 'female'],
  ['Yusuf', 'male'],
  ['Ratna', 'female'],
  ['Dimas', 'male'],
  ['Sari', 'female'],
  ['Eko', 'male'],
  ['Maya', 'female'],
  ['Bayu', 'male'],
  ['Citra', 'female'],
  ['Gilang', 'male'],
  ['Intan', 'female'],
  ['Chloé', 'female'],
  ['Zoë', 'female'],
];
const SURNAMES = [
  'Saputra',
  'Hidayat',
  'Kurniawan',
  'Wahyuni',
  'Setiawan',
  'Susanti',
  'Nugroho',
  'Halim',
  'Tanoto',
  'Müller',
  null,
];
const VACCINES = ['Sinovac', 'AstraZeneca', 'Pfizer', 'Moderna', null];
const REGION_CODES = ['317101', '317404', '327301', '337401', '357801', '517101', '647201'];

/** A plausible NIK: region code, birth date as DDMMYY (+40 to the day for women), 4-digit serial. */
function nationalIdFor(region: string, dateOfBirth: string, gender: Gender, serial: number): string {
  const [y, m, d] = dateOfBirth.split('-');
  const day = Number(d) + (gender === 'female' ? 40 : 0);
  return `${region}${String(day).padStart(2, '0')}${m}${y?.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * Loads demonstration data into an empty database, in one transaction: departments, doctors with
 * weekly schedules, patients with valid national IDs, appointments and history, one account per role.
 */
export async function seedDemoData(em: EntityManager, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const rnd = seededRandom(options.seed ?? 20261123);
  const adminPassword = options.adminPassword ?? generatePassword();
  const demoPassword = options.demoPassword ?? generatePassword();
  const [adminHash, demoHash] = await Promise.all([hashPassword(adminPassword), hashPassword(demoPassword)]);
  const patientCount = options.patients ?? 60;

  const work = Work.open(em, systemActor('demo-seed'), { settings: { timeZone: options.timeZone } });
  return work.transaction(async (unit) => {
    const tx = unit.em;
    const departments = DEPARTMENTS.map(([name, description]) => tx.create(Department, { name, description }));
    // Each clinic's visit types: a first visit with time to clean up after, a follow-up that
    // opens a day ahead at most two weeks out, and a group session with a daily quota.
    for (const department of departments) {
      tx.create(VisitType, { department, name: 'New patient', durationMinutes: 30, bufferAfterMinutes: 10 });
      tx.create(VisitType, {
        department,
        name: 'Follow-up',
        durationMinutes: 15,
        minNoticeMinutes: 60,
        horizonDays: 14,
        cancelCutoffMinutes: 120,
      });
      tx.create(VisitType, {
        department,
        name: 'Health education (group)',
        durationMinutes: 60,
        capacity: 8,
        dailyQuotaPerDoctor: 16,
      });
    }

    const account = (role: Role, name: string, surname: string, email: string, gender: Gender, dept?: Department) =>
      tx.create(Employee, {
        name,
        surname,
        email,
        passwordHash: role === 'admin' ? adminHash : demoHash,
        role,
        gender,
        department: dept ?? null,
      });

    const accounts: { role: Role; email: string }[] = [];
    const addAccount = (
      role: Role,
      name: string,
      surname: string,
      email: string,
      gender: Gender,
      dept?: Department,
    ) => {
      accounts.push({ role, email });
      return account(role, name, surname, email, gender, dept);
    };
    addAccount('admin', 'System', 'Administrator', options.adminEmail, 'unknown');
    addAccount('nurse', 'Rina', 'Marlina', 'nurse@meditrack.local', 'female', departments[0]);
    addAccount('receptionist', 'Tono', 'Sugiarto', 'frontdesk@meditrack.local', 'male');
    addAccount('staff', 'Lina', 'Gunawan', 'staff@meditrack.local', 'female');

    const doctors = DOCTORS.map((d, i) => {
      const employee = addAccount(
        'doctor',
        d.name,
        d.surname,
        i === 0 ? 'doctor@meditrack.local' : `doctor${i + 1}@meditrack.local`,
        d.gender,
        departments[d.dept[0]],
      );
      const doctor = tx.create(Doctor, {
        employee,
        specialization: d.specialization,
        licenseNumber: `SIP-${String(1001 + i)}`,
        defaultAppointmentMinutes: i % 2 === 0 ? 30 : 20,
      });
      for (const index of d.dept) doctor.departments.add(departments[index]!);
      return doctor;
    });

    // Weekly hours: Monday to Friday 08:00-16:00, Saturday morning for every other doctor.
    const validFrom = '2024-01-01';
    doctors.forEach((doctor, i) => {
      for (let weekday = 1; weekday <= 5; weekday++) {
        tx.create(WeeklySchedule, {
          doctor,
          weekday: weekday as 1,
          startTime: '08:00:00',
          endTime: '16:00:00',
          validFrom,
        });
      }
      if (i % 2 === 0) {
        tx.create(WeeklySchedule, { doctor, weekday: 6, startTime: '08:00:00', endTime: '12:00:00', validFrom });
      }
    });

    const patients = Array.from({ length: patientCount }, (_, i) => {
      const [name, gender] = rnd.pick(FIRST_NAMES);
      const surname = rnd.pick(SURNAMES);
      const dateOfBirth = `${rnd.int(1940, 2022)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      const vaccine = rnd.pick(VACCINES);
      return tx.create(Patient, {
        name,
        surname,
        gender,
        dateOfBirth,
        nationalId: nationalIdFor(rnd.pick(REGION_CODES), dateOfBirth, gender, i + 1),
        address: `Jl. Merdeka No. ${rnd.int(1, 200)}, Jakarta`,
        phone: `+62812${String(rnd.int(1_000_000, 9_999_999))}`,
        department: rnd.pick(departments),
        vaccineType: vaccine,
        vaccineDoseCount: vaccine ? rnd.int(1, 3) : 0,
      });
    });

    // Appointments over the coming weekdays, on 30-minute boundaries inside working hours, never overlapping.
    const today = localDateOf(new Date(), options.timeZone);
    const taken = new Set<string>();
    let appointments = 0;
    for (let day = 1; day <= 10; day++) {
      const date = addDays(today, day);
      if (isoWeekday(date) > 5) continue;
      for (const doctor of doctors) {
        for (let n = 0; n < 3; n++) {
          const patient = rnd.pick(patients);
          const hour = rnd.int(8, 15);
          const minute = rnd.pick([0, 30]);
          const slot = `${date}T${hour}:${minute}`;
          if (taken.has(`${doctor.licenseNumber}|${slot}`) || taken.has(`${patient.nationalId}|${slot}`)) continue;
          taken.add(`${doctor.licenseNumber}|${slot}`).add(`${patient.nationalId}|${slot}`);
          const startsAt = zonedDateTimeToInstant(date, `${hour}:${minute}:00`, options.timeZone);
          tx.create(Appointment, {
            patient,
            doctor,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 20 * 60_000),
            reason: rnd.pick(['Check-up', 'Follow-up', 'Fever', 'Chest pain', 'Headache', 'Prenatal visit']),
          });
          appointments++;
        }
      }
    }

    const recorder = doctors[0]!.employee;
    for (const patient of patients.slice(0, 20)) {
      tx.create(MedicalHistoryEntry, {
        patient,
        recordedOn: addDays(today, -rnd.int(10, 400)),
        diagnosis: rnd.pick(['Hypertension', 'Type 2 diabetes', 'Asthma', 'Seasonal influenza', 'Migraine']),
        treatment: rnd.pick(['Lifestyle advice', 'Medication prescribed', 'Follow-up in 3 months', null]),
        recordedBy: recorder,
      });
    }

    unit.record({
      action: 'seed.demo',
      entityType: 'database',
      entityId: null,
      changes: { patients: patients.length, doctors: doctors.length, appointments },
    });

    await unit.commit();
    return {
      accounts,
      ...(options.adminPassword ? {} : { generatedAdminPassword: adminPassword }),
      ...(options.demoPassword ? {} : { generatedDemoPassword: demoPassword }),
      counts: { departments: departments.length, doctors: doctors.length, patients: patients.length, appointments },
    };
  });
}

/** The demo seed runs only on a database nobody has used yet. */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Employee, {})) === 0;
}

/** An empty production database gets exactly one account: the admin named by ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function createFirstAdmin(em: EntityManager, email: string, password: string): Promise<void> {
  const work = Work.open(em, systemActor('startup'), { settings: { timeZone: 'UTC' } });
  work.em.create(Employee, {
    name: 'System',
    surname: 'Administrator',
    email,
    passwordHash: await hashPassword(password),
    role: 'admin',
  });
  await work.commit();
}
