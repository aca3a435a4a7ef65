import * as z from 'zod/mini';
import { GENDERS } from '../enums.js';
import { employeeFields, password } from './employees.js';
import { listInput, page } from './pagination.js';
import {
  calendarDate,
  dateTime,
  id,
  inputString,
  queryBoolean,
  strict,
  text,
  timeOfDay,
  version,
} from './primitives.js';

const doctorProfileFields = {
  specialization: text(120),
  licenseNumber: text(64),
  departmentIds: z._default(z.array(id).check(z.maxLength(20)), []),
  defaultAppointmentMinutes: z._default(strict(z.int().check(z.gte(5), z.lte(480))), 30),
};

/** A doctor is a staff member (role doctor, with a login) plus a clinical profile: created together. */
export const createDoctorInput = z.strictObject({
  name: employeeFields.name,
  surname: employeeFields.surname,
  email: employeeFields.email,
  username: employeeFields.username,
  gender: employeeFields.gender,
  birthDate: employeeFields.birthDate,
  phone: employeeFields.phone,
  password,
  ...doctorProfileFields,
});
export const updateDoctorInput = z.strictObject({ id, version, ...doctorProfileFields });
export const doctorIdInput = z.strictObject({ id });

export const listDoctorsInput = listInput(['name', 'specialization', 'createdAt'], {
  departmentId: z.optional(id),
  specialization: z.optional(inputString().check(z.trim(), z.maxLength(120))),
  name: z.optional(inputString().check(z.trim(), z.maxLength(100))),
  includeArchived: z.optional(queryBoolean),
});

export const doctor = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    name: z.string(),
    surname: z.nullable(z.string()),
    email: z.string(),
    gender: z.enum(GENDERS),
    phone: z.nullable(z.string()),
    specialization: z.string(),
    licenseNumber: z.string(),
    departmentIds: z.array(z.uuid()),
    defaultAppointmentMinutes: z.int(),
    archivedAt: z.nullable(dateTime),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'Doctor' });
export const doctorPage = page(doctor, 'DoctorPage');

export const weeklyScheduleEntry = z
  .object({
    id: z.uuid(),
    weekday: z.int().check(z.gte(1), z.lte(7)),
    startTime: timeOfDay,
    endTime: timeOfDay,
    validFrom: calendarDate,
    validTo: z.nullable(calendarDate),
    /** The visit types these hours offer; empty: every type of the doctor's departments. */
    visitTypeIds: z.array(z.uuid()),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'WeeklyHoursEntry' });

export const timeOffEntry = z
  .object({
    id: z.uuid(),
    startsAt: dateTime,
    endsAt: dateTime,
    reason: z.nullable(z.string()),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'TimeOffEntry' });

export const doctorSchedule = z
  .object({
    doctorId: z.uuid(),
    timeZone: z.string(),
    weekly: z.array(weeklyScheduleEntry),
    timeOff: z.array(timeOffEntry),
  })
  .register(z.globalRegistry, { id: 'DoctorSchedule' });

export type Doctor = z.output<typeof doctor>;
export type DoctorSchedule = z.output<typeof doctorSchedule>;
