/**
 * The GET routes of the API's OpenAPI document as requests over each transport, with parameters
 * filled from records of a dataset: what the every-route benchmark measures and the memory phase's
 * mixed load sends, so a new route is covered by both without touching either.
 */
import pg from 'pg';
import type { Dataset } from '../dataset.js';
import type { HttpRequest } from './load.js';
import type { Operation, Transport } from './paths.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}
export interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Parameter[];
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
}

/** A GET that answers an event stream (server-sent events): it never ends, so it is not a request to time. */
const isEventStream = (get: NonNullable<OpenApi['paths'][string][string]>) =>
  Object.keys(get.responses?.['200']?.content ?? {}).includes('text/event-stream');

/** Ids and days of a dataset, to fill route parameters with records that exist. */
export interface Samples {
  patient: string[];
  doctor: string[];
  department: string[];
  employee: string[];
  appointment: string[];
  /** The benchmark week: its Monday and Sunday. */
  from: string;
  to: string;
}

/** Tickets of the day's queue per department (half served, a few at the desks, the rest waiting). */
const TICKETS_PER_DEPARTMENT = 40;

/**
 * Gives every department a queue today (the API's day: the benchmark runs it in UTC) when it has
 * none, so the queue and board routes read a day's queue as a front desk sees it, not an empty one.
 */
async function prepareQueueDay(client: pg.Client) {
  const today = new Date().toISOString().slice(0, 10);
  await client.query(
    `insert into queue_tickets (id, department_id, service_date, number, priority, status, desk, patient_id,
                                issued_at, status_changed_at, version, created_at, updated_at)
     select gen_random_uuid(), d.id, $1::date, p.n,
            case when p.n % 10 = 0 then 'urgent' when p.n % 5 = 0 then 'priority' else 'regular' end,
            case when p.n <= $2 / 2 then 'done' when p.n <= $2 / 2 + 3 then 'in_consultation'
                 when p.n <= $2 / 2 + 5 then 'called' else 'waiting' end,
            case when p.n > $2 / 2 and p.n <= $2 / 2 + 5 then 'Desk ' || (p.n % 3 + 1) end,
            p.id, now(), now(), 1, now(), now()
       from (select id, row_number() over (order by id) as k from departments) d
       cross join lateral (
         select x.id, row_number() over (order by x.id)::int as n
           from (select id from patients where archived_at is null order by id offset (d.k - 1) * $2 limit $2) x
       ) p
      where not exists (select 1 from queue_tickets t where t.department_id = d.id and t.service_date = $1::date)`,
    [today, TICKETS_PER_DEPARTMENT],
  );
  await client.query(
    `insert into queue_counters (department_id, service_date, last_number)
     select department_id, service_date, max(number) from queue_tickets where service_date = $1::date group by 1, 2
     on conflict (department_id, service_date) do update
       set last_number = greatest(queue_counters.last_number, excluded.last_number)`,
    [today],
  );
}

