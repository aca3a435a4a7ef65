import { createDoctorInput, doctor } from '@meditrack/contract';
import { Doctor } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { createEmployee } from '../employees/write.js';
import { toDoctorDto } from './dto.js';
import { departmentsOr422 } from './write.js';

/** POST /api/doctors: creates the doctor's staff account (role doctor) and profile together. */
export const create = permissionProcedure('doctors:write')
  .meta(rest('POST', '/doctors', { summary: 'Create a doctor (account and profile)', successStatus: 201 }))
  .input(createDoctorInput)
  .output(doctor)
  .mutation(async ({ ctx, input }) => {
    const { specialization, licenseNumber, departmentIds, defaultAppointmentMinutes, ...account } = input;
    const departments = await departmentsOr422(ctx, departmentIds);
    const employee = await createEmployee(ctx, {
      ...account,
      role: 'doctor',
      departmentId: departments[0]?.id ?? null,
    });
    const created = ctx.em.create(Doctor, { employee, specialization, licenseNumber, defaultAppointmentMinutes });
    created.departments.set(departments);
    audit(ctx, {
      action: 'doctor.create',
      entityType: 'Doctor',
      entityId: created.id,
      changes: { employeeId: employee.id },
    });
    await ctx.em.flush();
    return toDoctorDto(created);
  });
