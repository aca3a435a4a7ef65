import type { TriggerDef } from '@mikro-orm/core';
import { p } from '@mikro-orm/core';
import { uuidv7 } from '../ids.js';
import { personSearchName } from '../search-text.js';

// Property builders shared by every table. Functions, so each entity gets its own builder chain.

export const idProperty = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => uuidv7());

/** Set once, when the row is inserted. */
export const createdAtProperty = () =>
  p
    .datetime()
    .onCreate(() => new Date())
    .defaultRaw('now()');

export const timestampProperties = () => ({
  createdAt: createdAtProperty(),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date())
    .defaultRaw('now()'),
});

/** Optimistic locking: every UPDATE checks and bumps it; a stale write raises OptimisticLockError. */
export const versionProperty = () => p.integer().version();

/** Records are archived, never hard-deleted: archived rows are hidden from lists, kept for history. */
export const archivedAtProperty = () => p.datetime().nullable();

/** A person's name, and its folded form for accent- and case-insensitive search (trigram index). */
export const personNameProperties = () => ({
  name: p.string().length(100),
  surname: p.string().length(100).nullable(),
  searchName: p
    .string()
    .length(201)
    .onCreate((e: { name: string; surname?: string | null }) => personSearchName(e.name, e.surname))
    .onUpdate((e: { name: string; surname?: string | null }) => personSearchName(e.name, e.surname)),
});

/**
 * A trigger that refuses UPDATE and DELETE. It names itself as the constraint of the error
 * (SQLSTATE 23001), so the error translator can tell it from a RESTRICT foreign key.
 */
export function appendOnlyTrigger(table: string, message: string): TriggerDef {
  const name = `${table}_append_only`;
  return {
    name,
    timing: 'before',
    events: ['update', 'delete'],
    forEach: 'row',
    body: `raise exception '${message}' using errcode = 'restrict_violation', constraint = '${name}'; return null;`,
  };
}
