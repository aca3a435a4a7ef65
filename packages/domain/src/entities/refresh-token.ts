import { defineEntity, p } from '@mikro-orm/core';
import { createdAtProperty, idProperty } from './common.js';
import { Employee } from './employee.js';

/**
 * A login session's refresh token. A session is a family of tokens (one login, then one token per
 * refresh); access tokens name their family (`sid`), and a session is live while its family has a
 * token that is neither revoked nor expired: logout, reuse and archiving end it at once. Only its SHA-256 is stored. Tokens rotate on every use; all
 * tokens of one login share `familyId`, so reuse of a rotated token can revoke the whole family.
 */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: idProperty(),
    employee: () => p.manyToOne(Employee).deleteRule('restrict'),
    tokenHash: p.string().columnType('char(64)').unique(),
    familyId: p.uuid(),
    createdAt: createdAtProperty(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.string().length(64).nullable(),
    replacedBy: () => p.manyToOne(RefreshToken).nullable().deleteRule('restrict'),
    userAgent: p.string().length(300).nullable(),
    ipAddress: p.string().length(64).nullable(),
  },
  indexes: [
    { name: 'refresh_tokens_family_index', properties: ['familyId'] },
    { name: 'refresh_tokens_employee_index', properties: ['employee'] },
    // The session check of every request: the family's one live token.
    {
      name: 'refresh_tokens_live_family_index',
      expression:
        'create index "refresh_tokens_live_family_index" on "refresh_tokens" ("family_id") where "revoked_at" is null',
    },
  ],
});

export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);
