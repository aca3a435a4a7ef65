import type { TRPCRouterRecord } from '@trpc/server';
import { archive } from './archive.js';
import { create } from './create.js';
import { day } from './day.js';
import { get } from './get.js';
import { list } from './list.js';
import { update } from './update.js';

export const departmentsRouter = { list, get, create, update, archive, day } satisfies TRPCRouterRecord;
