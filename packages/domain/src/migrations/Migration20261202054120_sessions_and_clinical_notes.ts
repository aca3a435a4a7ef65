import { Migration } from '@mikro-orm/migrations';

/**
 * 1. Sessions are checked on every request (the access token names its refresh-token family), so
 *    API replicas no longer remember employees: the change-notification triggers go, and a partial
 *    index finds a family's live token.
 * 2. Front-desk notes and clinical notes become two columns. Until now one `notes` column had two
 *    writers: the front desk (PUT) and the doctor at completion, who replaced it. Which of the two
 *    wrote the notes of a completed appointment cannot be told from the data, so they are moved to
 *    `clinical_notes` (hidden from roles without medical-history:read) rather than left visible to
 *    the front desk; every moved row gets an audit event. Notes of appointments that were never
 *    completed can only be the front desk's: they stay, in `front_desk_notes`. Diagnoses and
 *    clinical notes are append-only from here on (trigger).
 */
export class Migration20261202054120_sessions_and_clinical_notes extends Migration {
  override name = 'Migration20261202054120_sessions_and_clinical_notes';

  override up(): void | Promise<void> {
    this.addSql(`drop trigger if exists "employees_notify_row_change" on "employees";`);
    this.addSql(`drop function if exists "employees_employees_notify_row_change_fn"();`);
    this.addSql(`drop trigger if exists "employees_notify_truncate" on "employees";`);
    this.addSql(`drop function if exists "employees_employees_notify_truncate_fn"();`);

    this.addSql(`alter table "appointments" add "clinical_notes" text null;`);
    this.addSql(`insert into "audit_events" ("id", "occurred_at", "actor_label", "action", "entity_type", "entity_id", "changes")
      select gen_random_uuid(), now(), 'migration', 'appointment.notes-reclassified', 'Appointment', "id"::text,
             '{"from": "notes", "to": "clinical notes"}'::jsonb
        from "appointments" where "status" = 'completed' and "notes" is not null;`);
    this.addSql(`update "appointments" set "clinical_notes" = "notes", "notes" = null
      where "status" = 'completed' and "notes" is not null;`);
    this.addSql(`alter table "appointments" rename column "notes" to "front_desk_notes";`);
    this.addSql(`create or replace function "appointments_appointments_clinical_text_append_only_fn"() returns trigger as \$\$ begin if (old.diagnosis is not null and new.diagnosis is distinct from old.diagnosis)
        or (old.clinical_notes is not null and new.clinical_notes is distinct from old.clinical_notes) then
        raise exception 'clinical text is append-only' using errcode = 'restrict_violation', constraint = 'appointments_clinical_text_append_only';       end if; return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "appointments_clinical_text_append_only" BEFORE UPDATE on "appointments" for each ROW execute function "appointments_appointments_clinical_text_append_only_fn"();`);

    this.addSql(`create index "refresh_tokens_live_family_index" on "refresh_tokens" ("family_id") where "revoked_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "refresh_tokens_live_family_index";`);

    this.addSql(`drop trigger if exists "appointments_clinical_text_append_only" on "appointments";`);
    this.addSql(`drop function if exists "appointments_appointments_clinical_text_append_only_fn"();`);
    // Back into the one shared field; where both hold text, the clinical notes come first.
    this.addSql(`alter table "appointments" rename column "front_desk_notes" to "notes";`);
    this.addSql(`update "appointments" set "notes" = case when "notes" is null then "clinical_notes"
      else "clinical_notes" || E'\\n\\n' || "notes" end where "clinical_notes" is not null;`);
    this.addSql(`alter table "appointments" drop column "clinical_notes";`);

    this.addSql(`create or replace function "employees_employees_notify_row_change_fn"() returns trigger as \$\$ begin perform pg_notify('meditrack_employee_changed', old.id::text); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "employees_notify_row_change" AFTER DELETE OR UPDATE on "employees" for each ROW execute function "employees_employees_notify_row_change_fn"();`);
    this.addSql(`create or replace function "employees_employees_notify_truncate_fn"() returns trigger as \$\$ begin perform pg_notify('meditrack_employee_changed', '*'); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "employees_notify_truncate" AFTER TRUNCATE on "employees" for each STATEMENT execute function "employees_employees_notify_truncate_fn"();`);
  }
}
