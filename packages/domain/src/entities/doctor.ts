import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties, versionProperty } from './common.js';
import { Department } from './department.js';
import { Employee } from './employee.js';

/** The clinical profile of an employee whose role is doctor. Archiving happens on the employee. */
export const DoctorSchema = defineEntity({
  name: 'Doctor',
  tableName: 'doctors',
  properties: {
    id: idProperty(),
    employee: () => p.oneToOne(Employee).owner().unique().deleteRule('restrict'),
    specialization: p.string().length(120),
    licenseNumber: p.string().length(64).unique(),
    departments: () => p.manyToMany(Department).pivotEntity(() => DoctorDepartment),
    defaultAppointmentMinutes: p.integer().default(30),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [
    {
      name: 'doctors_default_appointment_minutes_check',
      expression: 'default_appointment_minutes >= 5 and default_appointment_minutes <= 480',
    },
  ],
  indexes: [{ name: 'doctors_specialization_index', properties: ['specialization'] }],
});

export class Doctor extends DoctorSchema.class {}
DoctorSchema.setClass(Doctor);

/** Pivot of Doctor.departments, explicit so that a department with doctors cannot be deleted. */
export const DoctorDepartmentSchema = defineEntity({
  name: 'DoctorDepartment',
  tableName: 'doctor_departments',
  properties: {
    doctor: () => p.manyToOne(Doctor).primary().deleteRule('cascade'),
    department: () => p.manyToOne(Department).primary().deleteRule('restrict'),
  },
  indexes: [{ name: 'doctor_departments_department_index', properties: ['department'] }],
});

export class DoctorDepartment extends DoctorDepartmentSchema.class {}
DoctorDepartmentSchema.setClass(DoctorDepartment);
