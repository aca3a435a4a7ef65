import { Migration } from '@mikro-orm/migrations';

/**
 * Appointments last at most 24 hours (MAX_APPOINTMENT_HOURS). Besides being a sane rule, it bounds
 * the start of any appointment overlapping a range, so a week's calendar reads that week from the
 * (doctor_id, starts_at) index instead of the doctor's whole history (docs/benchmarks.md).
 */
export class Migration20261127070000_appointment_max_length extends Migration {
  override name = 'Migration20261127070000_appointment_max_length';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "appointments" add constraint "appointments_max_length_check" check (ends_at <= starts_at + interval '24 hours');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "appointments" drop constraint if exists "appointments_max_length_check";`);
  }
}
