/**
 * Browser storage end-to-end test: the worker keeps the database in the Origin Private
 * File System through the C++ "opfs-sahpool" VFS.
 *
 * - a category created through the UI is still there after a reload and in a new page,
 *   read from OPFS (the worker reports storage "opfs"; /api is cut after signing in);
 * - a page closed abruptly in the middle of a stream of writes leaves a database that
 *   passes the startup integrity check and holds every write acknowledged before the
 *   close (three rounds in the same profile);
 * - one owner tab (Web Locks): a second tab says Invento is open elsewhere and does not
 *   start the core; "use here" makes the owner close its database and hand over, and back.
 *
 * Each test uses its own browser context, hence its own empty OPFS. Run: see
 * foundation.test.mjs. Screenshots go to tests/e2e/artifacts/.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';

const kTimeout = { timeout: 120_000 };

const shared = sharedBrowser();

/** Loads the app; returns the core status attributes once it is no longer loading. */
async function loadApp(page) {
  const response = await page.goto('/#/categories');
  assert.ok(response?.ok(), `GET / -> ${response?.status()}`);
  return coreState(page);
}

function assertPersistent(state, when) {
  const { storage, integrity } = state;
  assert.deepEqual({ storage, integrity }, { storage: 'opfs', integrity: 'ok' }, `${when}: storage state`);
}

async function createCategory(page, name) {
  await page.getByTestId('category-name-input').fill(name);
  await page.getByTestId('category-submit').click();
  await page.getByTestId('category-item').filter({ hasText: name }).waitFor();
}

/**
 * Diagnostic only: which SQLite files the pool slots hold, read from a page whose core
 * worker is kept from starting (the slot header stores the name at byte 16, its length
 * at byte 12). A "-wal" left behind means the page closed without closing the database.
 */
async function poolFiles(context) {
  const page = await context.newPage();
  try {
    await page.route('**/assets/worker-*.js', (route) => route.abort());
    await page.goto('/#/categories');
    return await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('invento-sahpool');
      const names = [];
      for await (const [, handle] of dir.entries()) {
        const bytes = new Uint8Array(await (await handle.getFile()).slice(0, 600).arrayBuffer());
        const length = bytes[12] | (bytes[13] << 8);
        if (length > 0) names.push(new TextDecoder().decode(bytes.slice(16, 16 + length)));
      }
      return names.sort();
    });
  } finally {
    await page.close();
  }
}

/** The category names once the list has loaded (it is aria-busy until its first query answers). */
async function itemNames(page) {
  await page.locator('[data-testid="category-list"][aria-busy="false"]').waitFor({ state: 'attached' });
  return page.getByTestId('category-item').allTextContents();
}

