import type { TRPCRouterRecord } from '@trpc/server';
import { department } from './department.js';
import { issue } from './issue.js';

export const queueRouter = { issue, department } satisfies TRPCRouterRecord;
