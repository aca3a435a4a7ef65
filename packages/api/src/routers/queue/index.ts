import type { TRPCRouterRecord } from '@trpc/server';
import { board } from './board.js';
import { department } from './department.js';
import { issue } from './issue.js';
import { step } from './step.js';
import { undo } from './undo.js';

export const queueRouter = { issue, department, step, undo, board } satisfies TRPCRouterRecord;
