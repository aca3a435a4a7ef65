import type { listSyncRunsInput, SyncRun as SyncRunDto } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, requireEmployee } from '../access/authorize.js';
import { SyncRun } from '../entities/sync-run.js';
import { instant, optionalInstant, type WithTextInstants } from '../reads/instant.js';
import { listPage, pageOf } from '../records/page.js';
import type { Work } from '../work/work.js';

export function syncRunOf(r: SyncRun): SyncRunDto {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    triggeredById: r.triggeredBy?.id ?? null,
    workerId: r.workerId ?? null,
    startedAt: r.startedAt,
    heartbeatAt: r.heartbeatAt,
    finishedAt: r.finishedAt ?? null,
    rowsRead: r.rowsRead,
    rowsUpdated: r.rowsUpdated,
    rowsUnchanged: r.rowsUnchanged,
    unknownNationalIds: r.unknownNationalIds,
    malformedNationalIds: r.malformedNationalIds,
    invalidRows: r.invalidRows,
    rowsNotApplied: r.rowsNotApplied,
    samples: r.samples ?? null,
    error: r.error ?? null,
  };
}

const SYNC_RUN_COLUMNS = `r.id, r.status, r.trigger, r.triggered_by_id as "triggeredById", r.worker_id as "workerId",
  r.started_at as "startedAt", r.heartbeat_at as "heartbeatAt", r.finished_at as "finishedAt", r.rows_read as "rowsRead",
  r.rows_updated as "rowsUpdated", r.rows_unchanged as "rowsUnchanged", r.unknown_national_ids as "unknownNationalIds",
  r.malformed_national_ids as "malformedNationalIds", r.invalid_rows as "invalidRows",
  r.rows_not_applied as "rowsNotApplied", r.samples, r.error`;
type SyncRunRow = WithTextInstants<SyncRunDto, 'startedAt' | 'heartbeatAt' | 'finishedAt'>;

/** Vaccination sync runs with their figures. */
export async function listSyncRuns(work: Work, input: z.output<typeof listSyncRunsInput>) {
  authorize(work.actor, 'sync:read');
  const page = await listPage<SyncRunRow>(
    work.em,
    {
      columns: SYNC_RUN_COLUMNS,
      from: 'from sync_runs r',
      conditions: input.status ? ['r.status = ?'] : [],
      params: input.status ? [input.status] : [],
      sortColumns: { startedAt: 'r.started_at' },
      idColumn: 'r.id',
    },
    input,
  );
  return pageOf(
    page,
    page.rows.map(
      (r): SyncRunDto => ({
        ...r,
        startedAt: instant(r.startedAt),
        heartbeatAt: instant(r.heartbeatAt),
        finishedAt: optionalInstant(r.finishedAt),
      }),
    ),
  );
}

/**
 * Starts a vaccination sync for the actor: `start` claims a run (the one-running lock) and returns
 * its id; the trigger is audited with it.
 */
export async function triggerSync(work: Work, start: (triggeredBy: string) => Promise<string>): Promise<SyncRunDto> {
  authorize(work.actor, 'sync:run');
  const runId = await start(requireEmployee(work.actor).id);
  work.record({ action: 'sync.trigger', entityType: 'SyncRun', entityId: runId });
  await work.commit();
  return syncRunOf(await work.em.findOneOrFail(SyncRun, runId));
}
