import { departmentDay, departmentDayInput } from '@meditrack/contract';
import { Department, Doctor } from '@meditrack/domain';
import { findOr404 } from '../../records/find.js';
import { appointmentsInRange } from '../../scheduling/appointments-in-range.js';
import { rangeOf } from '../../scheduling/range.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id}/day?date=YYYY-MM-DD: every doctor of the department and their appointments that day. */
export const day = permissionProcedure('appointments:read')
  .meta(rest('GET', '/departments/{id}/day', { summary: 'A department’s day: doctors and their appointments' }))
  .input(departmentDayInput)
  .output(departmentDay)
  .query(async ({ ctx, input }) => {
    const department = await findOr404(ctx.em, Department, input.id, { includeArchived: true });
    const range = rangeOf(ctx, input.date, input.date);
    const doctors = await ctx.em.find(
      Doctor,
      { departments: department, employee: { archivedAt: null } },
      { populate: ['employee'], orderBy: { employee: { searchName: 'asc' } } },
    );
    const appointments = doctors.length
      ? await appointmentsInRange(ctx.em, { doctorIds: doctors.map((d) => d.id) }, range)
      : [];
    return {
      departmentId: department.id,
      date: input.date,
      timeZone: ctx.services.config.env.HOSPITAL_TIMEZONE,
      doctors: doctors.map((d) => ({
        doctorId: d.id,
        name: [d.employee.name, d.employee.surname].filter(Boolean).join(' '),
        appointments: appointments.filter((a) => a.doctorId === d.id),
      })),
    };
  });
