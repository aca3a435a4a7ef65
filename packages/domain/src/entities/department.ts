import { defineEntity, p } from '@mikro-orm/core';
import { archivedAtProperty, idProperty, timestampProperties, versionProperty } from './common.js';

export const DepartmentSchema = defineEntity({
  name: 'Department',
  tableName: 'departments',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    description: p.text().nullable(),
    archivedAt: archivedAtProperty(),
    version: versionProperty(),
    ...timestampProperties(),
  },
});

export class Department extends DepartmentSchema.class {}
DepartmentSchema.setClass(Department);
