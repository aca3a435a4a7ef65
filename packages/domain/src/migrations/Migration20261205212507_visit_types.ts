import { Migration } from '@mikro-orm/migrations';

/** Visit types and their rules; appointments' blocked time (buffers) and sessions; weekly hours' offered types. */
export class Migration20261205212507_visit_types extends Migration {

  override name = 'Migration20261205212507_visit_types';

  override up(): void | Promise<void> {
    this.addSql(`create table "visit_types" ("id" uuid not null, "department_id" uuid not null, "name" varchar(120) not null, "duration_minutes" smallint not null, "buffer_before_minutes" smallint not null default 0, "buffer_after_minutes" smallint not null default 0, "min_notice_minutes" int not null default 0, "horizon_days" smallint null, "reschedule_cutoff_minutes" int not null default 0, "cancel_cutoff_minutes" int not null default 0, "capacity" smallint not null default 1, "daily_quota_per_doctor" smallint null, "archived_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create unique index "visit_types_name_unique" on "visit_types" ("department_id", lower("name")) where archived_at is null;`);

    this.addSql(`alter table "appointments" drop constraint "appointments_doctor_no_overlap";`);
    this.addSql(`alter table "appointments" add "visit_type_id" uuid null, add "blocked_from" timestamptz null, add "blocked_to" timestamptz null, add "session_key" varchar(200) null;`);
    // Appointments booked so far have no buffers: they block exactly their own time.
    this.addSql(`update "appointments" set "blocked_from" = "starts_at", "blocked_to" = "ends_at";`);
    this.addSql(`alter table "appointments" alter column "blocked_from" set not null, alter column "blocked_to" set not null;`);
    this.addSql(`alter table "appointments" add constraint "appointments_visit_type_id_foreign" foreign key ("visit_type_id") references "visit_types" ("id") on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_blocked_range_check" check (blocked_from <= starts_at and blocked_to >= ends_at and blocked_from >= (starts_at - '02:00:00'::interval) and blocked_to <= (ends_at + '02:00:00'::interval));`);
    this.addSql(`alter table "appointments" add constraint "appointments_doctor_no_overlap" exclude using gist (doctor_id with =, (coalesce(session_key, (id)::text)) with <>, tstzrange(blocked_from, blocked_to) with &&) where (status in ('scheduled', 'checked_in'));`);

    this.addSql(`alter table "doctor_weekly_schedules" add "visit_type_ids" uuid[] not null default '{}';`);

    this.addSql(`alter table "visit_types" add constraint "visit_types_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "visit_types" add constraint "visit_types_duration_check" check (duration_minutes >= 5 and duration_minutes <= 480);`);
    this.addSql(`alter table "visit_types" add constraint "visit_types_buffers_check" check (buffer_before_minutes >= 0 and buffer_before_minutes <= 120 and buffer_after_minutes >= 0 and buffer_after_minutes <= 120);`);
    this.addSql(`alter table "visit_types" add constraint "visit_types_capacity_check" check (capacity >= 1);`);
    this.addSql(`alter table "visit_types" add constraint "visit_types_quota_check" check (daily_quota_per_doctor is null or daily_quota_per_doctor >= 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "appointments" drop constraint "appointments_visit_type_id_foreign";`);
    this.addSql(`drop table if exists "visit_types" cascade;`);
    this.addSql(`alter table "appointments" drop constraint "appointments_blocked_range_check";`);
    this.addSql(`alter table "appointments" drop constraint "appointments_doctor_no_overlap";`);
    this.addSql(`alter table "appointments" drop column "visit_type_id", drop column "blocked_from", drop column "blocked_to", drop column "session_key";`);
    this.addSql(`alter table "appointments" add constraint "appointments_doctor_no_overlap" exclude using gist (doctor_id with =, tstzrange(starts_at, ends_at) with &&) where (status in ('scheduled', 'checked_in'));`);
    this.addSql(`alter table "doctor_weekly_schedules" drop column "visit_type_ids";`);
  }

}
