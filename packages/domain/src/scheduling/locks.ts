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
    const [patient] = await connection.execute<Locked[]>(
      'select archived_at as "archivedAt" from patients where id = ? for no key update',
      [who.patientId],
      'all',
      trx,
    );
    refuseDeadReference('patient', patient, 'patientId');
  }
  const [doctor] = await connection.execute<Locked[]>(
    `select e.archived_at as "archivedAt" ${DOCTORS_WITH_ACCOUNTS} where d.id = ? for no key update of d`,
    [who.doctorId],
    'all',
    trx,
  );
  refuseDeadReference('doctor', doctor, 'doctorId');
}
