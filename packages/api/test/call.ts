import type { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../src/routers/root.js';
import { type RestResponse, rest, type TestApi, trpcClient } from './harness.js';
import type { Input, RouteCase } from './route-cases.js';

/** The REST request trpc-to-openapi maps `input` to: path parameters, then query (GET/DELETE) or JSON body. */
export function restRequest(route: RouteCase, input: Input): { path: string; body?: unknown } {
  const rest: Input = { ...input };
  const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = String(rest[key]);
    delete rest[key];
    return encodeURIComponent(value);
  });
  if (route.method === 'GET' || route.method === 'DELETE') {
    const query = new URLSearchParams(
      Object.entries(rest).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return { path: `/api${path}${query ? `?${query}` : ''}` };
  }
  return { path: `/api${path}`, body: rest };
}

export function callRest(api: TestApi, route: RouteCase, input: Input, token?: string): Promise<RestResponse> {
  const request = restRequest(route, input);
  return rest(api, route.method, request.path, {
    ...(token ? { token } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
}

export interface TrpcOutcome {
  status: number;
  /** `data.error` of the error (our ApiErrorBody), when it failed. */
  error?: { code: string; field?: string; details?: Record<string, unknown> };
  data?: unknown;
}

/** Calls a procedure by its dotted path and reports the HTTP status it answered with. */
export async function callTrpc(api: TestApi, route: RouteCase, input: Input, token?: string): Promise<TrpcOutcome> {
  const client = trpcClient(api, token) as unknown as Record<
    string,
    Record<string, Record<string, (i: unknown) => Promise<unknown>>>
  >;
  const [group, name] = route.procedure.split('.') as [string, string];
  const kind = route.method === 'GET' ? 'query' : 'mutate';
  const callInput = Object.keys(input).length === 0 && route.procedure === 'auth.me' ? undefined : input;
  try {
    const data = await client[group]![name]![kind]!(callInput);
    return { status: route.successStatus, data };
  } catch (error) {
    const e = error as TRPCClientError<AppRouter>;
    const shape = e.data as unknown as { httpStatus: number; error: TrpcOutcome['error'] } | undefined;
    if (!shape) throw error;
    return { status: shape.httpStatus, ...(shape.error ? { error: shape.error } : {}) };
  }
}
