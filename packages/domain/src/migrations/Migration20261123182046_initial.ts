import { Migration } from '@mikro-orm/migrations';

export class Migration20261123182046_initial extends Migration {

  override name = 'Migration20261123182046_initial';

  override up(): void | Promise<void> {
    // Added by hand before the generated statements: the extensions behind the appointment
    // exclusion constraints (btree_gist) and name search (pg_trgm), and the MRN sequence.
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create sequence if not exists "patients_mrn_seq" as bigint;`);

    this.addSql(`create table "departments" ("id" uuid not null, "name" varchar(120) not null, "description" text null, "archived_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "departments" add constraint "departments_name_unique" unique ("name");`);

    this.addSql(`create table "employees" ("id" uuid not null, "name" varchar(100) not null, "surname" varchar(100) null, "search_name" varchar(201) not null, "email" varchar(254) not null, "username" varchar(50) null, "password_hash" text not null, "password_changed_at" timestamptz null, "gender" text not null default 'unknown', "birth_date" date null, "phone" varchar(32) null, "role" text not null, "department_id" uuid null, "last_login_at" timestamptz null, "archived_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "employees" add constraint "employees_email_unique" unique ("email");`);
    this.addSql(`alter table "employees" add constraint "employees_username_unique" unique ("username");`);
    this.addSql(`create index "employees_role_index" on "employees" ("role");`);

    this.addSql(`create table "doctors" ("id" uuid not null, "employee_id" uuid not null, "specialization" varchar(120) not null, "license_number" varchar(64) not null, "default_appointment_minutes" int not null default 30, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "doctors" add constraint "doctors_employee_id_unique" unique ("employee_id");`);
    this.addSql(`alter table "doctors" add constraint "doctors_license_number_unique" unique ("license_number");`);
    this.addSql(`create index "doctors_specialization_index" on "doctors" ("specialization");`);

    this.addSql(`create table "doctor_departments" ("doctor_id" uuid not null, "department_id" uuid not null, primary key ("doctor_id", "department_id"));`);
    this.addSql(`create index "doctor_departments_department_index" on "doctor_departments" ("department_id");`);

    this.addSql(`create table "audit_events" ("id" uuid not null, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "actor_label" varchar(100) null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(64) null, "changes" jsonb null, "request_id" varchar(64) null, primary key ("id"));`);
    this.addSql(`create index "audit_events_entity_index" on "audit_events" ("entity_type", "entity_id", "occurred_at");`);
    this.addSql(`create index "audit_events_occurred_at_index" on "audit_events" ("occurred_at");`);
    this.addSql(`create index "audit_events_actor_index" on "audit_events" ("actor_id", "occurred_at");`);

    this.addSql(`create table "patients" ("id" uuid not null, "mrn" varchar(20) not null default ('MRN-'::text || lpad((nextval('patients_mrn_seq'::regclass))::text, 8, '0'::text)), "name" varchar(100) not null, "surname" varchar(100) null, "search_name" varchar(201) not null, "gender" text not null default 'unknown', "date_of_birth" date not null, "national_id" char(16) not null, "address" text null, "phone" varchar(32) null, "email" varchar(254) null, "department_id" uuid null, "vaccine_type" varchar(100) null, "vaccine_dose_count" int not null default 0, "last_vaccine_dose_date" date null, "vaccination_synced_at" timestamptz null, "archived_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "patients" add constraint "patients_mrn_unique" unique ("mrn");`);
    this.addSql(`alter table "patients" add constraint "patients_national_id_unique" unique ("national_id");`);
    this.addSql(`alter table "patients" add constraint "patients_email_unique" unique ("email");`);
    this.addSql(`create index "patients_search_name_trgm_index" on "patients" using gin ("search_name" gin_trgm_ops);`);
    this.addSql(`create index "patients_date_of_birth_index" on "patients" ("date_of_birth");`);
    this.addSql(`create index "patients_department_index" on "patients" ("department_id");`);

    this.addSql(`create table "medical_history_entries" ("id" uuid not null, "patient_id" uuid not null, "recorded_on" date not null, "diagnosis" text not null, "treatment" text null, "notes" text null, "recorded_by_id" uuid not null, "amends_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "medical_history_entries_patient_recorded_on_index" on "medical_history_entries" ("patient_id", "recorded_on");`);

    this.addSql(`create table "appointments" ("id" uuid not null, "patient_id" uuid not null, "doctor_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "status" text not null default 'scheduled', "reason" text null, "diagnosis" text null, "notes" text null, "cancellation_reason" text null, "checked_in_at" timestamptz null, "completed_at" timestamptz null, "cancelled_at" timestamptz null, "created_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "appointments_doctor_starts_at_index" on "appointments" ("doctor_id", "starts_at");`);
    this.addSql(`create index "appointments_patient_starts_at_index" on "appointments" ("patient_id", "starts_at");`);
    this.addSql(`create index "appointments_status_starts_at_index" on "appointments" ("status", "starts_at");`);

    this.addSql(`create table "refresh_tokens" ("id" uuid not null, "employee_id" uuid not null, "token_hash" char(64) not null, "family_id" uuid not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(64) null, "replaced_by_id" uuid null, "user_agent" varchar(300) null, "ip_address" varchar(64) null, primary key ("id"));`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_tokens_family_index" on "refresh_tokens" ("family_id");`);
    this.addSql(`create index "refresh_tokens_employee_index" on "refresh_tokens" ("employee_id");`);

    this.addSql(`create table "sync_runs" ("id" uuid not null, "status" text not null default 'running', "trigger" text not null, "triggered_by_id" uuid null, "worker_id" varchar(100) null, "started_at" timestamptz not null default now(), "heartbeat_at" timestamptz not null default now(), "finished_at" timestamptz null, "rows_read" int not null default 0, "rows_updated" int not null default 0, "rows_unchanged" int not null default 0, "unknown_national_ids" int not null default 0, "invalid_rows" int not null default 0, "samples" jsonb null, "error" text null, primary key ("id"));`);
    this.addSql(`create index "sync_runs_started_at_index" on "sync_runs" ("started_at");`);
    this.addSql(`create unique index "sync_runs_one_running" on "sync_runs" ("status") where status = 'running';`);

    this.addSql(`create table "doctor_time_off" ("id" uuid not null, "doctor_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "reason" varchar(500) null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "doctor_time_off_doctor_starts_at_index" on "doctor_time_off" ("doctor_id", "starts_at");`);

    this.addSql(`create table "doctor_weekly_schedules" ("id" uuid not null, "doctor_id" uuid not null, "weekday" smallint not null, "start_time" time(0) not null, "end_time" time(0) not null, "valid_from" date not null, "valid_to" date null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "doctor_weekly_schedules_doctor_weekday_index" on "doctor_weekly_schedules" ("doctor_id", "weekday");`);

    this.addSql(`alter table "employees" add constraint "employees_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "employees" add constraint "employees_gender_check" check ("gender" in ('female', 'male', 'other', 'unknown'));`);
    this.addSql(`alter table "employees" add constraint "employees_role_check" check ("role" in ('admin', 'doctor', 'nurse', 'receptionist', 'staff'));`);

    this.addSql(`alter table "doctors" add constraint "doctors_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "doctors" add constraint "doctors_default_appointment_minutes_check" check (default_appointment_minutes >= 5 and default_appointment_minutes <= 480);`);

    this.addSql(`alter table "doctor_departments" add constraint "doctor_departments_doctor_id_foreign" foreign key ("doctor_id") references "doctors" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "doctor_departments" add constraint "doctor_departments_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`create or replace function "audit_events_audit_events_append_only_fn"() returns trigger as \$\$ begin raise exception 'audit events are append-only' using errcode = 'restrict_violation', constraint = 'audit_events_append_only'; return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_events_append_only" BEFORE UPDATE OR DELETE on "audit_events" for each ROW execute function "audit_events_audit_events_append_only_fn"();`);

    this.addSql(`alter table "patients" add constraint "patients_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "patients" add constraint "patients_national_id_check" check (national_id ~ '^[0-9]{16}\$');`);
    this.addSql(`alter table "patients" add constraint "patients_vaccine_dose_count_check" check (vaccine_dose_count >= 0);`);
    this.addSql(`alter table "patients" add constraint "patients_gender_check" check ("gender" in ('female', 'male', 'other', 'unknown'));`);

    this.addSql(`alter table "medical_history_entries" add constraint "medical_history_entries_patient_id_foreign" foreign key ("patient_id") references "patients" ("id") on delete restrict;`);
    this.addSql(`alter table "medical_history_entries" add constraint "medical_history_entries_recorded_by_id_foreign" foreign key ("recorded_by_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "medical_history_entries" add constraint "medical_history_entries_amends_id_foreign" foreign key ("amends_id") references "medical_history_entries" ("id") on delete restrict;`);
    this.addSql(`create or replace function "medical_history_entries_medical_history_entries_append_only_fn"() returns trigger as \$\$ begin raise exception 'medical history is append-only' using errcode = 'restrict_violation', constraint = 'medical_history_entries_append_only'; return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "medical_history_entries_append_only" BEFORE UPDATE OR DELETE on "medical_history_entries" for each ROW execute function "medical_history_entries_medical_history_entries_append_only_fn"();`);

    this.addSql(`alter table "appointments" add constraint "appointments_patient_id_foreign" foreign key ("patient_id") references "patients" ("id") on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_doctor_id_foreign" foreign key ("doctor_id") references "doctors" ("id") on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_created_by_id_foreign" foreign key ("created_by_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_time_range_check" check (ends_at > starts_at);`);
    this.addSql(`alter table "appointments" add constraint "appointments_cancellation_reason_check" check (status <> 'cancelled' or cancellation_reason is not null);`);
    this.addSql(`alter table "appointments" add constraint "appointments_doctor_no_overlap" exclude using gist (doctor_id with =, tstzrange(starts_at, ends_at) with &&) where (status in ('scheduled', 'checked_in'));`);
    this.addSql(`alter table "appointments" add constraint "appointments_patient_no_overlap" exclude using gist (patient_id with =, tstzrange(starts_at, ends_at) with &&) where (status in ('scheduled', 'checked_in'));`);
    this.addSql(`alter table "appointments" add constraint "appointments_status_check" check ("status" in ('scheduled', 'checked_in', 'completed', 'cancelled', 'no_show'));`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_employee_id_foreign" foreign key ("employee_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_replaced_by_id_foreign" foreign key ("replaced_by_id") references "refresh_tokens" ("id") on delete restrict;`);

    this.addSql(`alter table "sync_runs" add constraint "sync_runs_triggered_by_id_foreign" foreign key ("triggered_by_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "sync_runs" add constraint "sync_runs_status_check" check ("status" in ('running', 'succeeded', 'failed', 'abandoned'));`);
    this.addSql(`alter table "sync_runs" add constraint "sync_runs_trigger_check" check ("trigger" in ('schedule', 'manual', 'api'));`);

    this.addSql(`alter table "doctor_time_off" add constraint "doctor_time_off_doctor_id_foreign" foreign key ("doctor_id") references "doctors" ("id") on delete restrict;`);
    this.addSql(`alter table "doctor_time_off" add constraint "doctor_time_off_range_check" check (ends_at > starts_at);`);

    this.addSql(`alter table "doctor_weekly_schedules" add constraint "doctor_weekly_schedules_doctor_id_foreign" foreign key ("doctor_id") references "doctors" ("id") on delete restrict;`);
    this.addSql(`alter table "doctor_weekly_schedules" add constraint "doctor_weekly_schedules_weekday_check" check (weekday >= 1 and weekday <= 7);`);
    this.addSql(`alter table "doctor_weekly_schedules" add constraint "doctor_weekly_schedules_hours_check" check (end_time > start_time);`);
    this.addSql(`alter table "doctor_weekly_schedules" add constraint "doctor_weekly_schedules_validity_check" check (valid_to is null or valid_to >= valid_from);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "employees" drop constraint "employees_department_id_foreign";`);
    this.addSql(`alter table "doctor_departments" drop constraint "doctor_departments_department_id_foreign";`);
    this.addSql(`alter table "patients" drop constraint "patients_department_id_foreign";`);
    this.addSql(`alter table "doctors" drop constraint "doctors_employee_id_foreign";`);
    this.addSql(`alter table "audit_events" drop constraint "audit_events_actor_id_foreign";`);
    this.addSql(`alter table "medical_history_entries" drop constraint "medical_history_entries_recorded_by_id_foreign";`);
    this.addSql(`alter table "appointments" drop constraint "appointments_created_by_id_foreign";`);
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_employee_id_foreign";`);
    this.addSql(`alter table "sync_runs" drop constraint "sync_runs_triggered_by_id_foreign";`);
    this.addSql(`alter table "doctor_departments" drop constraint "doctor_departments_doctor_id_foreign";`);
    this.addSql(`alter table "appointments" drop constraint "appointments_doctor_id_foreign";`);
    this.addSql(`alter table "doctor_time_off" drop constraint "doctor_time_off_doctor_id_foreign";`);
    this.addSql(`alter table "doctor_weekly_schedules" drop constraint "doctor_weekly_schedules_doctor_id_foreign";`);
    this.addSql(`alter table "medical_history_entries" drop constraint "medical_history_entries_patient_id_foreign";`);
    this.addSql(`alter table "appointments" drop constraint "appointments_patient_id_foreign";`);
    this.addSql(`alter table "medical_history_entries" drop constraint "medical_history_entries_amends_id_foreign";`);
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_replaced_by_id_foreign";`);

    this.addSql(`drop table if exists "departments" cascade;`);
    this.addSql(`drop table if exists "employees" cascade;`);
    this.addSql(`drop table if exists "doctors" cascade;`);
    this.addSql(`drop table if exists "doctor_departments" cascade;`);
    this.addSql(`drop trigger if exists "audit_events_append_only" on "audit_events";`);
    this.addSql(`drop function if exists "audit_events_audit_events_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "patients" cascade;`);
    this.addSql(`drop trigger if exists "medical_history_entries_append_only" on "medical_history_entries";`);
    this.addSql(`drop function if exists "medical_history_entries_medical_history_entries_append_only_fn"();`);
    this.addSql(`drop table if exists "medical_history_entries" cascade;`);
    this.addSql(`drop table if exists "appointments" cascade;`);
    this.addSql(`drop table if exists "refresh_tokens" cascade;`);
    this.addSql(`drop table if exists "sync_runs" cascade;`);
    this.addSql(`drop table if exists "doctor_time_off" cascade;`);
    this.addSql(`drop table if exists "doctor_weekly_schedules" cascade;`);
  }

}
