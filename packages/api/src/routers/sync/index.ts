import type { TRPCRouterRecord } from '@trpc/server';
import { list } from './list.js';
import { trigger } from './trigger.js';

export const syncRouter = { list, trigger } satisfies TRPCRouterRecord;
