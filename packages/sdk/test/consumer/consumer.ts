// A frontend's code, type-checked and run outside the workspace against the packed SDK tarball.
import {
  type AppRouter,
  createMediTrackClient,
  errorOf,
  isMediTrackError,
  memorySession,
  type Patient,
  type RouterInputs,
  toMediTrackError,
} from '@meditrack/sdk';
import type { useMediTrack } from '@meditrack/sdk/react-query';
import { createPatientInput, ERROR_CATALOG } from '@meditrack/sdk/schemas';
import { nationalId } from '@meditrack/sdk/schemas/patients';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import * as z from 'zod/mini';

// The app's own tRPC React context over the SDK's router type: one @trpc/client, so the types meet.
const appContext = createTRPCContext<AppRouter>();
type ListOptions = ReturnType<ReturnType<typeof appContext.useTRPC>['patients']['list']['queryOptions']>;
type SdkListOptions = ReturnType<ReturnType<typeof useMediTrack>['patients']['list']['queryOptions']>;
const sameShape: ListOptions['queryKey'] extends SdkListOptions['queryKey'] ? true : false = true;
if (!sameShape || !nationalId.safeParse('3171019999990001').success) throw new Error('types or schemas differ');

const mt = createMediTrackClient({ url: process.env.API_URL ?? '', storage: memorySession() });
await mt.login({ email: process.env.API_EMAIL ?? '', password: process.env.API_PASSWORD ?? '' });

const input: RouterInputs['patients']['create'] = {
  name: 'Consumer',
  dateOfBirth: '1999-09-09',
  nationalId: '3171019999990001',
};
if (!createPatientInput.safeParse(input).success) throw new Error('schema refused valid input');
// A form's own schema composed from the API's (zod/mini functions), with a message a person can act on.
const form = z.extend(createPatientInput, { confirmNationalId: z.string() });
const formCheck = form.safeParse({ ...input, nationalId: '123' });
if (formCheck.success || formCheck.error.issues.map((i) => i.path.join('.')).join() !== 'nationalId,confirmNationalId')
  throw new Error('composed form schema');
if (formCheck.error.issues[1]?.message !== 'is required') throw new Error('messages differ from the server');
// @ts-expect-error zod/mini schemas have no classic methods: compose with z.optional(createPatientInput)
createPatientInput.optional;
const created: Patient = await mt.patients.create.mutate(input);
const page = await mt.patients.list.query({ name: 'consumer', limit: 10 });

try {
  await mt.patients.create.mutate(input);
} catch (error) {
  if (!isMediTrackError(error, 'DUPLICATE_VALUE')) throw error;
  const e = toMediTrackError(error);
  // Typed by code: a version conflict's details carry numbers, a conflict's the appointment in the way.
  const conflict: string | undefined = errorOf(error, 'APPOINTMENT_CONFLICT')?.details?.conflictingAppointmentId;
  const version: number | undefined = errorOf(error, 'VERSION_CONFLICT')?.details?.currentVersion;
  if (conflict !== undefined || version !== undefined) throw new Error('a duplicate is neither');
  console.log(
    JSON.stringify({
      created: created.mrn,
      total: page.total,
      createdAtIsDate: created.createdAt instanceof Date,
      duplicate: [e.code, e.field, e.httpStatus, ERROR_CATALOG[e.code].status],
    }),
  );
}

// Instants go in as Date objects or as text.
await mt.appointments.list.query({ from: new Date(), to: '2031-01-01T00:00:00+07:00' });

// Wrong input types must not compile.
// @ts-expect-error dateOfBirth is a string
await mt.patients.create.mutate({ ...input, dateOfBirth: new Date() }).catch(() => {});
// @ts-expect-error an unknown procedure
mt.patients.delete;
// @ts-expect-error limit is a number
await mt.patients.list.query({ limit: 'ten' }).catch(() => {});
// @ts-expect-error version is a number
await mt.patients.update.mutate({ ...input, id: created.id, version: '1' }).catch(() => {});
// @ts-expect-error outputs are typed too: there is no such field
created.passwordHash;
