import { Cron } from 'croner';

export interface ScheduleOptions {
  /** What the job is, for croner's registry and the logs. */
  name: string;
  cron: string;
  timeZone: string;
  /** The job; errors are caught and logged here, so a failed run never kills the process. */
  run: () => Promise<unknown>;
  onError: (error: unknown) => void;
}

/**
 * A daily job's schedule. `protect` skips a tick while the previous run is still going (the database
 * lock would refuse it anyway); `catch` keeps an error in a run from killing the process.
 */
export function scheduleDaily(options: ScheduleOptions): Cron {
  return new Cron(
    options.cron,
    {
      name: `${options.name}-${process.pid}-${Date.now()}`,
      timezone: options.timeZone,
      protect: true,
      catch: options.onError,
    },
    async () => {
      try {
        await options.run();
      } catch (error) {
        options.onError(error);
      }
    },
  );
}
