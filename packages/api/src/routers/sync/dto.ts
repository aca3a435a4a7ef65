import type { SyncRun as SyncRunDto } from '@meditrack/contract';
import type { SyncRun } from '@meditrack/domain';

export function toSyncRunDto(r: SyncRun): SyncRunDto {
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
