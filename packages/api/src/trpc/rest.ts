import type { ErrorCode } from '@meditrack/contract';
import type { OpenApiMethod } from 'trpc-to-openapi';
import type { z } from 'zod';
import type { Meta } from './init.js';

export type SuccessStatus = 200 | 201 | 202 | 204;

interface RestOptions {
  summary: string;
  /** What the operation does and what it needs: the OpenAPI description and the SDK's hover text. */
  description: string;
  /** 201 for creation, 202 for work started, 204 for no content; 200 otherwise. */
  successStatus?: SuccessStatus;
  /**
   * The domain's refusals this operation can answer, beyond what its access, inputs and path
   * imply (rest/responses.ts derives those): each becomes a documented status and code.
   */
  errors?: readonly ErrorCode[];
  /**
   * The body as the document shows it, where it is a union the REST mapping cannot take as input
   * (login: email or username); the procedure's input must accept exactly the same bodies.
   */
  requestSchema?: z.core.$ZodType;
  /** Docs section; default: the first path segment. */
  tag?: string;
}

/** The REST mapping of a procedure (trpc-to-openapi meta): `rest('GET', '/patients/{id}', ...)`. */
export function rest(method: OpenApiMethod, path: `/${string}`, options: RestOptions): Meta {
  const tag = options.tag ?? path.split('/')[1] ?? 'misc';
  return {
    successStatus: options.successStatus ?? 200,
    errors: options.errors ?? [],
    ...(options.requestSchema ? { requestSchema: options.requestSchema } : {}),
    openapi: {
      method,
      path,
      summary: options.summary,
      description: options.description,
      tags: [tag],
    },
  };
}
