import type { Employee as EmployeeDto } from '@meditrack/contract';
import type { Employee } from '@meditrack/domain';

/** Never includes the password hash: the DTO lists its fields, it does not copy the entity. */
export function toEmployeeDto(e: Employee): EmployeeDto {
  return {
    id: e.id,
    name: e.name,
    surname: e.surname ?? null,
    email: e.email,
    username: e.username ?? null,
    gender: e.gender,
    birthDate: e.birthDate ?? null,
    phone: e.phone ?? null,
    role: e.role,
    departmentId: e.department?.id ?? null,
    archivedAt: e.archivedAt ?? null,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
