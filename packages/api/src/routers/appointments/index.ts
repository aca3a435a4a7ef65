import type { TRPCRouterRecord } from '@trpc/server';
import { book } from './book.js';
import { cancel, remove } from './cancel.js';
import { checkIn } from './check-in.js';
import { complete } from './complete.js';
import { get } from './get.js';
import { list } from './list.js';
import { noShow } from './no-show.js';
import { reschedule } from './reschedule.js';
import { undoNoShow } from './undo-no-show.js';
import { update } from './update.js';

export const appointmentsRouter = {
  list,
  get,
  book,
  update,
  reschedule,
  checkIn,
  complete,
  cancel,
  noShow,
  undoNoShow,
  remove,
} satisfies TRPCRouterRecord;
