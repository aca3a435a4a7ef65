// A frontend's code, type-checked and run outside the workspace against the packed SDK tarball.
import {
  createMediTrackClient,
  isMediTrackError,
  type Patient,
  type RouterInputs,
  toMediTrackError,
} from '@meditrack/sdk';
import { createPatientInput, ERROR_CATALOG } from '@meditrack/sdk/schemas';

const mt = createMediTrackClient({ url: process.env.API_URL ?? '' });
await mt.login({ email: process.env.API_EMAIL ?? '', password: process.env.API_PASSWORD ?? '' });

const input: RouterInputs['patients']['create'] = {
  name: 'Consumer',
  dateOfBirth: '1999-09-09',
  nationalId: '3171019999990001',
};
if (!createPatientInput.safeParse(input).success) throw new Error('schema refused valid input');
const created: Patient = await mt.patients.create.mutate(input);
const page = await mt.patients.list.query({ name: 'consumer', limit: 10 });

try {
  await mt.patients.create.mutate(input);
} catch (error) {
  if (!isMediTrackError(error, 'DUPLICATE_VALUE')) throw error;
  const e = toMediTrackError(error);
  console.log(
    JSON.stringify({
      created: created.mrn,
      total: page.total,
      createdAtIsDate: created.createdAt instanceof Date,
      duplicate: [e.code, e.field, e.httpStatus, ERROR_CATALOG[e.code].status],
    }),
  );
}

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
