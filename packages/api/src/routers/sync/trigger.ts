import { syncRun, triggerSyncInput } from '@meditrack/contract';
import { SyncRun } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toSyncRunDto } from './dto.js';

/** POST /api/sync-runs: start a vaccination sync now (202); 409 while one is running anywhere. */
export const trigger = permissionProcedure('sync:run')
  .meta(rest('POST', '/sync-runs', { summary: 'Start a vaccination sync from BigQuery now', successStatus: 202 }))
  .input(triggerSyncInput)
  .output(syncRun)
  .mutation(async ({ ctx }) => {
    const runId = await ctx.services.sync.trigger(ctx.user.id);
    audit(ctx, { action: 'sync.trigger', entityType: 'SyncRun', entityId: runId });
    await ctx.em.flush();
    return toSyncRunDto(await ctx.em.findOneOrFail(SyncRun, runId));
  });
