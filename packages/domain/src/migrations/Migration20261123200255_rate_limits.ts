import { Migration } from '@mikro-orm/migrations';

export class Migration20261123200255_rate_limits extends Migration {

  override name = 'Migration20261123200255_rate_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limit_buckets" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null, primary key ("key"));`);
    this.addSql(`create index "rate_limit_buckets_window_start_index" on "rate_limit_buckets" ("window_start");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);
  }

}
