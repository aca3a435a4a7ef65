import type { Department as DepartmentDto } from '@meditrack/contract';
import type { Department } from '@meditrack/domain';

export function toDepartmentDto(d: Department): DepartmentDto {
  return {
    id: d.id,
    name: d.name,
    description: d.description ?? null,
    archivedAt: d.archivedAt ?? null,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
