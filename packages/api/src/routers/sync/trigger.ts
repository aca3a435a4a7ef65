import { syncRun, triggerSyncInput } from '@meditrack/contract';
import { triggerSync } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/sync-runs: start a vaccination sync now (202); 409 while one is running anywhere. */
export const trigger = permissionProcedure('sync:run')
  .meta(rest('POST', '/sync-runs', { summary: 'Start a vaccination sync from BigQuery now', successStatus: 202 }))
  .input(triggerSyncInput)
  .output(syncRun)
  .mutation(({ ctx }) => triggerSync(ctx.work, (employeeId) => ctx.services.sync.trigger(employeeId)));
