import { syncRun, triggerSyncInput } from '@meditrack/contract';
import { triggerSync } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/sync-runs: start a vaccination sync now (202); 409 while one is running anywhere. */
export const trigger = permissionProcedure('sync:run')
  .meta(
    rest('POST', '/sync-runs', {
      description:
        'Starts a vaccination sync from BigQuery in the background and answers its run; 409 while another run is going.',
      errors: ['SYNC_ALREADY_RUNNING', 'INVALID_STATE'],
      summary: 'Start a vaccination sync from BigQuery now',
      successStatus: 202,
    }),
  )
  .input(triggerSyncInput)
  .output(syncRun)
  .mutation(({ ctx }) => triggerSync(ctx.work, (employeeId) => ctx.services.sync.trigger(employeeId)));
