import type { TRPCRouterRecord } from '@trpc/server';
import { archive } from './archive.js';
import { getAvailability, searchAvailability } from './availability.js';
import { doctorCalendar } from './calendar.js';
import { create } from './create.js';
import { get } from './get.js';
import { list } from './list.js';
import { schedule } from './schedule.js';
import { addTimeOff, removeTimeOff } from './time-off.js';
import { update } from './update.js';
import { addWeeklyHours, removeWeeklyHours } from './weekly-hours.js';

export const doctorsRouter = {
  list,
  get,
  create,
  update,
  archive,
  schedule,
  addWeeklyHours,
  removeWeeklyHours,
  addTimeOff,
  removeTimeOff,
  availability: getAvailability,
  searchAvailability,
  calendar: doctorCalendar,
} satisfies TRPCRouterRecord;
