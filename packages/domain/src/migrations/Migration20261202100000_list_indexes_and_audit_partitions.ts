import { Migration } from '@mikro-orm/migrations';

const COLUMNS = `"id", "occurred_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "changes", "request_id"`;

/**
 * 1. An index for each sort order of the patient and appointment lists (with the id, their
 *    tie-breaker), so keyset pages read their rows from an index at any depth.
 * 2. The audit trail, the table that grows fastest (every read of patient data adds a row), becomes
 *    partitioned by month of `occurred_at`: a time range reads only its months, each month's
 *    indexes stay small, and old months can be detached whole (docs/operations.md, retention).
 *    `audit_events_ensure_partitions(from, to)` creates the missing months of a range; the API at
 *    start and the worker daily keep three months ahead. Rows outside every month (a clock set far
 *    off) land in the default partition; a month that already has rows there is not created, so the
 *    function never fails and never moves an event.
 */
export class Migration20261202100000_list_indexes_and_audit_partitions extends Migration {
  override name = 'Migration20261202100000_list_indexes_and_audit_partitions';

  override up(): void | Promise<void> {
    this.addSql(`drop index "patients_date_of_birth_index";`);
    this.addSql(`create index "patients_search_name_id_index" on "patients" ("search_name", "id");`);
    this.addSql(`create index "patients_date_of_birth_id_index" on "patients" ("date_of_birth", "id");`);
    this.addSql(`create index "patients_created_at_id_index" on "patients" ("created_at", "id");`);
    this.addSql(`create index "appointments_starts_at_id_index" on "appointments" ("starts_at", "id");`);
    this.addSql(`create index "appointments_created_at_id_index" on "appointments" ("created_at", "id");`);

    // The old table steps aside: its names (primary key, indexes, foreign key) go to the new one.
    this.addSql(`alter table "audit_events" rename to "audit_events_unpartitioned";`);
    this.addSql(`drop trigger "audit_events_append_only" on "audit_events_unpartitioned";`);
    this.addSql(`alter table "audit_events_unpartitioned" drop constraint "audit_events_actor_id_foreign";`);
    this.addSql(`alter table "audit_events_unpartitioned" drop constraint "audit_events_pkey";`);
    this.addSql(`drop index "audit_events_entity_index";`);
    this.addSql(`drop index "audit_events_occurred_at_index";`);
    this.addSql(`drop index "audit_events_actor_index";`);

    this.addSql(`create table "audit_events" ("id" uuid not null, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "actor_label" varchar(100) null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(64) null, "changes" jsonb null, "request_id" varchar(64) null, primary key ("id", "occurred_at")) partition by range ("occurred_at");`);
    this.addSql(`create table "audit_events_default" partition of "audit_events" default;`);
    this.addSql(`create index "audit_events_entity_index" on "audit_events" ("entity_type", "entity_id", "occurred_at");`);
    this.addSql(`create index "audit_events_occurred_at_id_index" on "audit_events" ("occurred_at", "id");`);
    this.addSql(`create index "audit_events_actor_index" on "audit_events" ("actor_id", "occurred_at");`);
    this.addSql(`create index "audit_events_action_index" on "audit_events" ("action", "occurred_at");`);
    this.addSql(`create index "audit_events_request_index" on "audit_events" ("request_id");`);
    this.addSql(`create index "audit_events_changes_index" on "audit_events" using gin ("changes" jsonb_path_ops);`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "employees" ("id") on delete restrict;`);

    this.addSql(`create or replace function "audit_events_ensure_partitions"("from_time" timestamptz, "to_time" timestamptz) returns integer as \$\$
      declare
        month_start timestamptz := date_trunc('month', from_time, 'UTC');
        month_end timestamptz;
        partition_name text;
        created integer := 0;
      begin
        -- One creator at a time: two replicas starting together must not race for a name.
        perform pg_advisory_xact_lock(hashtext('audit_events_ensure_partitions'));
        while month_start <= to_time loop
          month_end := (month_start at time zone 'UTC' + interval '1 month') at time zone 'UTC';
          partition_name := 'audit_events_' || to_char(month_start at time zone 'UTC', 'YYYY_MM');
          if to_regclass(partition_name) is null and not exists (
            select 1 from audit_events_default where occurred_at >= month_start and occurred_at < month_end
          ) then
            execute format('create table %I partition of audit_events for values from (%L) to (%L)',
              partition_name, month_start, month_end);
            created := created + 1;
          end if;
          month_start := month_end;
        end loop;
        return created;
      end;
    \$\$ language plpgsql;`);
    // The months of the last two years that hold events, and three ahead; older events go to the default partition.
    this.addSql(`select "audit_events_ensure_partitions"("month", "month") from (
      select distinct date_trunc('month', "occurred_at", 'UTC') as "month" from "audit_events_unpartitioned"
       where "occurred_at" > now() - interval '24 months') "months";`);
    this.addSql(`select "audit_events_ensure_partitions"(now(), now() + interval '3 months');`);
    this.addSql(`insert into "audit_events" (${COLUMNS}) select ${COLUMNS} from "audit_events_unpartitioned";`);
    this.addSql(`drop table "audit_events_unpartitioned";`);
    this.addSql(`create trigger "audit_events_append_only" BEFORE UPDATE OR DELETE on "audit_events" for each ROW execute function "audit_events_audit_events_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_events" rename to "audit_events_partitioned";`);
    this.addSql(`drop trigger "audit_events_append_only" on "audit_events_partitioned";`);
    this.addSql(`alter table "audit_events_partitioned" drop constraint "audit_events_actor_id_foreign";`);
    this.addSql(`alter table "audit_events_partitioned" drop constraint "audit_events_pkey";`);
    for (const index of ['entity', 'occurred_at_id', 'actor', 'action', 'request', 'changes']) {
      this.addSql(`drop index "audit_events_${index}_index";`);
    }
    this.addSql(`create table "audit_events" ("id" uuid not null, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "actor_label" varchar(100) null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(64) null, "changes" jsonb null, "request_id" varchar(64) null, primary key ("id"));`);
    this.addSql(`insert into "audit_events" (${COLUMNS}) select ${COLUMNS} from "audit_events_partitioned";`);
    this.addSql(`drop table "audit_events_partitioned" cascade;`);
    this.addSql(`drop function "audit_events_ensure_partitions"(timestamptz, timestamptz);`);
    this.addSql(`create index "audit_events_entity_index" on "audit_events" ("entity_type", "entity_id", "occurred_at");`);
    this.addSql(`create index "audit_events_occurred_at_index" on "audit_events" ("occurred_at");`);
    this.addSql(`create index "audit_events_actor_index" on "audit_events" ("actor_id", "occurred_at");`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`create trigger "audit_events_append_only" BEFORE UPDATE OR DELETE on "audit_events" for each ROW execute function "audit_events_audit_events_append_only_fn"();`);

    this.addSql(`drop index "appointments_created_at_id_index";`);
    this.addSql(`drop index "appointments_starts_at_id_index";`);
    this.addSql(`drop index "patients_created_at_id_index";`);
    this.addSql(`drop index "patients_date_of_birth_id_index";`);
    this.addSql(`drop index "patients_search_name_id_index";`);
    this.addSql(`create index "patients_date_of_birth_index" on "patients" ("date_of_birth");`);
  }
}
