import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYEE_CHANGES_CHANNEL } from '../src/database/notifications.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
let client: pg.Client;
const heard: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  // One session both listens and writes: PostgreSQL tells a session of its own notifications, and
  // the embedded database (one session for every connection) tells only the sender.
  client = new pg.Client(db.connection);
  await client.connect();
  client.on('notification', (message) => heard.push(message.payload ?? ''));
  await client.query(`listen ${EMPLOYEE_CHANGES_CHANNEL}`);
});
afterAll(async () => {
  await client?.end();
  await db?.close();
});

async function insertEmployee(email: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into employees (id, name, search_name, email, password_hash, role)
     values (gen_random_uuid(), 'N', 'n', $1, 'x', 'staff') returning id`,
    [email],
  );
  return rows[0]?.id ?? '';
}

/** The notifications of the statements `run` sends, once they committed. */
async function notificationsOf(run: () => Promise<unknown>): Promise<string[]> {
  heard.length = 0;
  await run();
  await client.query('select 1'); // delivered by then on both engines
  return [...heard];
}

describe('employee change notifications', () => {
  it('name each updated or deleted employee on commit, not a new one; a truncate says "*"', async () => {
    const a = await insertEmployee('a@notify.test');
    const b = await insertEmployee('b@notify.test');
    expect(await notificationsOf(() => insertEmployee('c@notify.test'))).toEqual([]);
    expect(await notificationsOf(() => client.query(`update employees set role = 'nurse' where id = $1`, [a]))).toEqual(
      [a],
    );
    // Nothing while the transaction is open, and nothing at all when it rolls back.
    await client.query('begin');
    expect(
      await notificationsOf(() => client.query('update employees set archived_at = now() where id = $1', [b])),
    ).toEqual([]);
    expect(await notificationsOf(() => client.query('rollback'))).toEqual([]);
    expect(await notificationsOf(() => client.query('delete from employees where id = $1', [b]))).toEqual([b]);
    expect(await notificationsOf(() => client.query('truncate employees cascade'))).toEqual(['*']);
  });
});
