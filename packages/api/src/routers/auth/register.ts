import { rest } from '../../trpc/rest.js';
import { makeCreateEmployee } from '../employees/create.js';

/** POST /api/auth/register: admins create accounts; nobody registers (or grants a role to) themselves. */
export const register = makeCreateEmployee(
  rest('POST', '/auth/register', { summary: 'Register a new staff account (admins only)', successStatus: 201 }),
  'auth.register',
);
