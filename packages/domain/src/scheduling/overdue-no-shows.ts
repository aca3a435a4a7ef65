import { Appointment } from '../entities/appointment.js';
import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';

/** Appointments a run marks per transaction (one flush, one audit insert). */
const BATCH = 200;
/** Runs of the job, across replicas, take this advisory lock: one marks, the others skip. */
const NO_SHOW_JOB_LOCK = 0x6e6f5368; // 'noSh'

/**
 * The automatic no-show: scheduled appointments not checked in `graceMinutes` after their start
 * become `no_show`, each with its audit event (the unit of work's actor, the job). The front desk
 * can undo one the same day (`undoNoShow`). A run holds an advisory lock, so API replicas running
 * the same schedule do not mark the same appointments twice. Returns how many it marked.
 */
export async function markOverdueNoShows(work: Work, graceMinutes: number): Promise<number> {
  const cutoff = new Date(work.now().getTime() - graceMinutes * 60_000);
  let marked = 0;
  for (;;) {
    const count = await work.transaction(async (tx) => {
      const [lock] = await selectRows<{ locked: boolean }>(tx.em, 'select pg_try_advisory_xact_lock(?) as locked', [
        NO_SHOW_JOB_LOCK,
      ]);
      if (!lock?.locked) return 0;
      const overdue = await tx.em.find(
        Appointment,
        { status: 'scheduled', startsAt: { $lte: cutoff } },
        { orderBy: { startsAt: 'asc', id: 'asc' }, limit: BATCH },
      );
      for (const appointment of overdue) {
        appointment.move('noShow', tx.now());
        tx.describe(appointment, {
          action: 'appointment.noShow',
          changes: { status: 'no_show', automatic: true, graceMinutes },
        });
      }
      await tx.commit();
      return overdue.length;
    });
    marked += count;
    if (count < BATCH) return marked;
  }
}
