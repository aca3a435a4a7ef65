import type { OpenApiMethod } from 'trpc-to-openapi';
import type { Meta } from './init.js';

interface RestOptions {
  summary: string;
  description?: string;
  /** 201 for creation, 204 for deletion; 200 otherwise. */
  successStatus?: 200 | 201 | 202 | 204;
  /** Public routes (login) only. */
  protect?: boolean;
  /** Docs section; default: the first path segment. */
  tag?: string;
}

/** The REST mapping of a procedure (trpc-to-openapi meta): `rest('GET', '/patients/{id}', ...)`. */
export function rest(method: OpenApiMethod, path: `/${string}`, options: RestOptions): Meta {
  const tag = options.tag ?? path.split('/')[1] ?? 'misc';
  return {
    successStatus: options.successStatus ?? 200,
    openapi: {
      method,
      path,
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
      tags: [tag],
      protect: options.protect ?? true,
      ...(options.successStatus === 201 ? { successDescription: 'Created' } : {}),
      ...(options.successStatus === 202 ? { successDescription: 'Accepted: started in the background' } : {}),
      ...(options.successStatus === 204 ? { successDescription: 'No content' } : {}),
    },
  };
}
