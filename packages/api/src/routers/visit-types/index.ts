import type { TRPCRouterRecord } from '@trpc/server';
import { archive } from './archive.js';
import { create } from './create.js';
import { list } from './list.js';
import { update } from './update.js';

export const visitTypesRouter = { create, list, update, archive } satisfies TRPCRouterRecord;
