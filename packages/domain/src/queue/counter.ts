import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';

const COLUMNS = { number: 'last_number', event: 'last_event' } as const;

/**
 * The next ticket number or board event number of a department's day, from its `queue_counters`
 * row. The row stays locked until the transaction ends, so the changes of one department's day
 * run one after another: numbers are unique, commit in their order, and a rollback gives its
 * number back (no gaps).
 */
export async function nextOnCounter(
  tx: Work,
  departmentId: string,
  serviceDate: string,
  counter: keyof typeof COLUMNS,
): Promise<number> {
  const column = COLUMNS[counter];
  const [row] = await selectRows<{ next: number }>(
    tx.em,
    `insert into queue_counters (department_id, service_date, last_number, last_event)
     values (?, ?, ${counter === 'number' ? '1, 0' : '0, 1'})
     on conflict (department_id, service_date) do update set ${column} = queue_counters.${column} + 1
     returning ${column} as next`,
    [departmentId, serviceDate],
  );
  if (!row) throw new Error('the queue counter returned no number');
  return row.next;
}
