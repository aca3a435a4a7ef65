import { DomainError } from '@meditrack/domain';

/**
 * The version a client based its edit on must be the stored one: otherwise 409 with the current
 * version, so the client can reload and retry. Comes from the body or, on REST, `If-Match`.
 * (The UPDATE itself also checks the version, which catches two requests racing past this check.)
 */
export function expectVersion(
  record: { version: number },
  fromBody: number | undefined,
  fromIfMatch: number | undefined,
): void {
  const expected = fromBody ?? fromIfMatch;
  if (expected === undefined) {
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
