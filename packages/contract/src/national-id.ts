/** Indonesian national ID (NIK, printed on the KTP card): exactly 16 digits. */
export const NATIONAL_ID_PATTERN = /^[0-9]{16}$/;

export function isValidNationalId(value: string): boolean {
  return NATIONAL_ID_PATTERN.test(value);
}

/** Accepts the ID as people type it ("3171 0101 9000 0001", dots, dashes) and returns the 16 digits, or null. */
export function normalizeNationalId(value: string): string | null {
  const digits = value.replace(/[\s.-]/g, '');
  return isValidNationalId(digits) ? digits : null;
}
