import { WEEKDAYS } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties, versionProperty } from './common.js';
import { Doctor } from './doctor.js';

/** Weekly working hours: on `weekday`, from `startTime` to `endTime` (hospital time zone), within the validity dates. */
export const WeeklyScheduleSchema = defineEntity({
  name: 'WeeklySchedule',
  tableName: 'doctor_weekly_schedules',
  properties: {
    id: idProperty(),
    doctor: () => p.manyToOne(Doctor).deleteRule('restrict'),
    weekday: p.enum(WEEKDAYS),
    startTime: p.time(),
    endTime: p.time(),
    validFrom: p.date(),
    validTo: p.date().nullable(),
    // The visit types these hours offer; empty: all of the doctor's departments' types.
    visitTypeIds: p.array().columnType('uuid[]').defaultRaw(`'{}'`),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [
    { name: 'doctor_weekly_schedules_weekday_check', expression: 'weekday >= 1 and weekday <= 7' },
    { name: 'doctor_weekly_schedules_hours_check', expression: 'end_time > start_time' },
    { name: 'doctor_weekly_schedules_validity_check', expression: 'valid_to is null or valid_to >= valid_from' },
  ],
  indexes: [{ name: 'doctor_weekly_schedules_doctor_weekday_index', properties: ['doctor', 'weekday'] }],
});

export class WeeklySchedule extends WeeklyScheduleSchema.class {}
WeeklyScheduleSchema.setClass(WeeklySchedule);

/** Leave, conferences, sickness: a doctor is not bookable between `startsAt` and `endsAt`. */
export const TimeOffSchema = defineEntity({
  name: 'TimeOff',
  tableName: 'doctor_time_off',
  properties: {
    id: idProperty(),
    doctor: () => p.manyToOne(Doctor).deleteRule('restrict'),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    reason: p.string().length(500).nullable(),
    version: versionProperty(),
    ...timestampProperties(),
  },
  checks: [{ name: 'doctor_time_off_range_check', expression: 'ends_at > starts_at' }],
  indexes: [{ name: 'doctor_time_off_doctor_starts_at_index', properties: ['doctor', 'startsAt'] }],
});

export class TimeOff extends TimeOffSchema.class {}
TimeOffSchema.setClass(TimeOff);
