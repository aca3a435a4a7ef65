import { doctor, updateDoctorInput } from '@meditrack/contract';
import { audit } from '../../audit/record.js';
import { changedKeys } from '../../records/changes.js';
import { expectVersion } from '../../records/version.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDoctorDto } from './dto.js';
import { findDoctorOr404 } from './find.js';
import { departmentsOr422 } from './write.js';

/** PUT /api/doctors/{id}: the clinical profile (the account is edited through /employees). */
export const update = permissionProcedure('doctors:write')
  .meta(rest('PUT', '/doctors/{id}', { summary: 'Replace a doctor’s profile' }))
  .input(updateDoctorInput)
  .output(doctor)
  .mutation(async ({ ctx, input }) => {
    const record = await findDoctorOr404(ctx.em, input.id);
    expectVersion(record, input.version, ctx.ifMatchVersion);
    const departments = await departmentsOr422(ctx, input.departmentIds);
    const columns = {
      specialization: input.specialization,
      licenseNumber: input.licenseNumber,
      defaultAppointmentMinutes: input.defaultAppointmentMinutes,
    };
    const changed = changedKeys(record, columns);
    ctx.em.assign(record, columns);
    record.departments.set(departments);
    // A change of departments alone touches only the pivot table; touching the row makes it a new version too.
    record.updatedAt = new Date();
    audit(ctx, { action: 'doctor.update', entityType: 'Doctor', entityId: record.id, changes: { fields: changed } });
    await ctx.em.flush();
    return toDoctorDto(record);
  });
