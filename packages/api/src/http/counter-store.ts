import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '../config.js';

/** A fixed-window counter: `hit` counts `weight` attempts (one by default) and tells how many the window holds so far. */
export interface CounterStore {
  hit(key: string, windowMs: number, weight?: number): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
}

/** Counts in this process: fine for one replica; N replicas allow N times the limit. */
export class MemoryCounterStore implements CounterStore {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  async hit(key: string, windowMs: number, weight = 1) {
    const now = Date.now();
    // Past 100,000 keys (the global limit counts every client address), drop the expired ones; at
    // most once a second, so a flood of live keys does not make every request walk them all. Past
    // 200,000 live ones, the oldest go too (their clients start a fresh window): memory stays bounded.
    if (this.buckets.size > 100_000 && now >= this.nextSweep) {
      this.nextSweep = now + 1000;
      for (const [k, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(k);
      for (const k of this.buckets.keys()) {
        if (this.buckets.size <= 200_000) break;
        this.buckets.delete(k);
      }
    }
    const bucket = this.buckets.get(key);
    const next =
      bucket && bucket.resetAt > now
        ? { count: bucket.count + weight, resetAt: bucket.resetAt }
        : { count: weight, resetAt: now + windowMs };
    this.buckets.set(key, next);
    return next;
  }

  async reset(key: string) {
    this.buckets.delete(key);
  }
}

/** Counts in PostgreSQL (table rate_limit_buckets): every replica shares the budget. One upsert per hit. */
export class PostgresCounterStore implements CounterStore {
  constructor(private readonly orm: MikroORM) {}

  async hit(key: string, windowMs: number, weight = 1) {
    const rows = await this.orm.em.getConnection().execute<{ count: number; reset_at: Date }[]>(
      `insert into rate_limit_buckets (key, window_start, count) values (?, now(), ?)
       on conflict (key) do update set
         count = case when rate_limit_buckets.window_start <= now() - make_interval(secs => ?) then excluded.count
                 else rate_limit_buckets.count + excluded.count end,
         window_start = case when rate_limit_buckets.window_start <= now() - make_interval(secs => ?) then now() else rate_limit_buckets.window_start end
       returning count, window_start + make_interval(secs => ?) as reset_at`,
      [key, weight, windowMs / 1000, windowMs / 1000, windowMs / 1000],
    );
    const row = rows[0];
    return { count: Number(row?.count ?? weight), resetAt: new Date(row?.reset_at ?? Date.now() + windowMs).getTime() };
  }

  async reset(key: string) {
    await this.orm.em.getConnection().execute('delete from rate_limit_buckets where key = ?', [key]);
  }
}

/** The counter store RATE_LIMIT_STORE names: this process's memory, or PostgreSQL shared by every replica. */
export function createCounterStore(orm: MikroORM, config: ApiConfig): CounterStore {
  return config.env.RATE_LIMIT_STORE === 'postgres' ? new PostgresCounterStore(orm) : new MemoryCounterStore();
}
