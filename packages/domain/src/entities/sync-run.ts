import { SYNC_RUN_STATUSES, SYNC_TRIGGERS } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { createdAtProperty, idProperty } from './common.js';
import { Employee } from './employee.js';

/** The partial unique index that allows one running sync at a time. */
export const SYNC_RUN_ONE_RUNNING_CONSTRAINT = 'sync_runs_one_running';

export interface SyncRunSample {
  row: number;
  nationalId: string | null;
  problem: string;
}

/**
 * One vaccination sync from BigQuery. At most one row may be `running` (partial unique index):
 * that is the cross-replica lock, and it works on PGlite too, where advisory locks exclude nobody.
 * A crashed worker stops bumping `heartbeatAt`; the next run marks such a row abandoned, and the
 * row's status is then the old run's fence: its writes check, in the same statement, that it is
 * still `running`. The figures add up: rowsRead = rowsUpdated + rowsUnchanged + unknownNationalIds
 * + malformedNationalIds + invalidRows + rowsNotApplied, whatever the final status.
 */
export const SyncRunSchema = defineEntity({
  name: 'SyncRun',
  tableName: 'sync_runs',
  properties: {
    id: idProperty(),
    status: p.enum(SYNC_RUN_STATUSES).default('running'),
    trigger: p.enum(SYNC_TRIGGERS),
    triggeredBy: () => p.manyToOne(Employee).nullable().deleteRule('restrict'),
    workerId: p.string().length(100).nullable(),
    startedAt: createdAtProperty(),
    heartbeatAt: createdAtProperty(),
    finishedAt: p.datetime().nullable(),
    rowsRead: p.integer().default(0),
    rowsUpdated: p.integer().default(0),
    rowsUnchanged: p.integer().default(0),
    unknownNationalIds: p.integer().default(0),
    malformedNationalIds: p.integer().default(0),
    invalidRows: p.integer().default(0),
    /** Read but not applied: the batch whose write failed, or every batch after the run lost its lock. */
    rowsNotApplied: p.integer().default(0),
    samples: p.json<SyncRunSample[]>().nullable(),
    error: p.text().nullable(),
  },
  uniques: [{ name: SYNC_RUN_ONE_RUNNING_CONSTRAINT, properties: ['status'], where: `status = 'running'` }],
  indexes: [{ name: 'sync_runs_started_at_index', properties: ['startedAt'] }],
});

export class SyncRun extends SyncRunSchema.class {}
SyncRunSchema.setClass(SyncRun);
