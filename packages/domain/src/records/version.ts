import { DomainError } from '../errors/domain-error.js';

/**
 * The version a client based its edit on must be the stored one: otherwise 409 with the current
 * version, so the client can reload and retry. The UPDATE itself checks it again (optimistic
 * lock), which catches two edits racing past this check, inside a batch or not.
 */
export function expectVersion(record: { version: number }, expected: number | undefined, required = true): void {
  if (expected === undefined) {
    if (!required) return;
    throw new DomainError('VALIDATION_FAILED', {
      message: 'version is required (in the body, or as an If-Match header) so that no edit is silently overwritten.',
      field: 'version',
    });
  }
  if (expected !== record.version) {
    throw new DomainError('VERSION_CONFLICT', {
      field: 'version',
      details: { currentVersion: record.version, yourVersion: expected },
    });
  }
}