describe('OPFS storage', () => {
  test('a category survives a reload and a new page, read from OPFS', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser);
    try {
      // Signing in needs the server once; after that /api is cut, so what is shown can only
      // come from OPFS.
      assertPersistent(await loadApp(page), 'first load');
      assert.equal(await page.getByTestId('storage-banner').count(), 0, 'a storage banner is shown on OPFS');
      await context.route('**/api/**', (route) => route.abort());
      const names = [`Roulements ${Date.now()}`, `Courroies ${Date.now()}`];
      for (const name of names) await createCategory(page, name);

      await page.reload();
      assertPersistent(await coreState(page), 'after reload');
      await page.getByTestId('category-item').filter({ hasText: names[1] }).waitFor();
      const afterReload = await itemNames(page);
      for (const name of names) assert.ok(afterReload.includes(name), `"${name}" missing after reload`);
      await page.screenshot({ path: artifact('storage-after-reload-1024x768.png'), fullPage: true });

      // A new page of the same profile, after the first one is gone.
      await page.close();
      const second = await context.newPage();
      assertPersistent(await loadApp(second), 'new page');
      await second.getByTestId('category-item').filter({ hasText: names[1] }).waitFor();
      const inNewPage = await itemNames(second);
      for (const name of names) assert.ok(inNewPage.includes(name), `"${name}" missing in a new page`);
      // Only the sync calls to the cut server may have failed.
      assert.deepEqual(problems.filter((problem) => !problem.includes('/api/')), []);
    } finally {
      await context.close();
    }
  });

  test('a page closed in the middle of writes keeps every acknowledged write', kTimeout, async () => {
    const { context, page: first } = await openPage(shared.browser);
    let page = first;
    const acknowledged = new Set();
    const stamp = Date.now();
    let interrupted = 0;
    try {
      for (let round = 1; round <= 3; ++round) {
        const state = await loadApp(page);
        // Local durability only: the sync loop's traffic is cut after the first sign-in.
        if (round === 1) await context.route('**/api/**', (route) => route.abort());
        assertPersistent(state, `round ${round}, on open`);
        const present = new Set(await itemNames(page));
        for (const name of acknowledged) assert.ok(present.has(name), `round ${round}: acknowledged "${name}" is lost`);

        // The stream runs in the page: type a name, submit, and count the write as
        // acknowledged when the form says it was created (the core has committed).
        void page
          .evaluate(async (prefix) => {
            window.__acked = [];
            const input = document.querySelector('[data-testid="category-name-input"]');
            const notice = document.querySelector('[data-testid="category-form-notice"]');
            const form = document.querySelector('[data-testid="category-form"]');
            for (let i = 0; ; ++i) {
              const name = `${prefix}-${i}`;
              input.value = name;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              await new Promise((resolve) => requestAnimationFrame(resolve));
              form.requestSubmit();
              while (!notice.textContent.includes(`${name}`)) await new Promise((resolve) => setTimeout(resolve, 1));
              window.__acked.push(name);
            }
          }, `Flux ${stamp} r${round}`)
          .catch(() => undefined); // ends when the page is closed

        await page.waitForFunction(() => (window.__acked?.length ?? 0) >= 25, undefined, { timeout: 60_000 });
        const acked = await page.evaluate(() => [...window.__acked]);
        await page.close({ runBeforeUnload: false });
        for (const name of acked) acknowledged.add(name);
        const files = await poolFiles(context);
        // The write-ahead log is left behind when the page did not close the database.
        if (files.some((name) => name.endsWith('-wal') || name.endsWith('-journal'))) interrupted += 1;
        page = await context.newPage();
      }
      console.log(`${interrupted} of 3 closes left the write-ahead log behind (the database was not closed)`);
      assertPersistent(await loadApp(page), 'after the last close');
      const present = new Set(await itemNames(page));
      const lost = [...acknowledged].filter((name) => !present.has(name));
      assert.deepEqual(lost, [], 'acknowledged writes lost');
      assert.ok(acknowledged.size >= 75, `only ${acknowledged.size} writes acknowledged`);
      await page.screenshot({ path: artifact('storage-after-crashes-1024x768.png') });
    } finally {
      await context.close();
    }
  });

  test('a second tab says Invento is open elsewhere, and "use here" takes over safely', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser);
    try {
      assertPersistent(await loadApp(page), 'first tab');
      const name = `Deux onglets ${Date.now()}`;
      await createCategory(page, name);

      // The second tab does not start the core: it says where Invento is open.
      const second = await context.newPage();
      await second.goto('/#/categories');
      const elsewhere = second.getByTestId('open-elsewhere');
      await elsewhere.waitFor();
      assert.equal(await elsewhere.getAttribute('data-state'), 'open');
      assert.match(await elsewhere.textContent(), /Invento est ouvert dans un autre onglet/);
      assert.equal(await second.getByTestId('core-status').count(), 0, 'the second tab started a core');
      await second.screenshot({ path: artifact('storage-open-elsewhere-fr-1024x768.png') });
      // The first tab still works meanwhile.
      await createCategory(page, `${name} bis`);

      // "Use here": the first tab hands over and says so; the second gets the same data on OPFS.
      await second.getByTestId('use-here').click();
      assertPersistent(await coreState(second), 'second tab after taking over');
      await second.getByTestId('category-item').filter({ hasText: `${name} bis` }).waitFor();
      const handedOver = page.getByTestId('open-elsewhere');
      await handedOver.waitFor();
      assert.equal(await handedOver.getAttribute('data-state'), 'handed-over');
      await page.screenshot({ path: artifact('storage-handed-over-fr-1024x768.png') });
      await createCategory(second, `${name} ter`);

      // And back again to the first tab.
      await page.getByTestId('use-here').click();
      assertPersistent(await coreState(page), 'first tab after taking back');
      await page.getByTestId('category-item').filter({ hasText: `${name} ter` }).waitFor();
      await second.getByTestId('open-elsewhere').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
