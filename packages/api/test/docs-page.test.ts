import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';
import { DOCUMENTED_ROUTES } from './route-cases.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run); elsewhere a missing browser is reported, not hidden, and
// only outside CI does it skip.
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
if (!available) console.warn(`[docs-page.test] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

let api: TestApi;
let browser: Browser;
beforeAll(async () => {
  if (!available) return;
  api = await startTestApi();
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
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe.runIf(available)('docs page', () => {
  it('renders every operation from local assets only', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(api.url) && !request.url().startsWith('data:')) external.push(request.url());
    });
    await page.goto(`${api.url}/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const operations = await page.$$eval('.opblock-summary-path', (nodes) =>
      nodes.map((n) => n.getAttribute('data-path') ?? n.textContent ?? ''),
    );
    const methods = await page.$$eval('.opblock-summary-method', (nodes) => nodes.map((n) => n.textContent ?? ''));
    const rendered = operations.map((path, i) => `${methods[i]} ${path.replace(/\u200b/g, '')}`).sort();
    expect(rendered).toEqual(DOCUMENTED_ROUTES);
    expect(await page.title()).toMatch(/swagger|meditrack/i);
    expect(external).toEqual([]);
    await page.close();
  });
});
