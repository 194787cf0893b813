/**
 * Offline start and updates end-to-end test: the Workbox service worker (web/dist/sw.js).
 *
 * - After one online visit the app starts with the network off: the shell, the core
 *   worker and the wasm come from the precache, the core starts on OPFS and lists the
 *   category created online. /api is never answered by the service worker.
 * - A new version deployed on the server (here: a changed index.html and the sw.js that
 *   lists its new revision, in a private server's copy of web/dist) installs and waits:
 *   the page shows the "reload to update" prompt and neither reloads nor changes version
 *   by itself; the button activates it and the page reloads into the new version.
 *
 * - Chromium finds the app installable (manifest, icons, service worker), in a normal
 *   on-disk profile.
 *
 * Screenshots go to tests/e2e/artifacts/. The second test starts its own server
 * (lib/test_server.mjs: INVENTO_SERVER, WEB_DIST).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifact, coreState, launchPersistent, openPage, sharedBrowser, serviceWorkerActivated } from './lib/browser.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const kTimeout = { timeout: 120_000 };

const shared = sharedBrowser();

/** The URLs (paths) held by the Workbox precache. */
function precachedPaths(page) {
  return page.evaluate(async () => {
    const paths = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}

describe('offline start and updates', () => {
  test('after one online visit the app starts offline from the precache', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser, { serviceWorkers: 'allow' });
    try {
      const response = await page.goto('/#/categories');
      assert.ok(response?.ok(), `GET / -> ${response?.status()}`);
      const online = await coreState(page);
      assert.equal(online.storage, 'opfs');
      await page.getByTestId('category-name-input').fill('Filtres hors ligne');
      await page.getByTestId('category-submit').click();
      await page.getByTestId('category-item').filter({ hasText: 'Filtres hors ligne' }).waitFor();

      const scriptUrl = await serviceWorkerActivated(page);
      assert.match(scriptUrl, /\/sw\.js$/);
      const paths = await precachedPaths(page);
      for (const pattern of [/^\/index\.html$/, /^\/manifest\.webmanifest$/, /^\/assets\/index-.*\.js$/, /^\/assets\/index-.*\.css$/,
        /^\/assets\/worker-.*\.js$/, /^\/assets\/invento_core-.*\.wasm$/, /^\/icons\/icon-192\.png$/, /^\/icons\/icon-512\.png$/,
        /^\/icons\/icon-maskable-512\.png$/]) {
        assert.ok(paths.some((path) => pattern.test(path)), `${pattern} is not precached: ${paths.join(', ')}`);
      }
      assert.ok(!paths.some((path) => path.startsWith('/api')), `an /api path is precached: ${paths.join(', ')}`);
      assert.ok(!paths.some((path) => path.endsWith('.map')), 'source maps are precached');

      // The service worker leaves /api to the network, even for a navigation (in another
      // tab: the browser asks a JSON page for /favicon.ico, which does not exist).
      const apiTab = await context.newPage();
      const health = await apiTab.goto('/api/health');
      assert.equal(health.fromServiceWorker(), false, '/api/health was answered by the service worker');
      assert.match(health.headers()['content-type'] ?? '', /application\/json/);
      await apiTab.close();

      await context.setOffline(true);
      const offlineShell = await page.goto('/');
      assert.ok(offlineShell?.ok(), `offline GET / -> ${offlineShell?.status()}`);
      assert.equal(offlineShell.fromServiceWorker(), true, 'the offline page did not come from the service worker');
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), scriptUrl);
      const offline = await coreState(page);
      await page.getByTestId('nav-categories').click();
      assert.equal(offline.storage, 'opfs');
      assert.equal(offline.integrity, 'ok');
      assert.equal(offline.versions, online.versions);
      await page.getByTestId('category-item').filter({ hasText: 'Filtres hors ligne' }).waitFor();
      assert.equal(await page.getByTestId('update-prompt').count(), 0, 'an update prompt without an update');

      // A reload (and an app route) work offline too, and /api is not faked.
      await page.reload();
      assert.equal((await coreState(page)).storage, 'opfs');
      const route = await page.goto('/stock/categories#/categories');
      assert.equal(route.fromServiceWorker(), true);
      await coreState(page);
      await page.getByTestId('category-item').filter({ hasText: 'Filtres hors ligne' }).waitFor();
      // An office screen is a chunk loaded on first use: never opened online, it opens offline
      // from the precache.
      await page.getByTestId('nav-people').click();
      await page.getByTestId('employees-screen').waitFor();
      assert.deepEqual(problems, [], `console/page errors or failed requests:\n${problems.join('\n')}`);
      const api = await page.evaluate(() =>
        fetch('/api/health').then((r) => `HTTP ${r.status}`, (error) => `failed: ${error.name}`),
      );
      assert.equal(api, 'failed: TypeError', 'an offline /api request was answered');
      await page.screenshot({ path: artifact('offline-start-1024x768.png'), fullPage: true });

      // The only problems since: the deliberate offline /api request.
      const unexpected = problems.filter((line) => !/\/api\/health|ERR_INTERNET_DISCONNECTED/.test(line));
      assert.deepEqual(unexpected, [], `console/page errors or failed requests:\n${unexpected.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('Chromium finds the app installable', kTimeout, async () => {
    const profile = mkdtempSync(join(tmpdir(), 'invento-profile-'));
    const context = await launchPersistent(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('/#/categories');
      await coreState(page);
      await serviceWorkerActivated(page);
      const cdp = await context.newCDPSession(page);
      const { url, errors, data } = await cdp.send('Page.getAppManifest');
      assert.match(url, /\/manifest\.webmanifest$/);
      assert.deepEqual(errors, [], 'manifest parse errors');
      const manifest = JSON.parse(data);
      for (const [key, value] of Object.entries({ name: 'Invento', short_name: 'Invento', start_url: '/', scope: '/',
        display: 'standalone', lang: 'fr', theme_color: '#0f4c5c', background_color: '#eef2f3' })) {
        assert.equal(manifest[key], value, `manifest ${key}`);
      }
      const icons = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`);
      for (const icon of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(icons.includes(icon), `icon ${icon}: ${icons}`);
      await page.reload(); // controlled by the service worker
      await coreState(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('a new version waits behind a "reload to update" prompt until the user accepts it', kTimeout, async () => {
    const server = await startPrivateServer();
    const { context, page, problems } = await openPage(shared.browser, { serviceWorkers: 'allow', baseURL: server.baseUrl });
    try {
      await page.goto('/#/categories');
      await coreState(page);
      await serviceWorkerActivated(page);
      await page.reload(); // now controlled by version 1
      await coreState(page);
      assert.notEqual(await page.evaluate(() => navigator.serviceWorker.controller), null);
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
      assert.equal(await page.locator('meta[name="invento-test-build"]').count(), 0);

      await page.getByTestId('category-name-input').fill('Avant la mise à jour');
      await page.getByTestId('category-submit').click();
      await page.getByTestId('category-item').filter({ hasText: 'Avant la mise à jour' }).waitFor();

      // Someone is in the middle of their work: a name typed, not yet submitted.
      await page.evaluate(() => (window.__samePage = true));
      await page.getByTestId('category-name-input').fill('Saisie en cours');

      // Deploy version 2: a changed index.html and the sw.js that precaches its revision.
      const indexPath = join(server.webRoot, 'index.html');
      const swPath = join(server.webRoot, 'sw.js');
      const oldIndex = readFileSync(indexPath);
      const newIndex = Buffer.from(
        oldIndex.toString('utf8').replace('<head>', '<head>\n    <meta name="invento-test-build" content="2" />'),
      );
      const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
      const sw = readFileSync(swPath, 'utf8');
      const oldEntry = `{url:"index.html",revision:"${md5(oldIndex)}"}`;
      assert.equal(sw.split(oldEntry).length, 2, `sw.js does not list ${oldEntry} exactly once`);
      writeFileSync(indexPath, newIndex);
      writeFileSync(swPath, sw.replace(oldEntry, `{url:"index.html",revision:"${md5(newIndex)}"}`));

      // What the browser does on its periodic update check.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const prompt = page.getByTestId('update-prompt');
      await prompt.waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('update-region').getAttribute('role'), 'status', 'the prompt is not in a live region');
      assert.match(await prompt.textContent(), /Une nouvelle version est disponible/);
      const button = page.getByTestId('update-reload');
      assert.equal(await button.textContent(), 'Recharger pour mettre à jour');
      await page.screenshot({ path: artifact('update-prompt-fr-1024x768.png') });

      // Nothing happens by itself: same page, same typed text, old worker in control,
      // the new one waiting.
      await page.waitForTimeout(3000);
      const waiting = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          samePage: window.__samePage === true,
          controller: navigator.serviceWorker.controller?.scriptURL,
          waiting: registration.waiting?.state ?? null,
          newBuild: document.querySelector('meta[name="invento-test-build"]') !== null,
        };
      });
      assert.deepEqual(waiting, { samePage: true, controller: firstWorker, waiting: 'installed', newBuild: false });
      assert.equal(await page.getByTestId('category-name-input').inputValue(), 'Saisie en cours');

      await page.getByTestId('language-picker').selectOption('en');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.match(await prompt.textContent(), /A new version is available/);
      assert.equal(await button.textContent(), 'Reload to update');
      await page.screenshot({ path: artifact('update-prompt-en-1024x768.png') });

      // The user accepts: the new worker activates and the page reloads into version 2.
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), button.click()]);
      await page.locator('meta[name="invento-test-build"]').waitFor({ state: 'attached' });
      const updated = await coreState(page);
      assert.deepEqual([updated.storage, updated.integrity], ['opfs', 'ok']);
      await page.getByTestId('category-item').filter({ hasText: 'Avant la mise à jour' }).waitFor();
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          samePage: window.__samePage === true,
          controllerActivated: navigator.serviceWorker.controller?.state === 'activated',
          waiting: registration.waiting,
        };
      });
      assert.deepEqual(after, { samePage: false, controllerActivated: true, waiting: null });
      assert.equal(await prompt.count(), 0, 'the prompt is still shown after the update');
      await page.screenshot({ path: artifact('update-applied-1024x768.png') });
      assert.deepEqual(problems, [], `console/page errors or failed requests:\n${problems.join('\n')}`);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
