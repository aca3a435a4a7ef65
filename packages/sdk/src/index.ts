export type { MediTrackClient, MediTrackClientOptions, SessionHelpers } from './client.js';
export { createMediTrackClient } from './client.js';
export type { ErrorCode, FieldIssue, MediTrackError, MediTrackErrorOf } from './errors.js';
export { errorOf, fieldErrors, isMediTrackError, toMediTrackError } from './errors.js';
export type { AppRouter, ErrorShape, RouterInputs, RouterOutputs } from './router.js';
export type { KeyValueStore, LoggedOutReason, SessionStorage, SessionTokens } from './session.js';
export { memorySession, webStorageSession } from './session.js';

/** Named aliases for the records the API returns. */
import type { RouterOutputs } from './router.js';
export type Patient = RouterOutputs['patients']['get'];
export type Doctor = RouterOutputs['doctors']['get'];
export type Department = RouterOutputs['departments']['get'];
export type Employee = RouterOutputs['employees']['get'];
export type Appointment = RouterOutputs['appointments']['get'];
export type MedicalHistoryEntry = RouterOutputs['patients']['addMedicalHistory'];
export type Availability = RouterOutputs['doctors']['availability'];
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
