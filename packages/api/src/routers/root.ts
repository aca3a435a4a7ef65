import type { inferRouterInputs, inferRouterOutputs, TRPCRouterRecord } from '@trpc/server';
import { router } from '../trpc/init.js';
import { appointmentsRouter } from './appointments/index.js';
import { list as listAuditEvents } from './audit/list.js';
import { authRouter } from './auth/index.js';
import { departmentsRouter } from './departments/index.js';
import { doctorsRouter } from './doctors/index.js';
import { employeesRouter } from './employees/index.js';
import { patientsRouter } from './patients/index.js';
import { queueRouter } from './queue/index.js';
import { syncRouter } from './sync/index.js';
import { visitTypesRouter } from './visit-types/index.js';

/** Every procedure, one sub-router per aggregate. */
const procedures = {
  auth: authRouter,
  patients: patientsRouter,
  doctors: doctorsRouter,
  departments: departmentsRouter,
  appointments: appointmentsRouter,
  visitTypes: visitTypesRouter,
  queue: queueRouter,
  employees: employeesRouter,
  audit: { list: listAuditEvents },
  sync: syncRouter,
} satisfies TRPCRouterRecord;

export const appRouter = router(procedures);

/** The dotted path of every procedure (`patients.get`), read from the record the router is built from. */
export const procedurePaths: string[] = (function walk(record: object, prefix: string): string[] {
  return Object.entries(record).flatMap(([key, value]) =>
    typeof value === 'function' ? [`${prefix}${key}`] : walk(value as object, `${prefix}${key}.`),
  );
})(procedures, '');

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
