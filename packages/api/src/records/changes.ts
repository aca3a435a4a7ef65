/** Compares relations by id, everything else by value. */
function comparable(value: unknown): unknown {
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
  if (value instanceof Date) return value.getTime();
  return value ?? null;
}

/** The names of the columns whose new value differs from the record's current one (for the audit trail). */
export function changedKeys<T extends object>(record: T, next: Partial<T>): string[] {
  return Object.keys(next).filter((key) => comparable(record[key as keyof T]) !== comparable(next[key as keyof T]));
}
