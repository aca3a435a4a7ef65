import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_GZIP, FORBIDDEN, measureBrowserBundle, origins } from '../scripts/bundle-size.js';
import { createMediTrackClient } from '../src/index.js';
import { ADMIN, type RunningApi, startApi } from './server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
if (!available) console.warn(`[sdk browser.test] SKIPPED the browser part: no Chromium at ${CHROMIUM}`);

const here = dirname(fileURLToPath(import.meta.url));
let api: RunningApi;
let browser: Browser | undefined;
let pageScript = '';

beforeAll(async () => {
  pageScript = (await measureBrowserBundle(join(here, 'browser', 'page.ts'))).code;
  // Served by the API itself: same origin, as a frontend behind the same host would be. The API's
  // own CSP (default-src 'none') is for its JSON answers; a page brings its own, as /docs does.
  api = await startApi((app) => {
    app.get('/sdk-test/', async (_req, reply) =>
      reply
        .type('text/html')
        .header('content-security-policy', "default-src 'self'")
        .send(
          '<!doctype html><title>SDK test</title><pre id="out"></pre><script type="module" src="page.js"></script>',
        ),
    );
    app.get('/sdk-test/page.js', async (_req, reply) => reply.type('text/javascript').send(pageScript));
  });
  const mt = createMediTrackClient({ url: api.url });
  await mt.login(ADMIN);
  for (const [i, name] of ['Wulan', 'Agus'].entries()) {
    await mt.patients.create.mutate({ name, dateOfBirth: '1980-05-05', nationalId: `317101800000000${i}` });
  }
  if (available) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the SDK in a browser', () => {
  it(`stays under ${BUNDLE_BUDGET_GZIP} bytes gzip and carries no server code or Node built-ins`, async () => {
    const { gzipBytes, inputs } = await measureBrowserBundle();
    console.log(`[sdk] browser bundle: ${gzipBytes} bytes gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(BUNDLE_BUDGET_GZIP);
    const parts = origins(inputs);
    expect(parts).toContain('@trpc/client');
    for (const part of parts) for (const pattern of FORBIDDEN) expect(part).not.toMatch(pattern);
  });

  it.runIf(available)('logs in and lists patients from a page in headless Chromium', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(
      `${api.url}/sdk-test/?email=${encodeURIComponent(ADMIN.email)}&password=${encodeURIComponent(ADMIN.password)}`,
    );
    await page.waitForSelector('#out[data-done="true"]', { timeout: 30_000 });
    const text = (await page.textContent('#out')) ?? '';
    expect(JSON.parse(text)).toEqual({ total: 2, names: ['Agus', 'Wulan'], datesAreDates: true });
    await page.close();
  });
});
