import type { Doctor as DoctorDto } from '@meditrack/contract';
import type { Doctor } from '@meditrack/domain';

/** Needs `employee` and `departments` loaded (see DOCTOR_POPULATE). */
export function toDoctorDto(d: Doctor): DoctorDto {
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

export const DOCTOR_POPULATE = ['employee', 'departments'] as const;
