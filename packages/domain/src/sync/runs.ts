import type { listSyncRunsInput, SyncRun as SyncRunDto } from '@meditrack/contract';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { authorize, requireEmployee } from '../access/authorize.js';
import { SyncRun } from '../entities/sync-run.js';
import { findPage } from '../records/page.js';
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
    samples: r.samples ?? null,
    error: r.error ?? null,
  };
}

/** Vaccination sync runs with their figures. */
export async function listSyncRuns(work: Work, input: z.output<typeof listSyncRunsInput>) {
  authorize(work.actor, 'sync:read');
  const where: FilterQuery<SyncRun> = input.status ? { status: input.status } : {};
  const page = await findPage(work.em, SyncRun, where, input, { sortFields: {} });
  return { ...page, items: page.items.map(syncRunOf) };
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
