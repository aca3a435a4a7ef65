import { Migration } from '@mikro-orm/migrations';
import { EMPLOYEE_CHANGES_CHANNEL } from '../database/notifications.js';

/**
 * Every committed update or delete of an employee notifies EMPLOYEE_CHANGES_CHANNEL with its id, and
 * a truncate with '*': API replicas remember employees for their session checks and must forget one
 * whose role, password or archiving changed, whoever changed it (another replica, psql, a script).
 */
export class Migration20261127120000_employee_change_notify extends Migration {
  override name = 'Migration20261127120000_employee_change_notify';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "employees_notify_change"() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('${EMPLOYEE_CHANGES_CHANNEL}', '*');
  else
    perform pg_notify('${EMPLOYEE_CHANGES_CHANNEL}', old.id::text);
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "employees_notify_row_change" after update or delete on "employees"
  for each row execute function "employees_notify_change"();`);
    this.addSql(`create trigger "employees_notify_truncate" after truncate on "employees"
  for each statement execute function "employees_notify_change"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "employees_notify_truncate" on "employees";`);
    this.addSql(`drop trigger if exists "employees_notify_row_change" on "employees";`);
    this.addSql(`drop function if exists "employees_notify_change"();`);
  }
}
