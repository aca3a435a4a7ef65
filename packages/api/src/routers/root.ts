import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from '../trpc/init.js';
import { appointmentsRouter } from './appointments/index.js';
import { list as listAuditEvents } from './audit/list.js';
import { authRouter } from './auth/index.js';
import { departmentsRouter } from './departments/index.js';
import { doctorsRouter } from './doctors/index.js';
import { employeesRouter } from './employees/index.js';
import { patientsRouter } from './patients/index.js';
import { syncRouter } from './sync/index.js';

/** Every procedure, one sub-router per aggregate. */
export const appRouter = router({
  auth: authRouter,
  patients: patientsRouter,
  doctors: doctorsRouter,
  departments: departmentsRouter,
  appointments: appointmentsRouter,
  employees: employeesRouter,
  audit: { list: listAuditEvents },
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
