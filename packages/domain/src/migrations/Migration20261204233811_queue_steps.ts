import { Migration } from '@mikro-orm/migrations';

/** A queue ticket's steps with their times (for reporting), and the desk a ticket was called to. */
export class Migration20261204233811_queue_steps extends Migration {

  override name = 'Migration20261204233811_queue_steps';

  override up(): void | Promise<void> {
    this.addSql(`create table "queue_ticket_steps" ("id" uuid not null, "ticket_id" uuid not null, "step" text not null, "from_status" text not null, "to_status" text not null, "desk" varchar(50) null, "at" timestamptz not null, "actor_id" uuid not null, "undone_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "queue_ticket_steps_ticket_at_index" on "queue_ticket_steps" ("ticket_id", "at");`);

    this.addSql(`alter table "queue_tickets" add "desk" varchar(50) null, add "status_changed_at" timestamptz null;`);
    this.addSql(`update "queue_tickets" set "status_changed_at" = "issued_at";`);
    this.addSql(`alter table "queue_tickets" alter column "status_changed_at" set not null;`);

    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_ticket_id_foreign" foreign key ("ticket_id") references "queue_tickets" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_actor_id_foreign" foreign key ("actor_id") references "employees" ("id") on delete restrict;`);
    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_step_check" check ("step" in ('call', 'start', 'finish', 'skip', 'cancel'));`);
    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_from_status_check" check ("from_status" in ('waiting', 'called', 'in_consultation', 'done', 'skipped', 'cancelled'));`);
    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_to_status_check" check ("to_status" in ('waiting', 'called', 'in_consultation', 'done', 'skipped', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "queue_ticket_steps" cascade;`);
    this.addSql(`alter table "queue_tickets" drop column "desk", drop column "status_changed_at";`);
  }

}
