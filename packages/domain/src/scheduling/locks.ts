import { refuseDeadReference } from '../records/find.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
import type { Work } from '../work/work.js';

interface Locked {
  archivedAt: string | null;
}

/**
 * The locks every scheduling write takes, always in this order: the patient's row, then the
 * doctor's (FOR NO KEY UPDATE: it does not block other inserts' foreign-key checks). Bookings,
 * reschedules and time off touching the same doctor or patient then run one after another, so the
 * second one's checks see the first one's row, and the fixed order means they can never deadlock.
 * Under the lock, the patient and the doctor must still be live (not archived meanwhile).
 */
export async function lockForScheduling(tx: Work, who: { patientId?: string; doctorId: string }): Promise<void> {
  const connection = tx.em.getConnection();
  const trx = tx.em.getTransactionContext();
  if (!trx) throw new Error('lockForScheduling needs a transaction');
  if (who.patientId) {
    // Both locks in one round trip, in the fixed order: the lateral subquery (the doctor's row) runs
    // for the patient's row once that row is locked, so the patient's is always taken first.
    const [both] = await connection.execute<(Locked & { doctorArchivedAt: string | null; doctorFound: boolean })[]>(
      `select p.archived_at as "archivedAt", d.archived_at as "doctorArchivedAt", d.id is not null as "doctorFound"
         from (select archived_at from patients where id = ? for no key update) p
         left join lateral (
           select d.id, e.archived_at ${DOCTORS_WITH_ACCOUNTS} where d.id = ? for no key update of d
         ) d on true`,
      [who.patientId, who.doctorId],
      'all',
      trx,
    );
    refuseDeadReference('patient', both, 'patientId');
    refuseDeadReference('doctor', both.doctorFound ? { archivedAt: both.doctorArchivedAt } : undefined, 'doctorId');
    return;
  }
  const [doctor] = await connection.execute<Locked[]>(
    `select e.archived_at as "archivedAt" ${DOCTORS_WITH_ACCOUNTS} where d.id = ? for no key update of d`,
    [who.doctorId],
    'all',
    trx,
  );
  refuseDeadReference('doctor', doctor, 'doctorId');
}
