import { listSyncRunsInput, syncRunPage } from '@meditrack/contract';
import { SyncRun } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toSyncRunDto } from './dto.js';

/** GET /api/sync-runs: vaccination sync runs with their figures, newest first by default. */
export const list = permissionProcedure('sync:read')
  .meta(rest('GET', '/sync-runs', { summary: 'List vaccination sync runs' }))
  .input(listSyncRunsInput)
  .output(syncRunPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<SyncRun> = input.status ? { status: input.status } : {};
    const page = await findPage(ctx.em, SyncRun, where, input, { sortFields: {} });
    return { ...page, items: page.items.map(toSyncRunDto) };
  });
