import { Appointment } from './appointment.js';
import { AuditEvent } from './audit-event.js';
import { Department } from './department.js';
import { Doctor, DoctorDepartment } from './doctor.js';
import { TimeOff, WeeklySchedule } from './doctor-schedule.js';
import { Employee } from './employee.js';
import { MedicalHistoryEntry } from './medical-history-entry.js';
import { Patient } from './patient.js';
import { QueueBoardEvent, QueueCounter, QueueTicket, QueueTicketStep } from './queue-ticket.js';
import { RateLimitBucket } from './rate-limit-bucket.js';
import { RefreshToken } from './refresh-token.js';
import { SyncRun } from './sync-run.js';
import { VisitType } from './visit-type.js';

export * from './appointment.js';
export * from './audit-event.js';
export * from './department.js';
export * from './doctor.js';
export * from './doctor-schedule.js';
export * from './employee.js';
export * from './medical-history-entry.js';
export * from './patient.js';
export * from './queue-ticket.js';
export * from './rate-limit-bucket.js';
export * from './refresh-token.js';
export * from './sync-run.js';
export * from './visit-type.js';

/** Every entity, for the ORM configuration: explicit, so no folder discovery at run time. */
export const entities = [
  Department,
  VisitType,
  Employee,
  Doctor,
  DoctorDepartment,
  WeeklySchedule,
  TimeOff,
  Patient,
  MedicalHistoryEntry,
  Appointment,
  QueueTicket,
  QueueTicketStep,
  QueueCounter,
  QueueBoardEvent,
  AuditEvent,
  SyncRun,
  RefreshToken,
  RateLimitBucket,
];
