import { Migration } from '@mikro-orm/migrations';

/** The queue's rules in the database: one active ticket per patient and day, per appointment; steps in order. */
export class Migration20261204235617_queue_rules extends Migration {

  override name = 'Migration20261204235617_queue_rules';

  override up(): void | Promise<void> {
    // A skipped ticket is still in the queue; an appointment may be queued again once its ticket left it.
    this.addSql(`alter table "queue_tickets" drop constraint "queue_tickets_appointment_id_unique";`);
    this.addSql(`create unique index "queue_tickets_appointment_id_unique" on "queue_tickets" ("appointment_id") where status in ('waiting', 'called', 'in_consultation', 'skipped');`);
    this.addSql(`create unique index "queue_tickets_patient_id_unique" on "queue_tickets" ("department_id", "service_date", "patient_id") where status in ('waiting', 'called', 'in_consultation', 'skipped');`);

    this.addSql(`drop index "queue_ticket_steps_ticket_at_index";`);
    this.addSql(`alter table "queue_ticket_steps" add "seq" int null;`);
    this.addSql(`update "queue_ticket_steps" s set "seq" = n.seq from (select "id", row_number() over (partition by "ticket_id" order by "at", "id") as seq from "queue_ticket_steps") n where n."id" = s."id";`);
    this.addSql(`alter table "queue_ticket_steps" alter column "seq" set not null;`);
    this.addSql(`alter table "queue_ticket_steps" add constraint "queue_ticket_steps_ticket_seq_unique" unique ("ticket_id", "seq");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "queue_ticket_steps" drop constraint "queue_ticket_steps_ticket_seq_unique";`);
    this.addSql(`alter table "queue_ticket_steps" drop column "seq";`);
    this.addSql(`create index "queue_ticket_steps_ticket_at_index" on "queue_ticket_steps" ("ticket_id", "at");`);
    this.addSql(`drop index "queue_tickets_patient_id_unique";`);
    this.addSql(`drop index "queue_tickets_appointment_id_unique";`);
    this.addSql(`alter table "queue_tickets" add constraint "queue_tickets_appointment_id_unique" unique ("appointment_id");`);
  }

}
