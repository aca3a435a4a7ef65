import { Migration } from '@mikro-orm/migrations';

export class Migration20261123192302_sync_malformed_ids extends Migration {

  override name = 'Migration20261123192302_sync_malformed_ids';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sync_runs" add "malformed_national_ids" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sync_runs" drop column "malformed_national_ids";`);
  }

}
