import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateRestClientTypes } from '../scripts/rest-client-types.js';
import { nik, PASSWORD, startTestApi, type TestApi } from './harness.js';
import { frontDeskFlow } from './rest-client/front-desk.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

/** A day ahead in Jakarta (the test hospital's zone), when the test doctor works 08:00-16:00. */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' });
}

describe('a REST client generated from /openapi.json (openapi-typescript + openapi-fetch)', () => {
  it('is generated from the document the server serves (the committed types are current)', async () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await generateRestClientTypes());
  });

  it('type-checks the front-desk flow with --strict and no casts', async () => {
    const tsc = join(packageDir, 'node_modules', '.bin', 'tsc');
    const result = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(tsc, ['-p', join(packageDir, 'test', 'rest-client', 'tsconfig.json')], (error, stdout, stderr) =>
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: stdout + stderr }),
      ),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(packageDir, 'test', 'rest-client', 'front-desk.ts'), 'utf8')).not.toMatch(
      / as [A-Z{]|as unknown/,
    );
  }, 120_000);

  it('runs the front desk: log in, search, register, availability, book, conflict, reschedule, cancel', async () => {
    const result = await frontDeskFlow({
      baseUrl: api.url,
      email: api.users.receptionist.email,
      password: PASSWORD,
      doctorId: api.ownDoctorId,
      day: dayAhead(2),
      nationalIds: [nik(), nik()],
    });
    expect(result.searchedBefore).toBe(0);
    expect(result.foundAfter).toBe(2);
    expect(result.slots).toBeGreaterThan(3);
    expect(result.booked.status).toBe('scheduled');
    expect(result.conflict).toEqual({
      status: 409,
      code: 'APPOINTMENT_CONFLICT',
      conflictingAppointmentId: result.booked.id,
    });
    expect(result.rescheduled.startsAt).not.toBe(result.booked.startsAt);
    expect(result.staleVersion).toEqual({ status: 409, currentVersion: result.rescheduled.version });
    expect(result.cancelled.status).toBe('cancelled');
  });
});
