import { seededRandom } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/rest/openapi.js';
import { callRest } from './call.js';
import { answerValidator } from './document-schemas.js';
import { type Fixtures, fixtures } from './fixtures.js';
import { startTestApi, type TestApi } from './harness.js';
import { ROUTE_CASES } from './route-cases.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically
type Doc = Record<string, any>;

const SEED = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 1000);
const TIME_BUDGET_MS = Number(process.env.FUZZ_TIME_MS ?? 240_000);

let api: TestApi;
let fx: Fixtures;
let realIds: string[] = [];
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
  const appointment = await fx.appointment();
  // Real ids make the fuzz reach past "not found" (it may archive them: they are its own records).
  realIds = [
    appointment.id,
    appointment.doctorId,
    appointment.patientId,
    (await fx.department()).id,
    (await fx.employee()).id,
  ];
});
afterAll(async () => {
  await api?.close();
});

describe(`fuzz from the OpenAPI document (seed ${SEED}; replay with TEST_SEED=${SEED})`, () => {
  it(
    'never answers 5xx, never leaks a stack or a password hash, every 2xx body matches its schema, and a booking race under the load has one winner',
    async () => {
      const rnd = seededRandom(SEED);
      const doc = openApiDocument() as Doc;
      const strings = [
        '',
        ' ',
        'a',
        'x'.repeat(5000),
        "' OR 1=1 --",
        '"; drop table patients; --',
        '<script>alert(1)</script>',
        '../../etc/passwd',
        '%00',
        'José Müller 漢字 🙂',
        '\u0000\u0001',
        '3171010101900001',
        '2031-01-06',
        '2031-01-06 09:00:00',
        '2031-02-30',
        '9999-99-99T99:99:99Z',
        'true',
        'no',
        '-1',
        '1e309',
        'NaN',
        '018f0000-0000-7000-8000-000000000000',
        'null',
        '{}',
      ];
      const value = (depth = 0): unknown => {
        const kind = rnd.int(0, depth > 2 ? 5 : 8);
        switch (kind) {
          case 0:
            return rnd.pick(strings);
          case 1:
            return rnd.pick([0, -1, 1, 2 ** 53, -(2 ** 31), 1.5, 1e308]);
          case 2:
            return rnd.pick([true, false]);
          case 3:
            return null;
          case 4:
            return rnd.pick(realIds);
          case 5:
            return rnd.pick(['scheduled', 'admin', 'female', 'asc', 'name', '08:00', '2031-01-06T02:00:00Z']);
          case 6:
            return Array.from({ length: rnd.int(0, 3) }, () => value(depth + 1));
          default:
            return Object.fromEntries(
              Array.from({ length: rnd.int(0, 4) }, () => [
                rnd.pick(['a', 'id', 'name', '__proto__', 'constructor']),
                value(depth + 1),
              ]),
            );
        }
      };
      const tokens = [api.tokens.admin, api.tokens.receptionist, api.tokens.doctor, undefined, 'garbage.token.value'];
      // Every 2xx body must match the schema the document promises for it.
      let validated = 0;
      // A booking race in the middle of the fuzz load: still exactly one winner.
      const [doctor, ...racers] = await Promise.all([fx.doctor(), ...Array.from({ length: 50 }, () => fx.patient())]);
      const race = (async () => {
        await new Promise((r) => setTimeout(r, 2000));
        const slot = fx.slot();
        return Promise.all(
          racers.map((p) =>
            fetch(`${api.url}/api/appointments`, {
              method: 'POST',
              headers: { authorization: `Bearer ${api.tokens.receptionist}`, 'content-type': 'application/json' },
              body: JSON.stringify({ doctorId: doctor?.id, patientId: p.id, ...slot }),
            }).then((r) => r.status),
          ),
        );
      })();
      const started = Date.now();
      let sent = 0;
      const problems: string[] = [];

      for (const [path, item] of Object.entries(doc.paths as Doc)) {
        for (const [method, op] of Object.entries(item as Doc)) {
          // A live event stream does not end: queue.test.ts covers the board's stream.
          if (op.responses?.['200']?.content?.['text/event-stream']) continue;
          const params: Doc[] = op.parameters ?? [];
          const bodyProps: string[] = Object.keys(
            op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
          );
          for (let i = 0; i < PER_OPERATION && Date.now() - started < TIME_BUDGET_MS; i++) {
            let emptySegment = false;
            let url = path.replace(/\{(\w+)\}/g, () => {
              const segment = encodeURIComponent(String(rnd.next() < 0.5 ? rnd.pick(realIds) : value()));
              emptySegment ||= segment === '';
              return segment;
            });
            const query = new URLSearchParams();
            for (const p of params.filter((p) => p.in === 'query'))
              if (rnd.next() < 0.5) query.set(p.name, String(value()));
            if (rnd.next() < 0.1) query.set('unexpected', String(value()));
            if ([...query].length) url += `?${query}`;
            const headers: Record<string, string> = {};
            const token = rnd.pick(tokens);
            if (token) headers.authorization = `Bearer ${token}`;
            let body: string | undefined;
            if (method === 'post' || method === 'put') {
              const shape = rnd.next();
              body =
                shape < 0.1
                  ? rnd.pick(['{', '[]', 'null', '"x"', '{"a":', 'not json at all'])
                  : JSON.stringify(
                      Object.fromEntries(bodyProps.filter(() => rnd.next() < 0.7).map((k) => [k, value()])),
                    );
              headers['content-type'] =
                rnd.next() < 0.9
                  ? 'application/json'
                  : rnd.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']);
            }
            const res = await fetch(`${api.url}/api${url}`, {
              method: method.toUpperCase(),
              headers,
              ...(body !== undefined ? { body } : {}),
            });
            const text = await res.text();
            sent++;
            // An empty path segment makes `/patients/{id}` read `/patients/`: the list route answers, not this one.
            if (res.status >= 200 && res.status < 300 && text && !emptySegment) {
              const validate = answerValidator(path, method, res.status);
              if (!validate(JSON.parse(text)))
                problems.push(`schema ${method.toUpperCase()} ${url}: ${JSON.stringify(validate.errors?.[0])}`);
              validated++;
            }
            if (res.status >= 500)
              problems.push(
                `${res.status} ${method.toUpperCase()} ${url} ${body?.slice(0, 200) ?? ''} -> ${text.slice(0, 300)}`,
              );
            if (/"stack"|\.ts:\d+|node_modules|\$argon2|passwordHash/.test(text))
              problems.push(`leak ${method.toUpperCase()} ${url}: ${text.slice(0, 300)}`);
          }
        }
      }
      // Valid calls of every route (as a role allowed to make them): their bodies must match too.
      for (const route of ROUTE_CASES) {
        const role = route.allowedRoles?.[0] ?? 'admin';
        const res = await callRest(
          api,
          route,
          await route.valid(fx, role),
          route.access === 'public' ? undefined : api.tokens[role],
        );
        if (res.status === 204) continue;
        if (res.status >= 300) {
          problems.push(`valid call ${route.procedure} answered ${res.status}`);
          continue;
        }
        const validate = answerValidator(route.path, route.method.toLowerCase(), res.status);
        if (!validate(res.body)) problems.push(`schema ${route.procedure}: ${JSON.stringify(validate.errors?.[0])}`);
        else validated++;
      }
      await fx.closeSync();
      console.log(
        `[fuzz] seed ${SEED}: ${sent} requests (${validated} 2xx bodies checked against their schema) in ${Date.now() - started} ms, ${problems.length} problems`,
      );
      const raced = await race;
      expect(raced.filter((s) => s === 201)).toHaveLength(1);
      expect(raced.filter((s) => s === 409)).toHaveLength(49);
      expect(problems.slice(0, 10)).toEqual([]);
      expect(sent).toBeGreaterThan(2000);
    },
    TIME_BUDGET_MS + 120_000,
  );
});
