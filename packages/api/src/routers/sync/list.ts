import { listSyncRunsInput, syncRunPage } from '@meditrack/contract';
import { listSyncRuns } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/sync-runs: vaccination sync runs with their figures, newest first by default. */
export const list = permissionProcedure('sync:read')
  .meta(
    rest('GET', '/sync-runs', {
      description: 'Vaccination sync runs page by page, with their counts and samples of rows that were not applied.',
      summary: 'List vaccination sync runs',
    }),
  )
  .input(listSyncRunsInput)
  .output(syncRunPage)
  .query(({ ctx, input }) => listSyncRuns(ctx.work, input));
