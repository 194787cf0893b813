/**
 * MY WORK end to end, at 1024x768 and at 800x1280, against the real server (BASE_URL):
 *
 * - seeded through the server's API as the admin: a technician with a van holding stock, an
 *   overdue work order with a checklist and a later one, both assigned to them;
 * - the technician's list shows them overdue first with a badge; with the network OFF the
 *   technician starts the job, ticks the checklist, uses parts from the van (an invalid
 *   quantity shows the core's error inline), logs time, takes a photo and completes the
 *   order with the signer's name; a reload still offline shows all of it;
 * - back online it syncs (the photo's bytes are uploaded), and a manager in another browser
 *   profile sees the order completed with the parts, the time and the photo, loaded from the
 *   server;
 * - axe-core finds nothing serious or critical on the list and the detail; screenshots of
 *   each main screen go to tests/e2e/artifacts/work-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adminToken, ensureUser } from './lib/accounts.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { artifact, coreState, kBaseUrl, openPage, serviceWorkerActivated, sharedBrowser, syncState, waitForSync } from './lib/browser.mjs';
import { makePng, seedTechnicianWork } from './lib/work_seed.mjs';

const kTimeout = { timeout: 240_000 };
const shared = sharedBrowser();

async function assertAccessible(page, what) {
  assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${what}`);
}

const kViewports = [
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
];

describe('my work (technician work orders)', () => {
  for (const viewport of kViewports) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`offline job completed on a tablet reaches a manager (${size})`, kTimeout, async () => {
      const tag = `${viewport.width}${Date.now() % 100000}`;
      const { technician, ids, names } = await seedTechnicianWork(tag);
      const manager = await ensureUser(`chef${tag}`, 'manager');
      const tech = await openPage(shared.browser, { viewport, serviceWorkers: 'allow' });
      // The manager reads English on the first run (both catalogs get looked at).
      const boss = await openPage(shared.browser, { viewport, locale: viewport.width === 1024 ? 'en-GB' : 'fr-FR' });
      try {
        const { page, context } = tech;
        await page.goto('/#/work');
        assert.equal((await coreState(page, { user: technician })).storage, 'opfs');
        await serviceWorkerActivated(page);
        await waitForSync(page, (s) => s.lastSuccess !== '', 'technician first sync');

        // The list: mine, the overdue one first with its badge, the asset and the client.
        const cards = page.getByTestId('work-card');
        await cards.filter({ hasText: names.later }).waitFor();
        const open = page.getByTestId('work-open-list').getByTestId('work-card');
        assert.equal(await open.first().getAttribute('data-id'), ids.task);
        assert.equal(await open.first().getAttribute('data-overdue'), 'yes');
        assert.equal(await cards.filter({ hasText: names.later }).getAttribute('data-overdue'), 'no');
        const first = await open.first().textContent();
        assert.match(first, new RegExp(names.asset));
        assert.match(first, new RegExp(names.client));
        assert.match(first, /En retard/);
        await page.screenshot({ path: artifact(`work-list-${size}.png`), fullPage: true });
        await assertAccessible(page, 'the list');

        // Offline from here on.
        await context.setOffline(true);
        await waitForSync(page, (s) => s.state === 'offline', 'technician offline');
        await open.first().click();
        const detail = page.getByTestId('work-detail');
        await detail.waitFor();
        assert.equal(await detail.getAttribute('data-status'), 'planned');
        // Only what the core offers a technician on a planned order: start it.
        await page.getByTestId('work-transition-in_progress').waitFor();
        const offered = await page.locator('[data-testid^="work-transition-"]').evaluateAll((nodes) => nodes.map((n) => n.dataset.testid));
        assert.deepEqual(offered, ['work-transition-in_progress']);
        await page.screenshot({ path: artifact(`work-detail-${size}.png`), fullPage: true });
        await assertAccessible(page, 'the detail');
        await page.getByTestId('work-transition-in_progress').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'in_progress');

        // Checklist.
        const checks = page.getByTestId('work-check-item');
        for (let index = 0; index < 2; index += 1) {
          await checks.nth(index).getByTestId('work-check-box').click();
          await page.waitForFunction((i) => document.querySelectorAll('[data-testid="work-check-item"]')[i]?.getAttribute('data-checked') === 'yes', index);
        }

        // A meter reading for the asset: one going backwards is refused inline, then 120 h.
        const meter = page.getByTestId('work-meter-input');
        await meter.fill('90');
        await page.getByTestId('work-meter-submit').click();
        await page.getByTestId('work-meter-error').filter({ hasText: /Relevé invalide/ }).waitFor();
        await meter.fill('120');
        await page.getByTestId('work-meter-submit').click();
        await page.getByTestId('work-meter-total').filter({ hasText: /120 h/ }).waitFor();
        assert.equal(await page.getByTestId('work-meter-error').textContent(), '');

        // Parts from the van: a refused quantity first (inline error), then 2 with the + button.
        const parts = page.getByTestId('work-parts');
        assert.match(await page.getByTestId('work-part-location').locator('option:checked').textContent(), new RegExp(names.van));
        const pick = parts.getByTestId('work-part-pick').filter({ hasText: names.item });
        await pick.waitFor();
        assert.match(await pick.textContent(), /en stock ici : 10 pièce/);
        await pick.click();
        await page.getByTestId('work-part-qty').fill('0');
        await page.getByTestId('work-part-submit').click();
        await page.getByTestId('work-part-error').filter({ hasText: /Quantité invalide/ }).waitFor();
        assert.equal(await page.getByTestId('work-part-qty').getAttribute('aria-invalid'), 'true');
        await page.getByTestId('work-part-qty').fill('1');
        await page.getByTestId('work-part-more').click();
        assert.equal(await page.getByTestId('work-part-qty').inputValue(), '2');
        await page.getByTestId('work-part-submit').click();
        await page.getByTestId('work-part').filter({ hasText: names.item }).waitFor();
        assert.equal(await page.getByTestId('work-part-error').textContent(), '');
        await pick.filter({ hasText: /en stock ici : 8/ }).waitFor();

        // Time: 1.5 h today.
        await page.getByTestId('work-time-hours').fill('1,5');
        await page.getByTestId('work-time-submit').click();
        await page.getByTestId('work-time-entry').first().waitFor();
        assert.match(await page.getByTestId('work-time-total').textContent(), /1,5 h/); // French decimal comma

        // A photo, stored on the device and recorded at once.
        const png = makePng(64, 48, viewport.width);
        await page.getByTestId('work-photo-input').setInputFiles({ name: 'pression.png', mimeType: 'image/png', buffer: png });
        await page.locator('[data-testid="work-photo"][data-loaded="yes"]').waitFor();
        const sha256 = await page.getByTestId('work-photo').first().getAttribute('data-sha256');
        assert.match(sha256, /^[0-9a-f]{64}$/);

        // Complete with the signer's name.
        await page.getByTestId('work-transition-done').click();
        await page.getByTestId('work-signer-input').fill('Mme Martin');
        await page.getByTestId('work-completion-note').fill('Filtre remplacé, pression OK.');
        await page.screenshot({ path: artifact(`work-complete-${size}.png`), fullPage: true });
        await page.getByTestId('work-complete-submit').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'done');
        await page.getByTestId('work-completed').filter({ hasText: 'Mme Martin' }).waitFor();
        await page.screenshot({ path: artifact(`work-done-offline-${size}.png`), fullPage: true });
        await assertAccessible(page, 'the completed detail');
        const pending = Number((await syncState(page)).pending);
        assert.ok(pending >= 6, `pending ${pending}`);

        // Reload, still offline: everything is still there.
        const reloaded = await page.reload();
        assert.equal(reloaded.fromServiceWorker(), true);
        await coreState(page, { user: technician });
        await page.waitForFunction(() => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'done');
        assert.equal(await page.locator('[data-testid="work-check-item"][data-checked="yes"]').count(), 2);
        await page.getByTestId('work-part').filter({ hasText: names.item }).waitFor();
        assert.equal(await page.getByTestId('work-time-entry').count(), 1);
        await page.locator(`[data-testid="work-photo"][data-sha256="${sha256}"][data-loaded="yes"]`).waitFor();
        await page.getByTestId('work-completed').filter({ hasText: 'Mme Martin' }).waitFor();
        await waitForSync(page, (s) => Number(s.pending) === pending, 'pending after the offline reload');

        // Online: pushed, and the bytes are on the server.
        await context.setOffline(false);
        await waitForSync(page, (s) => s.pending === '0' && s.state === 'online', 'technician synced', 45_000);
        const head = await fetch(`${kBaseUrl}/api/attachments/${sha256}`, {
          method: 'HEAD',
          headers: { authorization: `Bearer ${await adminToken()}` },
        });
        assert.equal(head.status, 200, 'the photo reached the server');

        // The manager, in another profile, sees the completed order with parts, time and photo.
        await boss.page.goto(`/#/work/${ids.task}`);
        await coreState(boss.page, { user: manager });
        await boss.page.waitForFunction(
          () => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'done',
          undefined,
          { timeout: 30_000 },
        );
        await boss.page.getByTestId('work-part').filter({ hasText: '2' }).waitFor();
        assert.equal(await boss.page.getByTestId('work-time-entry').count(), 1);
        assert.match(await boss.page.getByTestId('work-time-total').textContent(), viewport.width === 1024 ? /1\.5 h/ : /1,5 h/);
        await boss.page.getByTestId('work-completed').filter({ hasText: 'Mme Martin' }).waitFor();
        const image = boss.page.locator(`[data-testid="work-photo"][data-sha256="${sha256}"] img`);
        await image.waitFor({ timeout: 20_000 });
        await boss.page.waitForFunction(
          (sha) => {
            const img = document.querySelector(`[data-testid="work-photo"][data-sha256="${sha}"] img`);
            return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 64;
          },
          sha256,
        );
        await boss.page.screenshot({ path: artifact(`work-manager-sees-${size}.png`), fullPage: true });
        await assertAccessible(boss.page, 'the manager’s detail');
        // The manager's list of every work order: this one is among the finished ones.
        await boss.page.getByTestId('work-back').click();
        await boss.page.getByTestId('work-scope-all').click();
        await boss.page.getByTestId('work-finished-list').getByTestId('work-card').filter({ hasText: names.task }).waitFor();
        await boss.page.screenshot({ path: artifact(`work-manager-list-${size}.png`), fullPage: true });
        await assertAccessible(boss.page, 'the manager’s list');
        if (viewport.width === 800) {
          // A phone as well (not asserted beyond axe: looked at in the screenshots).
          await boss.page.setViewportSize({ width: 390, height: 844 });
          await boss.page.screenshot({ path: artifact('work-manager-list-390x844.png'), fullPage: true });
          await boss.page.getByTestId('work-card').filter({ hasText: names.task }).click();
          await boss.page.locator(`[data-testid="work-photo"][data-sha256="${sha256}"] img`).waitFor();
          await boss.page.screenshot({ path: artifact('work-detail-390x844.png'), fullPage: true });
          await assertAccessible(boss.page, 'the detail on a phone');
        }

        assert.deepEqual(tech.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
        assert.deepEqual(boss.problems, []);
      } finally {
        await tech.context.close();
        await boss.context.close();
      }
    });
  }

  test('a consultant reads a work order with no control the core would refuse', kTimeout, async () => {
    const tag = `c${Date.now() % 100000}`;
    const { ids, names } = await seedTechnicianWork(tag);
    const consultant = await ensureUser(`lecteur${tag}`, 'consultant');
    const { context, page, problems } = await openPage(shared.browser);
    try {
      await page.goto(`/#/work/${ids.task}`);
      await coreState(page, { user: consultant });
      await page.getByTestId('work-detail-title').filter({ hasText: names.task }).waitFor({ timeout: 30_000 });
      await page.getByTestId('work-check-item').first().waitFor();
      // What is there to read is shown; nothing to change is offered.
      for (const box of await page.getByTestId('work-check-box').all()) assert.ok(await box.isDisabled(), 'a checklist box is enabled');
      await page.getByTestId('work-notes-readonly').waitFor();
      for (const control of ['work-consume-form', 'work-time-form', 'work-photo-input', 'work-notes-input', 'work-meter-input', 'work-complete-form']) {
        assert.equal(await page.getByTestId(control).count(), 0, `${control} is offered to a consultant`);
      }
      assert.equal(await page.locator('[data-testid^="work-transition-"]').count(), 0, 'a status change is offered to a consultant');
      await page.getByTestId('work-meter-total').first().waitFor();
      await assertAccessible(page, 'the consultant’s detail');
      await page.screenshot({ path: artifact('work-consultant-detail-1024x768.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
