import { type DomainSettings, markOverdueNoShows, systemActor, Work } from '@meditrack/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Cron } from 'croner';

/** Where a run's outcome goes (the server's logger). */
interface JobLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** A pattern croner takes, or `off`. */
export function isCronPattern(pattern: string): boolean {
  if (pattern === 'off') return true;
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/**
 * The automatic no-show on a schedule (croner; every replica runs it, the domain's advisory lock
 * lets one mark per run). A failed run is logged; the next one tries again. Stop it on close.
 */
export function scheduleNoShows(options: {
  orm: MikroORM;
  settings: DomainSettings;
  pattern: string;
  graceMinutes: number;
  log: JobLog;
}): { stop(): void } {
  if (options.pattern === 'off') return { stop() {} };
  const job = new Cron(options.pattern, { timezone: options.settings.timeZone, protect: true }, async () => {
    const work = Work.open(options.orm, systemActor('no-show job'), { settings: options.settings });
    try {
      const marked = await markOverdueNoShows(work, options.graceMinutes);
      if (marked > 0) options.log.info({ marked, graceMinutes: options.graceMinutes }, 'appointments marked no-show');
    } catch (error) {
      options.log.error({ err: error }, 'the automatic no-show failed; the next run tries again');
    }
  });
  return { stop: () => job.stop() };
}
