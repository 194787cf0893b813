/**
 * Shared helpers for the browser end-to-end tests: launches the system Chromium through
 * playwright-core and opens pages that record every console error, page error, CSP
 * violation and failed request, so a test can assert that none happened.
 *
 * Environment: BASE_URL (default http://127.0.0.1:8080), CHROMIUM (default
 * /usr/bin/chromium), E2E_ARTIFACTS (default tests/e2e/artifacts).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const kBaseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const kArtifacts = process.env.E2E_ARTIFACTS ?? fileURLToPath(new URL('../artifacts/', import.meta.url));

// Without the network flags Chromium floods a closed network with refused connections.
const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails fast, with a readable message, when nothing serves BASE_URL. */
export async function assertServerUp() {
  try {
    await fetch(`${kBaseUrl}/`, { signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new Error(`nothing answers at BASE_URL=${kBaseUrl} (${error.cause?.code ?? error.message}); start the server first`);
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
  });
}

/**
 * A browser with an on-disk profile in `dir` (a normal, non-incognito profile: Chromium
 * only offers installation there). Close the returned context to end it.
 */
export function launchPersistent(dir, { baseURL = kBaseUrl, locale = 'fr-FR' } = {}) {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
    baseURL,
    locale,
  });
}

/**
 * Opens a page in a fresh context (fresh localStorage). Returns { context, page,
 * problems } where `problems` collects the console errors (page and workers), uncaught
 * page errors, CSP violations, failed requests and HTTP error responses.
 *
 * Service workers are blocked unless `serviceWorkers: 'allow'`: most tests hold back or
 * abort network requests (the wasm, the worker script), which a service worker answering
 * from its cache would bypass. offline.test.mjs tests the service worker itself.
 */
export async function openPage(
  browser,
  { viewport = { width: 1024, height: 768 }, locale = 'fr-FR', serviceWorkers = 'block', baseURL = kBaseUrl } = {},
) {
  const context = await browser.newContext({ viewport, locale, baseURL, serviceWorkers });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (message) => {
    const where = message.worker() ? 'worker console' : 'console';
    if (message.type() === 'error') problems.push(`${where}.error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(`${where}.warning: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A navigation cancels the previous page's pending requests: not a failure.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // Init scripts run outside the page's CSP; Chromium also logs refusals as console errors.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  return { context, page, problems, warnings };
}

export function artifact(name) {
  mkdirSync(kArtifacts, { recursive: true });
  return `${kArtifacts.replace(/\/?$/, '/')}${name}`;
}

/**
 * One Chromium for the whole test file, started once the server answers and closed at the
 * end: call at the top level of a test file; `.browser` is set by the time tests run.
 */
export function sharedBrowser() {
  const shared = { browser: undefined };
  before(async () => {
    await assertServerUp();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
  });
  return shared;
}

/**
 * Waits until the core is no longer loading, asserts that it started, and returns what the
 * status line says about it: {storage, integrity, versions}. When the sign-in screen shows,
 * signs in (as `user`, default the e2e administrator) unless `signIn` is false.
 */
export async function coreState(page, { signIn = true, user } = {}) {
  await page.waitForFunction(
    () => {
      // Absent while the tab waits for the database (another tab owns it): keep waiting.
      const state = document.querySelector('[data-testid="core-status"]')?.getAttribute('data-state');
      return state !== undefined && state !== null && state !== 'loading';
    },
    undefined,
    { timeout: 30_000 },
  );
  const status = page.getByTestId('core-status');
  assert.equal(await status.getAttribute('data-state'), 'ready', `the core did not start: ${await status.textContent()}`);
  const state = {
    storage: await status.getAttribute('data-storage'),
    integrity: await status.getAttribute('data-integrity'),
    versions: await page.getByTestId('versions').textContent(),
  };
  if (signIn) await signInIfAsked(page, user);
  return state;
}

/** Signs in through the form when the app asks (it does not once a session is stored). */
export async function signInIfAsked(page, user) {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="signin-screen"]') !== null ||
      (document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') ?? '') !== '',
    undefined,
    { timeout: 30_000 },
  );
  if ((await page.getByTestId('signin-screen').count()) === 0) return;
  const { adminToken, kAdminPassword } = await import('./accounts.mjs');
  const credentials = user ?? { username: 'admin', password: kAdminPassword };
  if (!user) await adminToken(new URL(page.url()).origin);  // sets the known admin password once
  await page.getByTestId('signin-username').fill(credentials.username);
  await page.getByTestId('signin-password').fill(credentials.password);
  await page.getByTestId('signin-submit').click();
  await page.waitForFunction(
    (name) => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === name,
    credentials.username,
    { timeout: 30_000 },
  );
}

/** Waits until the page's service worker registration has an activated worker; returns its script URL. */
export function serviceWorkerActivated(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    return worker.scriptURL;
  });
}

/** The sync status bar's data attributes (state, pending, live, lastSuccess). */
export function syncState(page) {
  return page.getByTestId('sync-status').evaluate((element) => ({ ...element.dataset }));
}

/** Polls the sync status until `predicate(state)` holds; returns the milliseconds it took. */
export async function waitForSync(page, predicate, what, timeout = 30_000) {
  const start = Date.now();
  for (;;) {
    const state = await syncState(page);
    if (predicate(state)) return Date.now() - start;
    if (Date.now() - start > timeout) assert.fail(`${what}: sync status stayed ${JSON.stringify(state)}`);
    await page.waitForTimeout(100);
  }
}
