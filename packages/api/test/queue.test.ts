import { zonedDateTimeToInstant } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

/** The daily queue over real HTTP, in a zone without daylight saving (Jakarta) and one with it (Amsterdam). */
describe.each(['Asia/Jakarta', 'Europe/Amsterdam'])('the daily queue in %s', (timeZone) => {
  let api: TestApi;
  let fx: Fixtures;
  beforeAll(async () => {
    api = await startTestApi({ HOSPITAL_TIMEZONE: timeZone });
    fx = fixtures(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const issue = (departmentId: string, body: Record<string, unknown>, role: keyof TestApi['tokens'] = 'receptionist') =>
    rest<Json>(api, 'POST', `/api/departments/${departmentId}/queue`, { token: api.tokens[role], body });
  const queueOf = (departmentId: string, date?: string, role: keyof TestApi['tokens'] = 'receptionist') =>
    rest<Json>(api, 'GET', `/api/departments/${departmentId}/queue${date ? `?date=${date}` : ''}`, {
      token: api.tokens[role],
    });
  /** An instant given as the hospital's wall-clock time, for the zone under test. */
  const local = (date: string, time: string) => zonedDateTimeToInstant(date, time, timeZone);

  it('50 simultaneous walk-ins get 50 distinct consecutive numbers; another department counts on its own', async () => {
    api.clock.set(local('2031-03-03', '09:00:00'));
    const [department, other] = await Promise.all([fx.department(), fx.department()]);
    const patients = await Promise.all(Array.from({ length: 50 }, () => fx.patient()));
    const answers = await Promise.all(patients.map((p) => issue(department.id, { patientId: p.id })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const numbers = answers.map((a) => a.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    expect(new Set(answers.map((a) => a.body.code)).size).toBe(50);
    expect(answers.find((a) => a.body.number === 7)?.body).toMatchObject({
      code: '007',
      status: 'waiting',
      priority: 'regular',
      serviceDate: '2031-03-03',
      departmentId: department.id,
    });
    const first = await issue(other.id, { patientId: patients[0]?.id });
    expect(first.body.number).toBe(1);
  });

  it('a refused issue gives its number back: no gaps', async () => {
    api.clock.set(local('2031-03-04', '09:00:00'));
    const [department, a, b] = await Promise.all([fx.department(), fx.patient(), fx.patient()]);
    expect((await issue(department.id, { patientId: a.id })).body.number).toBe(1);
    const twice = await issue(department.id, { patientId: a.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'patientId' });
    // Simultaneous repeats of one patient: one ticket, the refusals leave no hole.
    const repeats = await Promise.all(Array.from({ length: 5 }, () => issue(department.id, { patientId: b.id })));
    expect(repeats.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const queue = await queueOf(department.id);
    expect(queue.body.tickets.map((t: Json) => t.number).sort()).toEqual([1, 2]);
  });

  it('numbers start again at local midnight, and the queue of a day is that day’s tickets', async () => {
    const department = await fx.department();
    const [late, early] = await Promise.all([fx.patient(), fx.patient()]);
    // The last days of March: Amsterdam moves its clocks on the last Sunday (2031-03-30).
    api.clock.set(local('2031-03-29', '23:59:30'));
    expect((await issue(department.id, { patientId: late.id })).body).toMatchObject({
      number: 1,
      serviceDate: '2031-03-29',
    });
    api.clock.set(local('2031-03-30', '00:00:30'));
    expect((await issue(department.id, { patientId: early.id })).body).toMatchObject({
      number: 1,
      serviceDate: '2031-03-30',
    });
    api.clock.set(local('2031-03-30', '23:59:00'));
    expect((await issue(department.id, { patientId: late.id })).body).toMatchObject({
      number: 2,
      serviceDate: '2031-03-30',
    });
    api.clock.set(local('2031-03-31', '00:01:00'));
    expect((await issue(department.id, { patientId: late.id })).body.serviceDate).toBe('2031-03-31');
    const day = await queueOf(department.id, '2031-03-30');
    expect(day.body).toMatchObject({ date: '2031-03-30', timeZone });
    expect(day.body.tickets.map((t: Json) => [t.number, t.patientId])).toEqual([
      [1, early.id],
      [2, late.id],
    ]);
    const today = await queueOf(department.id);
    expect(today.body.date).toBe('2031-03-31');
    expect(today.body.tickets).toHaveLength(1);
  });

  it('orders the waiting by priority, then number', async () => {
    api.clock.set(local('2031-04-01', '10:00:00'));
    const department = await fx.department();
    const patients = await Promise.all([fx.patient(), fx.patient(), fx.patient(), fx.patient()]);
    for (const [k, priority] of (['regular', 'priority', 'regular', 'urgent'] as const).entries()) {
      expect((await issue(department.id, { patientId: patients[k]?.id, priority })).status).toBe(201);
    }
    const queue = await queueOf(department.id);
    expect(queue.body.tickets.map((t: Json) => [t.number, t.priority])).toEqual([
      [4, 'urgent'],
      [2, 'priority'],
      [1, 'regular'],
      [3, 'regular'],
    ]);
  });

  it('an arrival by appointment checks the appointment in and takes a ticket; once only', async () => {
    const department = await fx.department();
    const doctor = await rest<Json>(api, 'POST', '/api/doctors', {
      token: api.tokens.admin,
      body: {
        name: 'Queue',
        email: `queue-doctor-${timeZone.length}-${process.pid}@test.local`,
        password: PASSWORD,
        specialization: 'General Practice',
        licenseNumber: `Q-${timeZone.length}-${process.pid}`,
        departmentIds: [department.id],
      },
    });
    expect(doctor.status).toBe(201);
    await rest(api, 'POST', `/api/doctors/${doctor.body.id}/schedule/weekly-hours`, {
      token: api.tokens.admin,
      body: { weekday: 3, startTime: '08:00', endTime: '16:00', validFrom: '2024-01-01' },
    });
    const patient = await fx.patient();
    api.clock.set(local('2031-04-01', '07:00:00'));
    const booked = await rest<Json>(api, 'POST', '/api/appointments', {
      token: api.tokens.receptionist,
      body: { patientId: patient.id, doctorId: doctor.body.id, startsAt: `2031-04-02 10:00:00` },
    });
    expect(booked.status).toBe(201);
    const elsewhere = await fx.department();
    api.clock.set(local('2031-04-02', '09:40:00'));
    const wrongDepartment = await issue(elsewhere.id, { appointmentId: booked.body.id });
    expect(wrongDepartment.status).toBe(422);
    expect(wrongDepartment.body.error).toMatchObject({ code: 'INVALID_STATE', field: 'appointmentId' });

    const ticket = await issue(department.id, { appointmentId: booked.body.id });
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ number: 1, patientId: patient.id, appointmentId: booked.body.id });
    const appointment = await rest<Json>(api, 'GET', `/api/appointments/${booked.body.id}`, {
      token: api.tokens.receptionist,
    });
    expect(appointment.body.status).toBe('checked_in');
    const again = await issue(department.id, { appointmentId: booked.body.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'appointmentId' });
    // A ticket cancelled by mistake: the checked-in appointment takes a new one.
    expect((await step(ticket.body.id, { step: 'cancel' }, 'receptionist')).body.status).toBe('cancelled');
    const requeued = await issue(department.id, { appointmentId: booked.body.id });
    expect(requeued.status).toBe(201);
    expect(requeued.body.number).toBe(2);
  });

  it('refuses what is not an arrival, with the field at fault', async () => {
    api.clock.set(local('2031-04-03', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const neither = await issue(department.id, {});
    expect(neither.status).toBe(400);
    expect(neither.body.error.issues[0].path).toBe('patientId');
    const both = await issue(department.id, { patientId: patient.id, appointmentId: patient.id });
    expect(both.status).toBe(400);
    const ghost = await issue(department.id, { patientId: '018f0000-0000-7000-8000-000000000000' });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'patientId' });
    const badPriority = await issue(department.id, { patientId: patient.id, priority: 'vip' });
    expect(badPriority.status).toBe(400);
    expect(badPriority.body.error.issues[0].path).toBe('priority');
    expect((await issue(department.id, { patientId: patient.id }, 'nurse')).status).toBe(403);
    expect((await queueOf(department.id, undefined, 'staff')).status).toBe(403);
    // Nothing was issued by the refusals: the next ticket is number 1.
    expect((await issue(department.id, { patientId: patient.id })).body.number).toBe(1);
  });

  const step = (id: string, body: Record<string, unknown>, role: keyof TestApi['tokens'] = 'nurse') =>
    rest<Json>(api, 'POST', `/api/queue-tickets/${id}/steps`, { token: api.tokens[role], body });
  const undo = (id: string, role: keyof TestApi['tokens'] = 'receptionist') =>
    rest<Json>(api, 'POST', `/api/queue-tickets/${id}/undo`, { token: api.tokens[role], body: {} });

  it('steps a ticket through its day, keeping each step’s time, with a recall after a skip', async () => {
    api.clock.set(local('2031-04-05', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const ticket = (await issue(department.id, { patientId: patient.id })).body;
    const times: string[] = [];
    const take = async (body: Record<string, unknown>, minutes: number) => {
      api.clock.set(new Date(local('2031-04-05', '09:00:00').getTime() + minutes * 60_000));
      const res = await step(ticket.id, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      times.push(res.body.statusChangedAt);
      return res.body;
    };
    expect(await take({ step: 'call', desk: 'Room 3' }, 5)).toMatchObject({ status: 'called', desk: 'Room 3' });
    expect(await take({ step: 'skip' }, 8)).toMatchObject({ status: 'skipped', desk: 'Room 3' });
    expect(await take({ step: 'call', desk: 'Room 4' }, 20)).toMatchObject({ status: 'called', desk: 'Room 4' });
    expect(await take({ step: 'start' }, 21)).toMatchObject({ status: 'in_consultation' });
    const done = await take({ step: 'finish' }, 35);
    expect(done).toMatchObject({ status: 'done', desk: 'Room 4', version: ticket.version + 5 });
    expect(new Set(times).size).toBe(5);
    // A finished ticket takes no further step; the refusal says from where the step is possible.
    const again = await step(ticket.id, { step: 'start' });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'INVALID_STATE', field: 'step', details: { status: 'done' } });
    // The queue shows it after the waiting ones.
    const other = await fx.patient();
    await issue(department.id, { patientId: other.id });
    const queue = await queueOf(department.id);
    expect(queue.body.tickets.map((t: Json) => t.status)).toEqual(['waiting', 'done']);
  });

  it('refuses a call without a desk, a step from a stale screen, and steps on another day’s ticket', async () => {
    api.clock.set(local('2031-04-06', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const ticket = (await issue(department.id, { patientId: patient.id })).body;
    const noDesk = await step(ticket.id, { step: 'call' });
    expect(noDesk.status).toBe(400);
    expect(noDesk.body.error.issues[0].path).toBe('desk');
    expect((await step(ticket.id, { step: 'call', desk: 'A', version: ticket.version })).status).toBe(200);
    const stale = await step(ticket.id, { step: 'start', version: ticket.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    // Calling a called ticket again (another desk) needs the version the screen saw.
    const recall = await step(ticket.id, { step: 'call', desk: 'B' });
    expect(recall.status).toBe(400);
    expect(recall.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'version' });
    const called = (await queueOf(department.id)).body.tickets.find((t: Json) => t.id === ticket.id);
    // Two desks acting on the same screen at once: one wins, the other is told the ticket moved.
    const both = await Promise.all([
      step(ticket.id, { step: 'call', desk: 'B', version: called.version }),
      step(ticket.id, { step: 'start', version: called.version }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.error.code).toBe('VERSION_CONFLICT');
    if ((await queueOf(department.id)).body.tickets.find((t: Json) => t.id === ticket.id).status === 'called') {
      expect((await step(ticket.id, { step: 'start' })).status).toBe(200);
    }
    expect((await step(ticket.id, { step: 'finish', desk: 'B' })).status).toBe(400);
    // Cancelling is the front desk's (queue:manage): a nurse may call, not cancel.
    const waiting = (await issue(department.id, { patientId: (await fx.patient()).id })).body;
    expect((await step(waiting.id, { step: 'cancel' }, 'nurse')).status).toBe(403);
    expect((await step(waiting.id, { step: 'cancel' }, 'receptionist')).body.status).toBe('cancelled');
    // At midnight the day's queue closes for calls; what was left open can still be closed.
    const leftWaiting = (await issue(department.id, { patientId: (await fx.patient()).id })).body;
    api.clock.set(local('2031-04-07', '09:00:00'));
    const lateCall = await step(leftWaiting.id, { step: 'call', desk: 'A' });
    expect(lateCall.status).toBe(422);
    expect(lateCall.body.error.details).toMatchObject({ reason: 'another-day' });
    expect((await step(leftWaiting.id, { step: 'cancel' }, 'receptionist')).body.status).toBe('cancelled');
    expect((await step(ticket.id, { step: 'finish' })).body.status).toBe('done');
  });

  it('undoes the last step within the window, back to the status and desk before it', async () => {
    api.clock.set(local('2031-04-08', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const ticket = (await issue(department.id, { patientId: patient.id })).body;
    expect((await undo(ticket.id)).body.error).toMatchObject({ code: 'INVALID_STATE' });
    const first = await step(ticket.id, { step: 'call', desk: 'Room 1' });
    await step(ticket.id, { step: 'call', desk: 'Room 2', version: first.body.version });
    const back = await undo(ticket.id);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'called', desk: 'Room 1' });
    const beforeCalls = await undo(ticket.id);
    expect(beforeCalls.body).toMatchObject({ status: 'waiting', desk: null, statusChangedAt: ticket.issuedAt });
    expect((await undo(ticket.id, 'nurse')).status).toBe(403);
    // Past the window (QUEUE_UNDO_SECONDS, 300 s by default) a step stays.
    await step(ticket.id, { step: 'call', desk: 'Room 5' });
    api.clock.set(local('2031-04-08', '09:05:30'));
    const late = await undo(ticket.id);
    expect(late.status).toBe(422);
    expect(late.body.error.details).toMatchObject({ reason: 'too-late' });
    // Every step and undo is audited on the ticket.
    const events = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${ticket.id}&limit=20`, {
      token: api.tokens.admin,
    });
    expect(events.body.items.map((e: Json) => e.action).sort()).toEqual(
      [
        'queue-ticket.issue',
        'queue-ticket.call',
        'queue-ticket.call',
        'queue-ticket.undo',
        'queue-ticket.undo',
        'queue-ticket.call',
      ].sort(),
    );
  });

  it('holds one ticket in the queue per patient, whatever path brings one back', async () => {
    api.clock.set(local('2031-04-09', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const first = (await issue(department.id, { patientId: patient.id })).body;
    const called = await step(first.id, { step: 'call', desk: 'A' });
    await step(first.id, { step: 'skip', version: called.body.version });
    // A skipped ticket is still in the queue (it is recalled by calling it).
    const whileSkipped = await issue(department.id, { patientId: patient.id });
    expect(whileSkipped.status).toBe(409);
    expect(whileSkipped.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'patientId' });
    expect((await step(first.id, { step: 'cancel' }, 'receptionist')).body.status).toBe('cancelled');
    const second = await issue(department.id, { patientId: patient.id });
    expect(second.status).toBe(201);
    // Undoing the cancel would put a second ticket in the queue: the database refuses it.
    const undone = await undo(first.id);
    expect(undone.status).toBe(409);
    expect(undone.body.error).toMatchObject({ code: 'DUPLICATE_VALUE', field: 'patientId' });
    expect((await queueOf(department.id)).body.tickets.map((t: Json) => [t.number, t.status])).toEqual([
      [2, 'waiting'],
      [1, 'cancelled'],
    ]);
  });

  /** A board's event stream, read as a browser's EventSource would (no login). */
  async function openBoard(departmentId: string, lastEventId?: string) {
    const controller = new AbortController();
    const res = await fetch(`${api.url}/api/departments/${departmentId}/board/events`, {
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
      signal: controller.signal,
    });
    const events: Json[] = [];
    const reader = res.body?.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const lines = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const data = lines.find((l) => l.startsWith('data: '));
            const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
            if (data) events.push({ ...JSON.parse(data.slice(6)), streamId: id, receivedAt: Date.now() });
          }
        }
      } catch {
        // aborted
      }
    })();
    return {
      res,
      events,
      async next(count: number) {
        for (let i = 0; i < 100 && events.length < count; i++) await new Promise((r) => setTimeout(r, 20));
        return events;
      },
      close: () => controller.abort(),
    };
  }

  it('shows a waiting room the board, live, without who the patients are; a reconnect misses nothing', async () => {
    api.clock.set(local('2031-04-10', '09:00:00'));
    const [department, a, b] = await Promise.all([fx.department(), fx.patient(), fx.patient()]);
    const first = (await issue(department.id, { patientId: a.id })).body;
    const snapshot = await rest<Json>(api, 'GET', `/api/departments/${department.id}/board`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({ date: '2031-04-10', lastEventId: '2031-04-10/1' });
    expect(snapshot.body.tickets).toEqual([
      { code: '001', number: 1, priority: 'regular', status: 'waiting', desk: null, at: first.statusChangedAt },
    ]);
    expect(JSON.stringify(snapshot.body)).not.toContain(a.id);

    const board = await openBoard(department.id, snapshot.body.lastEventId);
    expect(board.res.status).toBe(200);
    expect(board.res.headers.get('content-type')).toContain('text/event-stream');
    const sentAt = Date.now();
    await step(first.id, { step: 'call', desk: 'Room 7' });
    const [called] = await board.next(1);
    expect(called).toMatchObject({
      id: '2031-04-10/2',
      streamId: '2031-04-10/2',
      code: '001',
      status: 'called',
      desk: 'Room 7',
    });
    expect(called?.receivedAt - sentAt).toBeLessThan(1000);
    const second = (await issue(department.id, { patientId: b.id, priority: 'urgent' })).body;
    expect((await board.next(2))[1]).toMatchObject({ code: '002', status: 'waiting', priority: 'urgent' });
    board.close();

    // Changes while the screen was away arrive after it reconnects from its last event.
    await step(first.id, { step: 'start' });
    await step(second.id, { step: 'call', desk: 'Room 8' });
    const again = await openBoard(department.id, '2031-04-10/3');
    const missed = await again.next(2);
    await new Promise((r) => setTimeout(r, 700));
    again.close();
    expect(missed.map((e) => [e.id, e.code, e.status])).toEqual([
      ['2031-04-10/4', '001', 'in_consultation'],
      ['2031-04-10/5', '002', 'called'],
    ]);
    for (const event of [...board.events, ...missed]) {
      expect(Object.keys(event).sort()).toEqual([
        'at',
        'code',
        'desk',
        'id',
        'number',
        'priority',
        'receivedAt',
        'status',
        'streamId',
      ]);
    }

    const unknown = await fetch(`${api.url}/api/departments/018f0000-0000-7000-8000-000000000000/board/events`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json).error.code).toBe('NOT_FOUND');
    const malformed = await fetch(`${api.url}/api/departments/x/board/events`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Json).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });

  it('audits the issue and every read of the queue, naming the patients', async () => {
    api.clock.set(local('2031-04-04', '09:00:00'));
    const [department, patient] = await Promise.all([fx.department(), fx.patient()]);
    const ticket = await issue(department.id, { patientId: patient.id });
    await queueOf(department.id, undefined, 'nurse');
    const events = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${department.id}&limit=10`, {
      token: api.tokens.admin,
    });
    expect(events.body.items.map((e: Json) => e.action)).toContain('queue.read');
    const read = events.body.items.find((e: Json) => e.action === 'queue.read');
    expect(read.changes).toMatchObject({ ids: [ticket.body.id], patientIds: [patient.id] });
    const issued = await rest<Json>(api, 'GET', `/api/audit-events?entityId=${ticket.body.id}`, {
      token: api.tokens.admin,
    });
    expect(issued.body.items[0]).toMatchObject({
      action: 'queue-ticket.issue',
      actorId: api.users.receptionist.id,
      changes: { number: 1, patientId: patient.id },
    });
  });
});
