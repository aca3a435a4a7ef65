import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediTrackClient } from '../src/index.js';
import { ADMIN, type RunningApi, startApi } from './server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
// Outside CI a machine without Chromium runs the rest of the suite (the other browser tests do the same).
if (!available) console.warn(`[sdk react-query.test] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let api: RunningApi;
let browser: Browser | undefined;
let script = '';
const ids = { doctorId: '', patientId: '' };
/** A day ahead in Jakarta (the test hospital's zone). */
const day = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' });

beforeAll(async () => {
  // The example as a frontend's bundler makes it, against the built SDK as published.
  const bundle = await build({
    entryPoints: [join(root, 'examples', 'react-query', 'main.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: {
      '@meditrack/sdk/react-query': join(root, 'dist', 'react-query.js'),
      '@meditrack/sdk': join(root, 'dist', 'index.js'),
    },
  });
  script = new TextDecoder().decode(bundle.outputFiles[0]?.contents);
  api = await startApi((app) => {
    app.get('/front-desk/', async (_req, reply) =>
      reply
        .type('text/html')
        .header('content-security-policy', "default-src 'self'")
        .send(
          '<!doctype html><title>Front desk</title><div id="root"></div><script type="module" src="main.js"></script>',
        ),
    );
    app.get('/front-desk/main.js', async (_req, reply) => reply.type('text/javascript').send(script));
  });
  const mt = createMediTrackClient({ url: api.url });
  await mt.login(ADMIN);
  const doctor = await mt.doctors.create.mutate({
    name: 'Rina',
    email: 'rina.react@sdk.test',
    password: 'doctor-password-1',
    specialization: 'General Practice',
    licenseNumber: 'SIP-REACT-1',
  });
  for (const weekday of [1, 2, 3, 4, 5, 6, 7])
    await mt.doctors.addWeeklyHours.mutate({
      id: doctor.id,
      weekday,
      startTime: '08:00',
      endTime: '12:00',
      validFrom: '2024-01-01',
    });
  const patient = await mt.patients.create.mutate({
    name: 'Dewi',
    dateOfBirth: '1992-02-02',
    nationalId: '3171019202920001',
  });
  ids.doctorId = doctor.id;
  ids.patientId = patient.id;
  if (available) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe.runIf(available)('the React example (TanStack Query) in Chromium', () => {
  it('queries, books with a mutation, refetches the invalidated slots, and resumes the session after a reload', async () => {
    const page = await (browser as Browser).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const query = new URLSearchParams({ ...ids, day });
    await page.goto(`${api.url}/front-desk/?${query}&${new URLSearchParams(ADMIN)}`);
    await page.waitForSelector('#slots[data-count]:not([data-count=""])');
    const before = Number(await page.getAttribute('#slots', 'data-count'));
    expect(before).toBeGreaterThan(1);
    expect(await page.textContent('#patients')).toContain('Dewi');

    await page.click('#book');
    await page.waitForSelector('#booked');
    await page.waitForFunction(
      (count) => document.querySelector('#slots')?.getAttribute('data-count') === String(count),
      before - 1,
    );

    // A reload without credentials: the stored session logs the page in.
    await page.goto(`${api.url}/front-desk/?${query}`);
    await page.waitForSelector('#slots[data-count]:not([data-count=""])');
    expect(Number(await page.getAttribute('#slots', 'data-count'))).toBe(before - 1);
    expect(errors).toEqual([]);
  });
});
