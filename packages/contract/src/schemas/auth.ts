import { z } from 'zod';
import { PERMISSIONS } from '../permissions.js';
import { employee } from './employees.js';
import { email, inputString } from './primitives.js';

/** `{ email, password }` or `{ username, password }`. */
export const loginInput = z
  .strictObject({
    email: email.optional(),
    username: inputString().trim().min(1).max(50).optional(),
    password: inputString().min(1, 'is required').max(200),
  })
  .refine((v) => (v.email === undefined) !== (v.username === undefined), {
    message: 'give either email or username',
    path: ['email'],
  });

export const loginOutput = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  /** Exchanged at /auth/refresh for new tokens; single use (rotated every time). */
  refreshToken: z.string(),
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: z.number().int(),
  user: employee,
});

export const refreshInput = z.strictObject({ refreshToken: inputString().min(20).max(200) });
export const logoutInput = z.strictObject({ refreshToken: inputString().min(1).max(200) });

export const meOutput = z.object({
  user: employee,
  /** What this user's role may do, for showing only the actions that will work. */
  permissions: z.array(z.enum(PERMISSIONS)),
});
