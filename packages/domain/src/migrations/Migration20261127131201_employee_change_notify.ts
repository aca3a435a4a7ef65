import { Migration } from '@mikro-orm/migrations';

/**
 * Every committed update or delete of an employee notifies `meditrack_employee_changed` with its id,
 * a truncate with '*' (the triggers the Employee entity declares): API replicas remember employees
 * for their session checks and forget one when it changes (packages/api/src/auth/employee-changes.ts).
 */
export class Migration20261127131201_employee_change_notify extends Migration {

  override name = 'Migration20261127131201_employee_change_notify';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "employees_employees_notify_row_change_fn"() returns trigger as \$\$ begin perform pg_notify('meditrack_employee_changed', old.id::text); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "employees_notify_row_change" AFTER UPDATE OR DELETE on "employees" for each ROW execute function "employees_employees_notify_row_change_fn"();`);
    this.addSql(`create or replace function "employees_employees_notify_truncate_fn"() returns trigger as \$\$ begin perform pg_notify('meditrack_employee_changed', '*'); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "employees_notify_truncate" AFTER TRUNCATE on "employees" for each STATEMENT execute function "employees_employees_notify_truncate_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "employees_notify_row_change" on "employees";`);
    this.addSql(`drop function if exists "employees_employees_notify_row_change_fn"();`);
    this.addSql(`drop trigger if exists "employees_notify_truncate" on "employees";`);
    this.addSql(`drop function if exists "employees_employees_notify_truncate_fn"();`);
  }

}