/** Samples of a dataset's records, after making sure today's queue exists (`prepareQueueDay`). */
export async function samplesOf(dataset: Dataset): Promise<Samples> {
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  await prepareQueueDay(client);
  const ids = async (sql: string) => (await client.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const samples: Samples = {
    patient: await ids(`select id from patients where archived_at is null order by md5(id::text) limit 50`),
    doctor: await ids('select id from doctors order by md5(id::text) limit 50'),
    department: await ids('select id from departments order by id'),
    employee: await ids('select id from employees order by md5(id::text) limit 50'),
    appointment: await ids(
      `select id from appointments where starts_at >= '${dataset.week.toISOString()}' order by md5(id::text) limit 50`,
    ),
    from: dataset.week.toISOString().slice(0, 10),
    to: new Date(dataset.week.getTime() + 6 * 86_400_000).toISOString().slice(0, 10),
  };
  await client.end();
  return samples;
}

/** The resource a path's `{id}` names: its first segment (`/doctors/{id}/schedule` -> doctor). */
const RESOURCES: Record<string, keyof Samples> = {
  patients: 'patient',
  doctors: 'doctor',
  departments: 'department',
  employees: 'employee',
  appointments: 'appointment',
};

/** A value for each parameter a route requires, by name; k picks among the samples. */
function fill(path: string, parameter: Parameter, s: Samples, k: number): string {
  const pick = (xs: string[]) => {
    const x = xs[k % xs.length];
    if (!x) throw new Error(`no sample records for ${parameter.name} of GET ${path}`);
    return x;
  };
  switch (parameter.name) {
    case 'id': {
      const resource = RESOURCES[path.split('/')[1] ?? ''];
      if (!resource) break;
      return pick(s[resource] as string[]);
    }
    case 'patientId':
      return pick(s.patient);
    case 'doctorId':
      return pick(s.doctor);
    case 'departmentId':
      return pick(s.department);
    case 'from':
      return s.from;
    case 'to':
      return s.to;
    case 'date':
      return s.from;
  }
  throw new Error(`the routes benchmark cannot fill parameter ${parameter.name} of GET ${path}: add it to fill()`);
}

/**
 * Optional parameters a route that is not a list needs one of (availability: a department or a
 * specialization): filled when the route offers them. Lists are measured without filters.
 */
const ONE_OF = ['departmentId'];

export interface Route {
  path: string;
  operationId: string;
  /** Offers keyset pages (a `cursor` parameter). */
  list: boolean;
  /** The parameters of the k-th request: path and required query parameters, and `extra`. */
  values(k: number, extra?: Record<string, string>): { path: Record<string, string>; query: Record<string, string> };
  /** The REST URL of the k-th request. */
  url(k: number, extra?: Record<string, string>): string;
}

export function routesOf(doc: OpenApi, s: Samples): Route[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) => {
    const get = operations.get;
    // Event streams are measured by the front-desk benchmark (events reaching open boards).
    if (!get || isEventStream(get)) return [];
    const parameters = get.parameters ?? [];
    const list = parameters.some((p) => p.name === 'cursor');
    const route: Route = {
      path,
      operationId: get.operationId ?? path,
      list,
      values(k, extra = {}) {
        const values = { path: {} as Record<string, string>, query: {} as Record<string, string> };
        for (const p of parameters) {
          if (p.in === 'path') values.path[p.name] = fill(path, p, s, k);
          else if (p.in === 'query' && (p.required || (!list && ONE_OF.includes(p.name)))) {
            values.query[p.name] = fill(path, p, s, k);
          }
        }
        Object.assign(values.query, extra);
        return values;
      },
      url(k, extra = {}) {
        const values = route.values(k, extra);
        let concrete = `/api${path}`;
        for (const [name, value] of Object.entries(values.path)) concrete = concrete.replace(`{${name}}`, value);
        const text = new URLSearchParams(values.query).toString();
        return text ? `${concrete}?${text}` : concrete;
      },
    };
    route.url(0); // every parameter fillable, or the run stops here
    return [route];
  });
}

/** The k-th request of a route over each transport: REST, the baseline's same path, tRPC's batch of one. */
export function requestOf(route: Route, transport: Transport, k: number): HttpRequest {
  if (transport === 'rest') return { method: 'GET', path: route.url(k) };
  if (transport === 'bare') return { method: 'GET', path: route.url(k).replace(/^\/api/, '') };
  const { path, query } = route.values(k);
  const input = JSON.stringify({ 0: { json: { ...path, ...query } } });
  return {
    method: 'GET',
    path: `/trpc/${route.operationId.replaceAll('-', '.')}?batch=1&input=${encodeURIComponent(input)}`,
  };
}

/** A GET route of the running API's document (its path, e.g. `/departments/{id}`) as an operation, for `profile` and `compare-builds`. */
export async function routeOperation(apiUrl: string, dataset: Dataset, path: string): Promise<Operation> {
  const doc = (await (await fetch(`${apiUrl}/openapi.json`)).json()) as OpenApi;
  const routes = routesOf(doc, await samplesOf(dataset));
  const route = routes.find((r) => r.path === path);
  if (!route) throw new Error(`no GET route ${path}: ${routes.map((r) => r.path).join(', ')}`);
  return { name: `GET ${path}`, note: '', request: (transport, k) => requestOf(route, transport, k) };
}
