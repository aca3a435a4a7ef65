import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure } from '@trpc/server';
import type { ErrorShape, ProcedureKinds, RouterInputs, RouterOutputs } from './generated/router-types.js';

type BuildRecord<K, I, O> = {
  [P in keyof K]: K[P] extends 'query'
    ? TRPCQueryProcedure<{
        input: P extends keyof I ? I[P] : never;
        output: P extends keyof O ? O[P] : never;
        meta: object;
      }>
    : K[P] extends 'mutation'
      ? TRPCMutationProcedure<{
          input: P extends keyof I ? I[P] : never;
          output: P extends keyof O ? O[P] : never;
          meta: object;
        }>
      : BuildRecord<K[P], P extends keyof I ? I[P] : never, P extends keyof O ? O[P] : never>;
};

/**
 * The API's router as a client sees it: the same procedures with the same input and output types,
 * without the server's context (database, HTTP server) in the type.
 */
export type AppRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: ErrorShape; transformer: true },
  BuildRecord<ProcedureKinds, RouterInputs, RouterOutputs>
>;

export type { ErrorShape, ProcedureKinds, RouterInputs, RouterOutputs };
