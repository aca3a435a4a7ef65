import * as z from 'zod';
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
  departmentIds: z.array(id).max(20).default([]),
  defaultAppointmentMinutes: strict(z.number().int().min(5).max(480)).default(30),
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
  departmentId: id.optional(),
  specialization: inputString().trim().max(120).optional(),
  name: inputString().trim().max(100).optional(),
  includeArchived: queryBoolean.optional(),
});

export const doctor = z
  .object({
    id: z.uuid(),
    employeeId: z.uuid(),
    name: z.string(),
    surname: z.string().nullable(),
    email: z.string(),
    gender: z.enum(GENDERS),
    phone: z.string().nullable(),
    specialization: z.string(),
    licenseNumber: z.string(),
    departmentIds: z.array(z.uuid()),
    defaultAppointmentMinutes: z.number().int(),
    archivedAt: dateTime.nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Doctor' });
export const doctorPage = page(doctor, 'DoctorPage');

export const weeklyScheduleEntry = z
  .object({
    id: z.uuid(),
    weekday: z.number().int().min(1).max(7),
    startTime: timeOfDay,
    endTime: timeOfDay,
    validFrom: calendarDate,
    validTo: calendarDate.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'WeeklyHoursEntry' });

export const timeOffEntry = z
  .object({
    id: z.uuid(),
    startsAt: dateTime,
    endsAt: dateTime,
    reason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'TimeOffEntry' });

export const doctorSchedule = z
  .object({
    doctorId: z.uuid(),
    timeZone: z.string(),
    weekly: z.array(weeklyScheduleEntry),
    timeOff: z.array(timeOffEntry),
  })
  .meta({ id: 'DoctorSchedule' });

export type Doctor = z.output<typeof doctor>;
export type DoctorSchedule = z.output<typeof doctorSchedule>;
