import { MAX_BUFFER_MINUTES } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { archivedAtProperty, idProperty, timestampProperties, versionProperty } from './common.js';
import { Department } from './department.js';

/**
 * A kind of visit a department offers (new patient, follow-up, vaccination, group session) and the
 * rules its bookings follow; scheduling/visit-rules.ts applies them.
 */
export const VisitTypeSchema = defineEntity({
  name: 'VisitType',
  tableName: 'visit_types',
  properties: {
    id: idProperty(),
    department: () => p.manyToOne(Department).deleteRule('restrict'),
    name: p.string().length(120),
    durationMinutes: p.smallint(),
    bufferBeforeMinutes: p.smallint().default(0),
    bufferAfterMinutes: p.smallint().default(0),
    minNoticeMinutes: p.integer().default(0),
    horizonDays: p.smallint().nullable(),
    rescheduleCutoffMinutes: p.integer().default(0),
    cancelCutoffMinutes: p.integer().default(0),
    capacity: p.smallint().default(1),
    dailyQuotaPerDoctor: p.smallint().nullable(),
    archivedAt: archivedAtProperty(),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [
    { name: 'visit_types_duration_check', expression: 'duration_minutes >= 5 and duration_minutes <= 480' },
    {
      name: 'visit_types_buffers_check',
      expression: `buffer_before_minutes >= 0 and buffer_before_minutes <= ${MAX_BUFFER_MINUTES} and buffer_after_minutes >= 0 and buffer_after_minutes <= ${MAX_BUFFER_MINUTES}`,
    },
    { name: 'visit_types_capacity_check', expression: 'capacity >= 1' },
    { name: 'visit_types_quota_check', expression: 'daily_quota_per_doctor is null or daily_quota_per_doctor >= 1' },
  ],
  indexes: [
    // A department's live types have distinct names (DUPLICATE_VALUE on `name`).
    {
      name: 'visit_types_name_unique',
      expression: `create unique index "visit_types_name_unique" on "visit_types" ("department_id", lower("name")) where archived_at is null`,
    },
  ],
});

export class VisitType extends VisitTypeSchema.class {}
VisitTypeSchema.setClass(VisitType);
