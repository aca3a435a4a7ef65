import { Migration } from '@mikro-orm/migrations';

/** Rows a sync read but did not apply (its batch failed, or the run lost its lock), so a run's figures add up. */
export class Migration20261204210000_sync_rows_not_applied extends Migration {

  override name = 'Migration20261204210000_sync_rows_not_applied';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sync_runs" add "rows_not_applied" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sync_runs" drop column "rows_not_applied";`);
  }

}
