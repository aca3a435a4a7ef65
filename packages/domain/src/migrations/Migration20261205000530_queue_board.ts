import { Migration } from '@mikro-orm/migrations';

/** The waiting-room board's event log per department and day (no patient data), numbered from the day's counter. */
export class Migration20261205000530_queue_board extends Migration {

  override name = 'Migration20261205000530_queue_board';

  override up(): void | Promise<void> {
    this.addSql(`create table "queue_board_events" ("department_id" uuid not null, "service_date" date not null, "seq" int not null, "ticket_id" uuid not null, "number" int not null, "priority" text not null, "status" text not null, "desk" varchar(50) null, "at" timestamptz not null, primary key ("department_id", "service_date", "seq"));`);

    this.addSql(`alter table "queue_counters" add "last_event" int not null default 0;`);

    this.addSql(`alter table "queue_board_events" add constraint "queue_board_events_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete cascade;`);
    this.addSql(`alter table "queue_board_events" add constraint "queue_board_events_ticket_id_foreign" foreign key ("ticket_id") references "queue_tickets" ("id") on delete cascade;`);
    this.addSql(`alter table "queue_board_events" add constraint "queue_board_events_priority_check" check ("priority" in ('urgent', 'priority', 'regular'));`);
    this.addSql(`alter table "queue_board_events" add constraint "queue_board_events_status_check" check ("status" in ('waiting', 'called', 'in_consultation', 'done', 'skipped', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "queue_board_events" cascade;`);
    this.addSql(`alter table "queue_counters" drop column "last_event";`);
  }

}
