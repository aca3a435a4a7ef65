import { Migration } from '@mikro-orm/migrations';

/**
 * Patient name search by word prefixes instead of trigrams: at 1M patients the trigram index read
 * long posting lists of common trigrams (~9 ms per search, 45x the 10k-patient figure); a prefix
 * lookup in these keys reads only the entries that match (docs/benchmarks.md).
 *
 * Keys of "siti rahma santoso": each word (`w:siti`, `w:rahma`, `w:santoso`) and each run of words
 * from a word to the end (`k:siti rahma santoso`, `k:rahma santoso`, `k:santoso`).
 */
export class Migration20261127060000_patient_search_keys extends Migration {
  override name = 'Migration20261127060000_patient_search_keys';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function patient_search_keys(search_name text) returns tsvector
      language sql immutable strict parallel safe as $$
        select array_to_tsvector(array(
          select 'w:' || w from unnest(words) as w where w <> ''
          union all
          select 'k:' || array_to_string(words[i:], ' ') from generate_subscripts(words, 1) as i
        )) from regexp_split_to_array(search_name, ' ') as words
      $$;`);
    this.addSql(
      `alter table "patients" add column "search_keys" tsvector generated always as (patient_search_keys(search_name)) stored;`,
    );
    // fastupdate off: new patients go straight into the index. With it on, they queue in a pending
    // list that every search scans until vacuum merges it (4x slower searches after a burst of
    // registrations in the benchmark).
    this.addSql(`create index "patients_search_keys_index" on "patients" using gin ("search_keys") with (fastupdate = off);`);
    this.addSql(`drop index if exists "patients_search_name_trgm_index";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create index "patients_search_name_trgm_index" on "patients" using gin ("search_name" gin_trgm_ops);`);
    this.addSql(`drop index if exists "patients_search_keys_index";`);
    this.addSql(`alter table "patients" drop column if exists "search_keys";`);
    this.addSql(`drop function if exists patient_search_keys(text);`);
  }
}
