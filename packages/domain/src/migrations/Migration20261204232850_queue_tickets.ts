import { Migration } from '@mikro-orm/migrations';

/** The daily queue: tickets per department and hospital-local day, numbered from a counter row per day. */
export class Migration20261204232850_queue_tickets extends Migration {

  override name = 'Migration20261204232850_queue_tickets';

  override up(): void | Promise<void> {
    this.addSql(`create table "queue_counters" ("department_id" uuid not null, "service_date" date not null, "last_number" int not null, primary key ("department_id", "service_date"));`);

    this.addSql(`create table "queue_tickets" ("id" uuid not null, "department_id" uuid not null, "service_date" date not null, "number" int not null, "priority" text not null default 'regular', "status" text not null default 'waiting', "patient_id" uuid not null, "appointment_id" uuid null, "issued_at" timestamptz not null, "issued_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_appointment_id_unique" unique ("appointment_id");`);
    this.addSql(`create index "queue_tickets_patient_index" on "queue_tickets" ("patient_id");`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_department_day_number_unique" unique ("department_id", "service_date", "number");`);

    this.addSql(`alter table "queue_counters" add constraint "queue_counters_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete cascade;`);

    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_patient_id_foreign" foreign key ("patient_id") references "patients" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_issued_by_id_foreign" foreign key ("issued_by_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_number_check" check (number > 0);`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_priority_check" check ("priority" in ('urgent', 'priority', 'regular'));`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_status_check" check ("status" in ('waiting', 'called', 'in_consultation', 'done', 'skipped', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "queue_counters" cascade;`);
    this.addSql(`drop table if exists "queue_tickets" cascade;`);
  }

}
