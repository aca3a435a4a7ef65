import * as z from 'zod/mini';
import { SYNC_RUN_STATUSES, SYNC_TRIGGERS } from '../enums.js';
import { listInput, page } from './pagination.js';
import { dateTime } from './primitives.js';

export const triggerSyncInput = z.optional(z.strictObject({}));
export const listSyncRunsInput = listInput(['startedAt'], { status: z.optional(z.enum(SYNC_RUN_STATUSES)) });

export const syncRun = z
  .object({
    id: z.uuid(),
    status: z.enum(SYNC_RUN_STATUSES),
    trigger: z.enum(SYNC_TRIGGERS),
    triggeredById: z.nullable(z.uuid()),
    workerId: z.nullable(z.string()),
    startedAt: dateTime,
    heartbeatAt: dateTime,
    finishedAt: z.nullable(dateTime),
    rowsRead: z.int(),
    rowsUpdated: z.int(),
    rowsUnchanged: z.int(),
    unknownNationalIds: z.int(),
    malformedNationalIds: z.int(),
    invalidRows: z.int(),
    rowsNotApplied: z.int().register(z.globalRegistry, {
      description:
        'Rows read but not applied: the batch whose write failed, or what the run read after losing its lock. rowsRead = rowsUpdated + rowsUnchanged + unknownNationalIds + malformedNationalIds + invalidRows + rowsNotApplied.',
    }),
    samples: z.nullable(z.array(z.object({ row: z.int(), nationalId: z.nullable(z.string()), problem: z.string() }))),
    error: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'SyncRun' });
export const syncRunPage = page(syncRun, 'SyncRunPage');

export type SyncRun = z.output<typeof syncRun>;
