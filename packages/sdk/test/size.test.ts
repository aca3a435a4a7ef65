import { describe, expect, it } from 'vitest';
import {
  FORBIDDEN,
  measureSchemaEntry,
  origins,
  SCHEMA_ENTRY_BUDGET_GZIP,
  schemaEntries,
} from '../scripts/bundle-size.js';

describe('per-resource schema entries (@meditrack/sdk/schemas/<resource>)', () => {
  it('exist for every resource', () => {
    expect(schemaEntries()).toEqual(expect.arrayContaining(['patients', 'appointments', 'doctors', 'errors']));
  });

  for (const name of schemaEntries()) {
    it(`${name}: a browser bundle of all its exports stays within ${SCHEMA_ENTRY_BUDGET_GZIP} bytes gzip, no server code`, async () => {
      const { gzipBytes, inputs } = await measureSchemaEntry(name);
      expect(gzipBytes).toBeLessThanOrEqual(SCHEMA_ENTRY_BUDGET_GZIP);
      const from = origins(inputs);
      for (const pattern of FORBIDDEN) expect(from.filter((o) => pattern.test(o))).toEqual([]);
    });
  }
});
