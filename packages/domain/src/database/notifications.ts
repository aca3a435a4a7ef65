/**
 * The channel on which PostgreSQL announces, on commit, the id of every employee row updated or
 * deleted ('*' when the table is truncated): triggers the Employee entity declares (migration
 * employee_change_notify). API replicas listen to keep their session checks current (packages/api/src/auth).
 */
export const EMPLOYEE_CHANGES_CHANNEL = 'meditrack_employee_changed';

/** The row trigger on `employees` that notifies it (the API's probes check that it is enabled). */
export const EMPLOYEE_CHANGES_TRIGGER = 'employees_notify_row_change';
