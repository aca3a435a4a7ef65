import type { OpenApiMethod } from 'trpc-to-openapi';
import type { Meta } from './init.js';

type SuccessStatus = 200 | 201 | 202 | 204;

interface RestOptions {
  summary: string;
  description?: string;
  /** 201 for creation, 202 for work started, 204 for no content; 200 otherwise. */
  successStatus?: SuccessStatus;
  /** Public routes (login) only. */
  protect?: boolean;
  /** Docs section; default: the first path segment. */
  tag?: string;
}

/** The success status of each REST route (`GET /patients/{id}`), as the procedures declare it. */
const SUCCESS_STATUS = new Map<string, SuccessStatus>();

export const successStatusOf = (method: string, path: string): SuccessStatus =>
  SUCCESS_STATUS.get(`${method.toUpperCase()} ${path}`) ?? 200;

/** The REST mapping of a procedure (trpc-to-openapi meta): `rest('GET', '/patients/{id}', ...)`. */
export function rest(method: OpenApiMethod, path: `/${string}`, options: RestOptions): Meta {
  const tag = options.tag ?? path.split('/')[1] ?? 'misc';
  const successStatus = options.successStatus ?? 200;
  SUCCESS_STATUS.set(`${method} ${path}`, successStatus);
  return {
    openapi: {
      method,
      path,
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
      tags: [tag],
      protect: options.protect ?? true,
      ...(successStatus === 201 ? { successDescription: 'Created' } : {}),
      ...(successStatus === 202 ? { successDescription: 'Accepted: started in the background' } : {}),
      ...(successStatus === 204 ? { successDescription: 'No content' } : {}),
    },
  };
}
