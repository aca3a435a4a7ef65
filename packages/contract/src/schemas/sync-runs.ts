import * as z from 'zod';
import { SYNC_RUN_STATUSES, SYNC_TRIGGERS } from '../enums.js';
import { listInput, page } from './pagination.js';
import { dateTime } from './primitives.js';

export const triggerSyncInput = z.strictObject({}).optional();
export const listSyncRunsInput = listInput(['startedAt'], { status: z.enum(SYNC_RUN_STATUSES).optional() });

export const syncRun = z
  .object({
    id: z.uuid(),
    status: z.enum(SYNC_RUN_STATUSES),
    trigger: z.enum(SYNC_TRIGGERS),
    triggeredById: z.uuid().nullable(),
    workerId: z.string().nullable(),
    startedAt: dateTime,
    heartbeatAt: dateTime,
    finishedAt: dateTime.nullable(),
    rowsRead: z.number().int(),
    rowsUpdated: z.number().int(),
    rowsUnchanged: z.number().int(),
    unknownNationalIds: z.number().int(),
    malformedNationalIds: z.number().int(),
    invalidRows: z.number().int(),
    rowsNotApplied: z
      .number()
      .int()
      .describe(
        'Rows read but not applied: the batch whose write failed, or what the run read after losing its lock. rowsRead = rowsUpdated + rowsUnchanged + unknownNationalIds + malformedNationalIds + invalidRows + rowsNotApplied.',
      ),
    samples: z
      .array(z.object({ row: z.number().int(), nationalId: z.string().nullable(), problem: z.string() }))
      .nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'SyncRun' });
export const syncRunPage = page(syncRun, 'SyncRunPage');

export type SyncRun = z.output<typeof syncRun>;
