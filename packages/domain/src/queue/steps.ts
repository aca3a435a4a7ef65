import {
  QUEUE_STEPS,
  type QueueTicket as QueueTicketDto,
  type queueStepInput,
  type undoQueueStepInput,
} from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, requireEmployee } from '../access/authorize.js';
import { Employee } from '../entities/employee.js';
import { QueueTicket, QueueTicketStep } from '../entities/queue-ticket.js';
import { DomainError } from '../errors/domain-error.js';
import { findOr404 } from '../records/find.js';
import { expectVersion } from '../records/version.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { recordBoardEvent } from './board.js';
import { queueTicketOf } from './dto.js';

/** A ticket to act on, at the version the caller saw (when given). */
async function ticketAt(work: Work, id: string, version: number | undefined): Promise<QueueTicket> {
  const ticket = await findOr404(work, QueueTicket, id);
  expectVersion(ticket, version, false);
  return ticket;
}

/**
 * Calls, starts and undos happen in today's queue (the hospital's time zone); an earlier day's
 * ticket left open at midnight can still be finished, skipped or cancelled.
 */
function refuseAnotherDay(work: Work, ticket: QueueTicket): void {
  if (ticket.serviceDate !== localDateOf(work.now(), work.timeZone)) {
    throw new DomainError('INVALID_STATE', {
      message: `The ticket belongs to the queue of ${ticket.serviceDate}, not today's.`,
      field: 'id',
      details: { reason: 'another-day' },
    });
  }
}

/**
 * A ticket's step (contract/lifecycle.ts QUEUE_STEPS: from which statuses, who may take it). Each
 * step is kept with its time, desk and who took it; two desks acting on one ticket at once: one
 * wins, the other gets VERSION_CONFLICT.
 */
export async function takeQueueStep(work: Work, input: z.output<typeof queueStepInput>): Promise<QueueTicketDto> {
  const rule = QUEUE_STEPS[input.step];
  authorize(work.actor, rule.permission);
  const actor = requireEmployee(work.actor);
  return work.transaction(async (tx) => {
    const ticket = await ticketAt(tx, input.id, input.version);
    if (input.step === 'call' || input.step === 'start') refuseAnotherDay(tx, ticket);
    if (!(rule.from as readonly string[]).includes(ticket.status)) {
      throw new DomainError('INVALID_STATE', {
        message: `A ${ticket.status} ticket cannot take the step ${input.step}.`,
        field: 'step',
        details: { status: ticket.status, action: input.step, allowedFrom: [...rule.from] },
      });
    }
    // Calling a ticket that is called already moves the patient to another desk: only from a screen
    // that saw the call (its version), so that two desks calling the head of the queue a moment
    // apart do not both take one patient.
    if (input.step === 'call' && ticket.status === 'called' && input.version === undefined) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'The ticket is called already: call it again with its version.',
        field: 'version',
      });
    }
    const now = tx.now();
    const fromStatus = ticket.status;
    ticket.status = rule.to;
    ticket.statusChangedAt = now;
    if (input.step === 'call') ticket.desk = input.desk ?? null;
    tx.em.create(QueueTicketStep, {
      ticket,
      seq: ticket.version,
      step: input.step,
      fromStatus,
      toStatus: rule.to,
      desk: ticket.desk ?? null,
      at: now,
      actor: tx.em.getReference(Employee, actor.id),
    });
    tx.describe(ticket, {
      action: `queue-ticket.${input.step}`,
      changes: { status: rule.to, ...(input.step === 'call' ? { desk: ticket.desk } : {}) },
    });
    await tx.commit();
    await recordBoardEvent(tx, ticket);
    return queueTicketOf(ticket);
  });
}

/**
 * Takes back a ticket's last step, within QUEUE_UNDO_SECONDS of it: the ticket returns to the
 * status and desk it had before; the step stays on record, marked undone. Back in the queue (an
 * undone cancel or finish) while the patient holds another active ticket: DUPLICATE_VALUE (the
 * database's unique index).
 */
export async function undoQueueStep(work: Work, input: z.output<typeof undoQueueStepInput>): Promise<QueueTicketDto> {
  authorize(work.actor, 'queue:undo');
  return work.transaction(async (tx) => {
    const ticket = await ticketAt(tx, input.id, input.version);
    refuseAnotherDay(tx, ticket);
    const [last, previous] = await tx.em.find(
      QueueTicketStep,
      { ticket, undoneAt: null },
      { orderBy: { seq: 'desc' }, limit: 2 },
    );
    if (!last) {
      throw new DomainError('INVALID_STATE', {
        message: 'The ticket has no step to undo (a ticket issued by mistake is cancelled).',
        field: 'id',
        details: { status: ticket.status },
      });
    }
    const now = tx.now();
    const closedAt = new Date(last.at.getTime() + tx.queueUndoSeconds * 1000);
    if (now > closedAt) {
      throw new DomainError('INVALID_STATE', {
        message: `A step can be undone within ${tx.queueUndoSeconds} seconds.`,
        field: 'id',
        details: { reason: 'too-late', closedAt: closedAt.toISOString() },
      });
    }
    last.undoneAt = now;
    ticket.status = last.fromStatus;
    ticket.desk = previous?.desk ?? null;
    ticket.statusChangedAt = previous?.at ?? ticket.issuedAt;
    tx.describe(ticket, { action: 'queue-ticket.undo', changes: { step: last.step, status: ticket.status } });
    await tx.commit();
    await recordBoardEvent(tx, ticket);
    return queueTicketOf(ticket);
  });
}
