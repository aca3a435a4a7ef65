import { rest } from '../../trpc/rest.js';
import { makeCreateEmployee } from '../employees/create.js';

/** POST /api/auth/register: admins create accounts; nobody registers (or grants a role to) themselves. */
export const register = makeCreateEmployee(
  rest('POST', '/auth/register', {
    description: 'Creates a staff account with a role (admins only). The password is stored hashed (argon2id).',
    errors: ['DUPLICATE_VALUE', 'UNKNOWN_REFERENCE'],
    summary: 'Register a new staff account (admins only)',
    successStatus: 201,
  }),
  'auth.register',
);
