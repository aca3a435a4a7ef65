import { normalizeNationalId } from '@meditrack/contract';
import type { VaccinationRecord } from '@meditrack/domain';

export type Normalized =
  | { ok: true; record: VaccinationRecord }
  | { ok: false; kind: 'malformed-id' | 'invalid'; nationalId: string | null; problem: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && value !== null && 'value' in value)
    return String((value as { value: unknown }).value);
  return String(value);
}

/**
 * One source row -> the patient columns it sets, or the reason it is skipped. Accepts the sync's
 * column names (national_id, dose_count) and the seed document's (no_ktp, vaccine_count).
 */
export function normalizeRow(row: Record<string, unknown>): Normalized {
  const rawId = text(row.national_id ?? row.no_ktp);
  const nationalId = rawId === null ? null : normalizeNationalId(rawId);
  if (!nationalId)
    return { ok: false, kind: 'malformed-id', nationalId: rawId, problem: 'national ID is not 16 digits' };

  const rawType = text(row.vaccine_type)?.trim() ?? null;
  if (rawType !== null && rawType.length > 100) {
    return { ok: false, kind: 'invalid', nationalId, problem: 'vaccine_type is longer than 100 characters' };
  }
  const rawCount = text(row.dose_count ?? row.vaccine_count);
  const doseCount = rawCount === null ? Number.NaN : Number(rawCount);
  if (!Number.isInteger(doseCount) || doseCount < 0 || doseCount > 50) {
    return {
      ok: false,
      kind: 'invalid',
      nationalId,
      problem: `dose_count ${JSON.stringify(rawCount)} is not a whole number 0-50`,
    };
  }
  const rawDate = text(row.last_dose_date);
  if (rawDate !== null && (!DATE.test(rawDate) || Number.isNaN(Date.parse(`${rawDate}T00:00:00Z`)))) {
    return {
      ok: false,
      kind: 'invalid',
      nationalId,
      problem: `last_dose_date ${JSON.stringify(rawDate)} is not a date`,
    };
  }
  return { ok: true, record: { nationalId, vaccineType: rawType || null, doseCount, lastDoseDate: rawDate } };
}

/** Samples keep the national ID recognisable for the operator but not whole: 3171********0001. */
export function maskNationalId(value: string | null): string | null {
  if (!value) return value;
  return value.length > 8 ? `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}` : '****';
}
