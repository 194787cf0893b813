/**
 * Sync between browsers, end to end against the real server (BASE_URL):
 *
 * - a first sign-in with the password change the server requires (a new manager);
 * - data created offline survives a reload offline (service worker + OPFS), is pushed when
 *   the network is back, and shows in a second browser profile signed in as another user
 *   within a few seconds (WebSocket poke, pull);
 * - a change the server refuses (a name another device took first) is listed with its
 *   reason in plain words, and can be dismissed;
 * - a local database that was deleted, or damaged, comes back from the server after signing
 *   in again, and the app says what happened (keeping unsent changes that can still be read
 *   is tested natively: tests/core/sync/client_local_test.cc).
 *
 * - a large first sync pulled row by row (15,000 items on a private server with snapshots
 *   off) shows its progress as it goes, and ends with every item on the device;
 * - a fresh device's first sync from the server's snapshot (6,000 items, over the server's
 *   threshold) shows the download, ends with every item on the device, searchable, still
 *   there after a reload, and the device's own changes then push as usual.
 *
 * Screenshots go to tests/e2e/artifacts/.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, openPage, serviceWorkerActivated, sharedBrowser, waitForSync } from './lib/browser.mjs';
import { seedItemsOnServer } from './lib/stock_seed.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const kTimeout = { timeout: 150_000 };
const shared = sharedBrowser();
let manager;

before(async () => {
  // A manager who must still choose a password: the first test does that through the UI.
  manager = await ensureUser(`gestionnaire${Date.now() % 100000}`, 'manager', { changePassword: false });
});

async function createCategory(page, name) {
  await page.getByTestId('category-name-input').fill(name);
  await page.getByTestId('category-submit').click();
  await page.getByTestId('category-item').filter({ hasText: name }).waitFor();
}

describe('sync between browsers', () => {
  test('offline work reaches another user in another browser once back online', kTimeout, async () => {
    // Profile B: the manager's first sign-in, with the required password change.
    const b = await openPage(shared.browser, { viewport: { width: 800, height: 1280 } });
    const a = await openPage(shared.browser, { serviceWorkers: 'allow' });
    try {
      await b.page.goto('/#/categories');
      await coreState(b.page, { signIn: false });
      await b.page.getByTestId('signin-username').fill(manager.username);
      await b.page.getByTestId('signin-password').fill('wrong password');
      await b.page.getByTestId('signin-submit').click();
      await b.page.getByTestId('signin-error').filter({ hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor();
      await b.page.getByTestId('signin-password').fill(manager.password);
      await b.page.getByTestId('signin-submit').click();
      await b.page.getByTestId('password-form').waitFor();
      await b.page.screenshot({ path: artifact('sync-password-change-800x1280.png') });
      const chosen = `${manager.password}-nouveau`;
      await b.page.getByTestId('password-current').fill(manager.password);
      await b.page.getByTestId('password-new').fill(chosen);
      await b.page.getByTestId('password-confirm').fill(`${chosen}x`);
      await b.page.getByTestId('password-submit').click();
      await b.page.getByTestId('password-error').filter({ hasText: 'Les deux nouveaux mots de passe ne sont pas identiques.' }).waitFor();
      await b.page.getByTestId('password-confirm').fill(chosen);
      await b.page.getByTestId('password-submit').click();
      await b.page.waitForFunction((name) => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === name, manager.username);
      await waitForSync(b.page, (s) => s.live === 'yes' && s.lastSuccess !== '', 'B connected');
      // A manager may not create stock categories (admin only): the form is there, the core refuses.

      // Profile A: the administrator, online once so the service worker caches the app.
      await a.page.goto('/#/categories');
      assert.equal((await coreState(a.page)).storage, 'opfs');
      await serviceWorkerActivated(a.page);
      await waitForSync(a.page, (s) => s.lastSuccess !== '', 'A first sync');

      await a.context.setOffline(true);
      await waitForSync(a.page, (s) => s.state === 'offline', 'A offline');
      const name = `Joints hors ligne ${Date.now()}`;
      await createCategory(a.page, name);
      await waitForSync(a.page, (s) => s.pending === '1' && s.state === 'offline', 'A pending offline');
      await a.page.screenshot({ path: artifact('sync-offline-pending-1024x768.png'), fullPage: true });

      // Reload with the network still off: the app, the data and the pending change are there.
      const reloaded = await a.page.reload();
      assert.equal(reloaded.fromServiceWorker(), true);
      assert.equal((await coreState(a.page)).storage, 'opfs');
      await a.page.getByTestId('category-item').filter({ hasText: name }).waitFor();
      await waitForSync(a.page, (s) => s.pending === '1', 'A pending after an offline reload');

      // Network back: A pushes by itself, B (another user, another profile) sees it.
      const back = Date.now();
      await a.context.setOffline(false);
      await waitForSync(a.page, (s) => s.pending === '0' && s.state === 'online', 'A pushed', 30_000);
      await b.page.getByTestId('category-item').filter({ hasText: name }).waitFor({ timeout: 15_000 });
      const seconds = (Date.now() - back) / 1000;
      console.log(`offline change visible in the other profile ${seconds.toFixed(2)} s after the network came back`);
      assert.ok(seconds < 10, `took ${seconds} s`);
      await b.page.screenshot({ path: artifact('sync-seen-by-manager-800x1280.png'), fullPage: true });
      // The one failed request of B is the wrong password tried on purpose.
      assert.deepEqual(b.problems, ['HTTP 401: ' + new URL('/api/login', b.page.url()).href]);
      assert.deepEqual(a.problems.filter((problem) => !problem.includes('ERR_INTERNET_DISCONNECTED')), []);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a change refused by the server is listed with its reason and can be dismissed', kTimeout, async () => {
    const first = await openPage(shared.browser);
    const second = await openPage(shared.browser, { locale: 'en-GB' });
    try {
      for (const { page } of [first, second]) {
        await page.goto('/#/categories');
        await coreState(page);
        await waitForSync(page, (s) => s.lastSuccess !== '', 'first sync');
      }
      // Both devices take the same name while the second is offline; the first is sent first.
      await second.context.setOffline(true);
      await waitForSync(second.page, (s) => s.state === 'offline', 'offline');
      const name = `Doublon ${Date.now()}`;
      await createCategory(second.page, name);
      await createCategory(first.page, name);
      await waitForSync(first.page, (s) => s.pending === '0', 'first pushed');
      await second.context.setOffline(false);
      const rejection = second.page.getByTestId('rejection');
      await rejection.waitFor({ timeout: 20_000 });
      assert.equal(await rejection.getAttribute('data-code'), 'conflict');
      const text = await rejection.textContent();
      assert.match(text, /Someone else already used this value\./);
      assert.match(text, /Make the change again with another value\./);
      await waitForSync(second.page, (s) => s.pending === '0', 'second synced');
      await second.page.screenshot({ path: artifact('sync-rejection-en-1024x768.png'), fullPage: true });
      // Only one category of that name, on both devices.
      for (const { page } of [first, second]) {
        const names = await page.getByTestId('category-item').allTextContents();
        assert.equal(names.filter((each) => each.includes(name)).length, 1, names.join(', '));
      }
      await second.page.getByTestId('rejection-dismiss').click();
      await second.page.getByTestId('rejections').waitFor({ state: 'detached' });
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  test('a deleted local database is rebuilt from the server', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser);
    try {
      await page.goto('/#/categories');
      await coreState(page);
      const name = `Avant suppression ${Date.now()}`;
      await createCategory(page, name);
      await waitForSync(page, (s) => s.pending === '0' && s.lastSuccess !== '', 'pushed');
      const before = (await page.getByTestId('category-item').allTextContents()).length;
      await page.close();

      // Delete the database files while no page holds them (the core worker is kept away).
      const cleaner = await context.newPage();
      await cleaner.route('**/assets/worker-*.js', (route) => route.abort());
      await cleaner.goto('/#/categories');
      await cleaner.evaluate(async () => {
        const root = await navigator.storage.getDirectory();
        await root.removeEntry('invento-sahpool', { recursive: true });
      });
      await cleaner.close();

      const again = await context.newPage();
      await again.goto('/#/categories');
      await coreState(again, { signIn: false });
      const banner = again.getByTestId('storage-banner');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-reason'), 'missing');
      await again.getByTestId('signin-screen').waitFor();
      await again.screenshot({ path: artifact('sync-database-missing-1024x768.png'), fullPage: true });
      await coreState(again);  // signs in
      await again.getByTestId('category-item').filter({ hasText: name }).waitFor({ timeout: 20_000 });
      await waitForSync(again, (s) => s.lastSuccess !== '', 'rebuilt');
      assert.equal((await again.getByTestId('category-item').allTextContents()).length, before);
      assert.deepEqual(problems.filter((problem) => !problem.includes('worker-')), []);
    } finally {
      await context.close();
    }
  });

  test('a damaged local database is rebuilt from the server, and the app says so', kTimeout, async () => {
    const { context, page } = await openPage(shared.browser);
    try {
      await page.goto('/#/categories');
      await coreState(page);
      const name = `Avant corruption ${Date.now()}`;
      await createCategory(page, name);
      await waitForSync(page, (s) => s.pending === '0' && s.lastSuccess !== '', 'pushed');
      await page.close();

      // Overwrite the database's first page after its 100-byte header (the schema b-tree)
      // in the pool slot that holds /invento.db (a 4096-byte slot header, then the file),
      // and the write-ahead log's header (else SQLite reads the newer copy of page 1 there).
      const vandal = await context.newPage();
      await vandal.route('**/assets/worker-*.js', (route) => route.abort());
      await vandal.goto('/#/categories');
      const damaged = await vandal.evaluate(async () => {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('invento-sahpool');
        let done = false;
        for await (const [, handle] of dir.entries()) {
          const bytes = new Uint8Array(await (await handle.getFile()).slice(0, 600).arrayBuffer());
          const length = bytes[12] | (bytes[13] << 8);
          const name = new TextDecoder().decode(bytes.slice(16, 16 + length));
          if (name !== '/invento.db' && name !== '/invento.db-wal') continue;
          const writable = await handle.createWritable({ keepExistingData: true });
          await writable.seek(name === '/invento.db' ? 4096 + 100 : 4096);
          await writable.write(new Uint8Array(name === '/invento.db' ? 4096 - 100 : 32).fill(0x5a));
          await writable.close();
          if (name === '/invento.db') done = true;
        }
        return done;
      });
      assert.ok(damaged, 'no pool slot holds /invento.db');
      await vandal.close();

      const again = await context.newPage();
      const problems = [];
      again.on('pageerror', (error) => problems.push(error.message));
      await again.goto('/#/categories');
      const state = await coreState(again, { signIn: false });
      assert.deepEqual({ storage: state.storage, integrity: state.integrity }, { storage: 'opfs', integrity: 'ok' });
      const banner = again.getByTestId('storage-banner');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-reason'), 'rebuilt');
      assert.match(await banner.textContent(), /endommagées et ont été reconstruites/);
      await again.screenshot({ path: artifact('sync-database-rebuilt-1024x768.png'), fullPage: true });
      // Nothing could be read back (the schema page is gone), so sign in again; the rows return.
      await coreState(again);
      await again.getByTestId('category-item').filter({ hasText: name }).waitFor({ timeout: 20_000 });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a large first sync shows its progress, then every item is on the device', kTimeout, async () => {
    // A private server: 15,000 items on the shared one would slow every later test's first sync.
    // Snapshots off: this is the row-by-row path (a device behind by many versions takes it).
    const server = await startPrivateServer({ SNAPSHOT_MIN_VERSION: '0' });
    try {
      await seedItemsOnServer('MASSE', 15_000, { baseUrl: server.baseUrl });
      const { context, page } = await openPage(shared.browser, { baseURL: server.baseUrl });
      try {
        // Every distinct progress text shown, recorded in the page as it changes.
        await page.addInitScript(() => {
          localStorage.setItem('invento.bench', '1'); // window.__inventoCore, to count the items
          window.__progress = [];
          new MutationObserver(() => {
            const text = document.querySelector('[data-testid="sync-progress"] label')?.textContent;
            if (text && window.__progress.at(-1) !== text) window.__progress.push(text);
          }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        await page.goto('/#/settings');
        await coreState(page);
        await page.getByTestId('sync-progress').waitFor({ timeout: 30_000 });
        await page.screenshot({ path: artifact('sync-initial-progress-1024x768.png') });
        await waitForSync(page, (s) => s.state === 'online' && s.pending === '0' && s.lastSuccess !== '', 'first sync', 120_000);
        await page.getByTestId('sync-progress').waitFor({ state: 'detached' });
        const shown = await page.evaluate(() => window.__progress);
        const rows = shown.map((text) => Number(text.replace(/\D/g, '')));
        assert.ok(rows.length >= 2, `progress shown only as ${JSON.stringify(shown)}`);
        for (let i = 1; i < rows.length; i += 1) assert.ok(rows[i] > rows[i - 1], `progress went back: ${JSON.stringify(shown)}`);
        assert.ok(rows.at(-1) >= 10_000, `the last progress shown was ${shown.at(-1)}`);
        // Every item arrived: the core's search counts them on the device.
        const onDevice = await page.evaluate(() => window.__inventoCore.query('item.search', { q: '', limit: 1 }));
        assert.equal(onDevice.total, 15_000);
      } finally {
        await context.close();
      }
    } finally {
      await server.stop();
    }
  });

  test("a fresh device's first sync comes as the server's snapshot, then works as usual", kTimeout, async () => {
    const server = await startPrivateServer(); // default threshold: 5,000 versions
    try {
      await seedItemsOnServer('INSTANT', 6_000, { baseUrl: server.baseUrl });
      const { context, page } = await openPage(shared.browser, { baseURL: server.baseUrl });
      try {
        await page.addInitScript(() => {
          localStorage.setItem('invento.bench', '1');
          window.__progress = [];
          new MutationObserver(() => {
            const bar = document.querySelector('[data-testid="sync-progress"]');
            const text = bar?.querySelector('label')?.textContent;
            if (text && window.__progress.at(-1)?.text !== text) window.__progress.push({ kind: bar.dataset.kind, text });
          }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        await page.goto('/#/settings');
        await coreState(page);
        await waitForSync(page, (s) => s.state === 'online' && s.pending === '0' && s.lastSuccess !== '', 'first sync', 120_000);
        const shown = await page.evaluate(() => window.__progress);
        assert.ok(shown.some((p) => p.kind === 'snapshot' && /Téléchargement des données : [\d,]+ sur [\d,]+ Mo/.test(p.text)),
          `no download progress shown: ${JSON.stringify(shown)}`);
        assert.ok(!shown.some((p) => p.kind === 'rows' && Number(p.text.replace(/\D/g, '')) >= 5_000),
          `the rows were pulled one by one: ${JSON.stringify(shown)}`);
        const count = () => page.evaluate(() => window.__inventoCore.query('item.search', { q: '', limit: 1 }));
        assert.equal((await count()).total, 6_000);
        const found = await page.evaluate(() => window.__inventoCore.query('item.search', { q: 'INSTANT-004321', limit: 5 }));
        assert.equal(found.items[0]?.reference, 'INSTANT-004321');
        // The device's own work after the snapshot: pushed under its session, nothing pending.
        await page.goto('/#/categories');
        await createCategory(page, 'Après instantané');
        await waitForSync(page, (s) => s.state === 'online' && s.pending === '0', 'push after the snapshot');
        // Still there after a reload (the snapshot is the OPFS database now).
        await page.reload();
        await coreState(page);
        assert.equal((await count()).total, 6_000);
        await page.getByTestId('category-item').filter({ hasText: 'Après instantané' }).waitFor();
      } finally {
        await context.close();
      }
    } finally {
      await server.stop();
    }
  });

  test('after the server is restored from a backup, a device starts over and keeps what it had not sent', kTimeout, async () => {
    const server = await startPrivateServer();
    try {
      const { context, page, problems } = await openPage(shared.browser, { baseURL: server.baseUrl });
      try {
        await page.addInitScript(() => localStorage.setItem('invento.bench', '1'));
        await page.goto('/#/stock');
        await coreState(page);
        const create = (reference) =>
          page.evaluate((ref) => window.__inventoCore.mutate('item.create', { id: crypto.randomUUID(), reference: ref, label: `Article ${ref}` }), reference);
        const references = () =>
          page.evaluate(async () => (await window.__inventoCore.query('item.search', { q: '', limit: 50 })).items.map((i) => i.reference).sort());
        const sent = (what) => waitForSync(page, (s) => s.pending === '0' && s.state === 'online' && s.lastSuccess !== '', what);
        await create('AVANT-1');
        await sent('the first item reaches the server');
        const backup = `${server.dir}/sauvegarde.db`;
        const saved = server.run(['backup-database', '--output', backup]);
        assert.equal(saved.status, 0, saved.stderr);
        await create('APRES-SAUVEGARDE');  // reaches the server; the restore will lose it
        await sent('the second item reaches the server');
        await context.setOffline(true);
        await create('HORS-LIGNE');  // made offline: still waiting when the server is restored
        await waitForSync(page, (s) => s.pending === '1', 'one change waits');

        let restored;
        await server.restart(async () => {
          restored = server.run(['restore-database', '--from', backup]);
        });
        assert.equal(restored.status, 0, restored.stderr);
        assert.match(restored.stdout, /Devices start over at their next sync/);

        await context.setOffline(false);
        await page.getByTestId('sync-now').click();
        await sent('the device started over and synced');
        assert.deepEqual(await references(), ['AVANT-1', 'HORS-LIGNE']);
        await page.reload();
        await coreState(page);
        await page.getByTestId('stock-row').first().waitFor().catch(() => {});
        await page.screenshot({ path: artifact('sync-after-restore-1024x768.png') });
        assert.deepEqual(await references(), ['AVANT-1', 'HORS-LIGNE']);
        // The same local database started over: not mistaken for a lost one.
        assert.equal(await page.locator('[data-testid="storage-banner"]').count(), 0, 'no storage banner');

        // A fresh device on the restored server holds the same, and new work flows both ways.
        const other = await openPage(shared.browser, { baseURL: server.baseUrl });
        try {
          await other.page.addInitScript(() => localStorage.setItem('invento.bench', '1'));
          await other.page.goto('/#/stock');
          await coreState(other.page);
          await waitForSync(other.page, (s) => s.state === 'online' && s.lastSuccess !== '', 'the fresh device syncs');
          const theirs = () =>
            other.page.evaluate(async () => (await window.__inventoCore.query('item.search', { q: '', limit: 50 })).items.map((i) => i.reference).sort());
          assert.deepEqual(await theirs(), ['AVANT-1', 'HORS-LIGNE']);
          await create('NOUVELLE-EPOQUE');
          await sent('new work after the restore');
          await other.page.getByTestId('sync-now').click();
          for (let i = 0; i < 50 && !(await theirs()).includes('NOUVELLE-EPOQUE'); i += 1) await other.page.waitForTimeout(100);
          assert.deepEqual(await theirs(), ['AVANT-1', 'HORS-LIGNE', 'NOUVELLE-EPOQUE']);
          assert.deepEqual(other.problems, []);
        } finally {
          await other.context.close();
        }
        // While the server was down and the network cut, requests failed: nothing else did.
        const unexpected = problems.filter((p) => !/request failed: .*(ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED)|WebSocket/.test(p));
        assert.deepEqual(unexpected, []);
      } finally {
        await context.close();
      }
    } finally {
      await server.stop();
    }
  });
});
