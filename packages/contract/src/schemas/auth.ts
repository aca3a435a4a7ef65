import * as z from 'zod/mini';
import { PERMISSIONS } from '../permissions.js';
import { employee } from './employees.js';
import { email, inputString } from './primitives.js';

const loginName = inputString().check(z.trim(), z.minLength(1), z.maxLength(50));
const loginPassword = inputString().check(z.minLength(1, 'is required'), z.maxLength(200));

/** `{ email, password }` or `{ username, password }`, as the OpenAPI document shows it: a union. */
export const loginRequest = z.union([
  z.strictObject({ email, password: loginPassword }),
  z.strictObject({ username: loginName, password: loginPassword }),
]);

/**
 * What login parses: the same two shapes as one object (the REST mapping takes objects only), so
 * a body with neither or both names is refused naming the alternatives.
 */
export const loginInput = z
  .strictObject({
    email: z.optional(email),
    username: z.optional(loginName),
    password: loginPassword,
  })
  .check(
    z.refine((v) => (v.email === undefined) !== (v.username === undefined), {
      message: 'give either email or username (not both)',
      path: ['email'],
    }),
  );

export const loginOutput = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    /** Seconds until the access token expires. */
    expiresIn: z.int(),
    /** Exchanged at /auth/refresh for new tokens; single use (rotated every time). */
    refreshToken: z.string(),
    /** Seconds until the refresh token expires. */
    refreshExpiresIn: z.int(),
    user: employee,
  })
  .register(z.globalRegistry, { id: 'Session' });

export const refreshInput = z.strictObject({ refreshToken: inputString().check(z.minLength(20), z.maxLength(200)) });
export const logoutInput = z.strictObject({ refreshToken: inputString().check(z.minLength(1), z.maxLength(200)) });

export const meOutput = z
  .object({
    user: employee,
    /** What this user's role may do, for showing only the actions that will work. */
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .register(z.globalRegistry, { id: 'Me' });
