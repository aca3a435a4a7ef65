import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123182046_initial } from './Migration20261123182046_initial.js';
import { Migration20261123192302_sync_malformed_ids } from './Migration20261123192302_sync_malformed_ids.js';
import { Migration20261123200255_rate_limits } from './Migration20261123200255_rate_limits.js';
import { Migration20261127060000_patient_search_keys } from './Migration20261127060000_patient_search_keys.js';
import { Migration20261127070000_appointment_max_length } from './Migration20261127070000_appointment_max_length.js';
import { Migration20261127131201_employee_change_notify } from './Migration20261127131201_employee_change_notify.js';
import { Migration20261202054120_sessions_and_clinical_notes } from './Migration20261202054120_sessions_and_clinical_notes.js';
import { Migration20261202100000_list_indexes_and_audit_partitions } from './Migration20261202100000_list_indexes_and_audit_partitions.js';
import { Migration20261204210000_sync_rows_not_applied } from './Migration20261204210000_sync_rows_not_applied.js';
import { Migration20261204220000_appointment_doctor_index_covering } from './Migration20261204220000_appointment_doctor_index_covering.js';
import { Migration20261204232850_queue_tickets } from './Migration20261204232850_queue_tickets.js';
import { Migration20261204233811_queue_steps } from './Migration20261204233811_queue_steps.js';
import { Migration20261204235617_queue_rules } from './Migration20261204235617_queue_rules.js';
import { Migration20261205000530_queue_board } from './Migration20261205000530_queue_board.js';
import { Migration20261205212507_visit_types } from './Migration20261205212507_visit_types.js';
import { Migration20261206040000_appointment_calendar_index_covering } from './Migration20261206040000_appointment_calendar_index_covering.js';

/** Every migration, in order. `pnpm db:migration:create` writes a file here; register it in this list. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123182046_initial', class: Migration20261123182046_initial },
  { name: 'Migration20261123192302_sync_malformed_ids', class: Migration20261123192302_sync_malformed_ids },
  { name: 'Migration20261123200255_rate_limits', class: Migration20261123200255_rate_limits },
  { name: 'Migration20261127060000_patient_search_keys', class: Migration20261127060000_patient_search_keys },
  { name: 'Migration20261127070000_appointment_max_length', class: Migration20261127070000_appointment_max_length },
  { name: 'Migration20261127131201_employee_change_notify', class: Migration20261127131201_employee_change_notify },
  {
    name: 'Migration20261202054120_sessions_and_clinical_notes',
    class: Migration20261202054120_sessions_and_clinical_notes,
  },
  {
    name: 'Migration20261202100000_list_indexes_and_audit_partitions',
    class: Migration20261202100000_list_indexes_and_audit_partitions,
  },
  { name: 'Migration20261204210000_sync_rows_not_applied', class: Migration20261204210000_sync_rows_not_applied },
  {
    name: 'Migration20261204220000_appointment_doctor_index_covering',
    class: Migration20261204220000_appointment_doctor_index_covering,
  },
  { name: 'Migration20261204232850_queue_tickets', class: Migration20261204232850_queue_tickets },
  { name: 'Migration20261204233811_queue_steps', class: Migration20261204233811_queue_steps },
  { name: 'Migration20261204235617_queue_rules', class: Migration20261204235617_queue_rules },
  { name: 'Migration20261205000530_queue_board', class: Migration20261205000530_queue_board },
  { name: 'Migration20261205212507_visit_types', class: Migration20261205212507_visit_types },
  {
    name: 'Migration20261206040000_appointment_calendar_index_covering',
    class: Migration20261206040000_appointment_calendar_index_covering,
  },
];
