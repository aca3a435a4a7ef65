import type { TRPCRouterRecord } from '@trpc/server';
import { login, loginAlias } from './login.js';
import { me } from './me.js';
import { logout, refresh } from './refresh.js';
import { register } from './register.js';

export const authRouter = { login, loginAlias, refresh, logout, register, me } satisfies TRPCRouterRecord;
