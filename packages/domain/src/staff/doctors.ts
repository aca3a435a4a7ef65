import type { createDoctorInput, Doctor as DoctorDto, listDoctorsInput, updateDoctorInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, mayIncludeArchived } from '../access/authorize.js';
import { Department } from '../entities/department.js';
import { Doctor } from '../entities/doctor.js';
import { DomainError } from '../errors/domain-error.js';
import { instant, optionalInstant, type WithTextInstants } from '../reads/instant.js';
import { findRow } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { Filters, listPage, pageOf } from '../records/page.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';
import { endEmployment, newEmployee } from './employees.js';
import { findDoctor } from './find-doctor.js';

/** Needs `employee` and `departments` loaded (DOCTOR_POPULATE). */
export function doctorOf(d: Doctor): DoctorDto {
  const e = d.employee;
  return {
    id: d.id,
    employeeId: e.id,
    name: e.name,
    surname: e.surname ?? null,
    email: e.email,
    gender: e.gender,
    phone: e.phone ?? null,
    specialization: d.specialization,
    licenseNumber: d.licenseNumber,
    departmentIds: d.departments
      .getItems()
      .map((dep) => dep.id)
      .sort(),
    defaultAppointmentMinutes: d.defaultAppointmentMinutes,
    archivedAt: e.archivedAt ?? null,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** Every id in `departmentIds` must be a live department: UNKNOWN_REFERENCE on the first that is not. */
async function liveDepartments(work: Work, departmentIds: string[]): Promise<Department[]> {
  const unique = [...new Set(departmentIds)];
  const found = unique.length ? await work.em.find(Department, { id: { $in: unique }, archivedAt: null }) : [];
  const missing = unique.find((id) => !found.some((d) => d.id === id));
  if (missing) {
    throw new DomainError('UNKNOWN_REFERENCE', {
      message: `No active department has the id ${missing}.`,
      field: `departmentIds.${departmentIds.indexOf(missing)}`,
    });
  }
  return found;
}

/** Creates the doctor's staff account (role doctor) and clinical profile together. */
export async function createDoctor(work: Work, input: z.output<typeof createDoctorInput>) {
  authorize(work.actor, 'doctors:write');
  const { specialization, licenseNumber, departmentIds, defaultAppointmentMinutes, ...account } = input;
  const departments = await liveDepartments(work, departmentIds);
  const employee = await newEmployee(work, { ...account, role: 'doctor', departmentId: departments[0]?.id ?? null });
  const doctor = work.em.create(Doctor, { employee, specialization, licenseNumber, defaultAppointmentMinutes });
  doctor.departments.set(departments);
  work.describe(doctor, { action: 'doctor.create', changes: { employeeId: employee.id } });
  await work.commit();
  return doctorOf(doctor);
}

/** Replaces a live doctor's profile (the account is edited through employees). */
export async function updateDoctor(work: Work, input: z.output<typeof updateDoctorInput>) {
  authorize(work.actor, 'doctors:write');
  const doctor = await findDoctor(work, input.id);
  expectVersion(doctor, input.version);
  const departments = await liveDepartments(work, input.departmentIds);
  work.em.assign(doctor, {
    specialization: input.specialization,
    licenseNumber: input.licenseNumber,
    defaultAppointmentMinutes: input.defaultAppointmentMinutes,
  });
  doctor.departments.set(departments);
  // A change of departments alone touches only the pivot table; touching the row makes it a new version too.
  doctor.updatedAt = new Date();
  await work.commit();
  return doctorOf(doctor);
}

/** Archives the doctor's account; appointments and schedules are kept. */
export async function archiveDoctor(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'doctors:write');
  await work.transaction(async (tx) => {
    const doctor = await findDoctor(tx, id);
    tx.describe(doctor.employee, { action: 'doctor.archive', entityType: 'Doctor', entityId: doctor.id });
    await endEmployment(tx, doctor.employee);
  });
}

export async function getDoctor(work: Work, id: string) {
  authorize(work.actor, 'doctors:read');
  return doctorOfRow(await findRow<DoctorRow>(work, DOCTOR_RECORD, 'Doctor', id));
}

/** A doctor with their employee record and departments, in one statement (no per-doctor loads). */
const DOCTOR_COLUMNS = `d.id, e.id as "employeeId", e.name, e.surname, e.email, e.gender, e.phone, d.specialization,
  d.license_number as "licenseNumber",
  array(select dd.department_id::text from doctor_departments dd where dd.doctor_id = d.id order by 1) as "departmentIds",
  d.default_appointment_minutes as "defaultAppointmentMinutes", e.archived_at as "archivedAt", d.version,
  d.created_at as "createdAt", d.updated_at as "updatedAt"`;
type DoctorRow = WithTextInstants<DoctorDto, 'archivedAt' | 'createdAt' | 'updatedAt'>;
const doctorOfRow = (r: DoctorRow): DoctorDto => ({
  id: r.id,
  employeeId: r.employeeId,
  name: r.name,
  surname: r.surname,
  email: r.email,
  gender: r.gender,
  phone: r.phone,
  specialization: r.specialization,
  licenseNumber: r.licenseNumber,
  departmentIds: r.departmentIds,
  defaultAppointmentMinutes: r.defaultAppointmentMinutes,
  archivedAt: optionalInstant(r.archivedAt),
  version: r.version,
  createdAt: instant(r.createdAt),
  updatedAt: instant(r.updatedAt),
});
const SORT_COLUMNS = { name: 'e.search_name', specialization: 'd.specialization', createdAt: 'd.created_at' };
/** A doctor (`d`) with their staff account (`e`, whose `archived_at` is the doctor's): every doctor read's FROM. */
export const DOCTORS_WITH_ACCOUNTS = 'from doctors d join employees e on e.id = d.employee_id';
const DOCTOR_RECORD = {
  columns: DOCTOR_COLUMNS,
  from: DOCTORS_WITH_ACCOUNTS,
  idColumn: 'd.id',
  archivedColumn: 'e.archived_at',
};

export async function listDoctors(work: Work, input: z.output<typeof listDoctorsInput>) {
  authorize(work.actor, 'doctors:read');
  const filters = new Filters();
  const where = filters.add.bind(filters);
  if (!mayIncludeArchived(work.actor, input.includeArchived)) where('e.archived_at is null');
  if (input.name) where('e.search_name like ?', containsPattern(input.name));
  if (input.specialization) where('d.specialization ilike ?', containsPattern(input.specialization));
  if (input.departmentId) {
    where(
      'exists (select 1 from doctor_departments dd where dd.doctor_id = d.id and dd.department_id = ?)',
      input.departmentId,
    );
  }
  const page = await listPage<DoctorRow>(
    work.em,
    {
      ...DOCTOR_RECORD,
      ...filters,
      sortColumns: SORT_COLUMNS,
    },
    input,
  );
  return pageOf(page, page.rows.map(doctorOfRow));
}
