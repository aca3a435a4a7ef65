import type pg from 'pg';
import type { SystemActor } from '../access/actor.js';
import { AUDIT_EVENT_COLUMNS } from '../audit/entry.js';

/** One patient's vaccination status as the source (BigQuery) states it, already validated. */
export interface VaccinationRecord {
  nationalId: string;
  vaccineType: string | null;
  doseCount: number;
  lastDoseDate: string | null;
}

export interface BatchResult {
  /** False when the run no longer owns the sync lock (a newer run took over): nothing was written. */
  owned: boolean;
  /** Rows whose national ID belongs to a patient. */
  matched: number;
  /** Patients whose vaccination data changed and were written (version bumped, audit event added). */
  updated: number;
  /** A few national IDs of the batch that no patient has, for the run's samples. */
  unknownSample: string[];
}

/**
 * The vaccination sync's writer: applies one batch in one statement (so one transaction), updating
 * only the patients whose vaccination data differs, bumping their version, stamping
 * `vaccination_synced_at`, and writing one audit event per updated patient (the audit writer's
 * columns, set-based: `patient.vaccination-sync` by the system actor, the run as request id).
 * Arrays go as parameters through `unnest`, the fastest way to hand PostgreSQL thousands of rows;
 * set-based rather than through the ORM, which writes a row at a time (docs/benchmarks.md).
 *
 * Fenced: the statement writes only while the run is still `running` (its sync_runs row, share-locked
 * in the same statement, so a takeover waits for the batch or the batch sees the takeover). A run
 * that froze past the stale time and was taken over writes nothing: its older data can never
 * overwrite a newer run's.
 */
export async function applyVaccinationBatch(
  client: pg.Pool,
  actor: SystemActor,
  records: VaccinationRecord[],
  runId: string,
): Promise<BatchResult> {
  const { rows } = await client.query<{ owned: boolean; matched: number; updated: number; unknown_sample: string[] }>(
    `with owner as (
       select id from sync_runs where id = $5::uuid and status = 'running' for share
     ),
     source as (
       select * from unnest($1::char(16)[], $2::text[], $3::int[], $4::date[])
         as s(national_id, vaccine_type, dose_count, last_dose_date)
     ),
     matched as (
       select p.id from patients p join source s on p.national_id = s.national_id
     ),
     updated as (
       update patients p
          set vaccine_type = s.vaccine_type,
              vaccine_dose_count = s.dose_count,
              last_vaccine_dose_date = s.last_dose_date,
              vaccination_synced_at = now(),
              version = p.version + 1,
              updated_at = now()
         from source s
        where p.national_id = s.national_id
          and exists (select 1 from owner)
          and (p.vaccine_type is distinct from s.vaccine_type
               or p.vaccine_dose_count is distinct from s.dose_count
               or p.last_vaccine_dose_date is distinct from s.last_dose_date)
       returning p.id, s.vaccine_type, s.dose_count, s.last_dose_date
     ),
     audited as (
       insert into audit_events (${AUDIT_EVENT_COLUMNS})
       select gen_random_uuid(), now(), null, $6::text, 'patient.vaccination-sync', 'Patient', u.id::text,
              jsonb_build_object('syncRunId', $5::text, 'vaccineType', u.vaccine_type,
                                 'doseCount', u.dose_count, 'lastDoseDate', u.last_dose_date),
              $5::text
         from updated u
       returning 1
     )
     select exists (select 1 from owner) as owned,
            (select count(*) from matched)::int as matched,
            (select count(*) from updated)::int as updated,
            (select count(*) from audited)::int as audited,
            (select coalesce(array_agg(x.national_id), '{}') from (
               select s.national_id from source s
                where not exists (select 1 from patients p where p.national_id = s.national_id) limit 5) x
            ) as unknown_sample`,
    [
      records.map((r) => r.nationalId),
      records.map((r) => r.vaccineType),
      records.map((r) => r.doseCount),
      records.map((r) => r.lastDoseDate),
      runId,
      actor.label,
    ],
  );
  const row = rows[0];
  return {
    owned: row?.owned ?? false,
    matched: row?.matched ?? 0,
    updated: row?.updated ?? 0,
    unknownSample: row?.unknown_sample ?? [],
  };
}
