/**
 * The stock screens, end to end against the real server (BASE_URL), at 1024x768 and 800x1280:
 *
 * - create an item through the form; a second item with the same reference shows the core's
 *   duplicate-reference refusal under the reference field, and nothing is created;
 * - search as you type finds it; its detail opens; a receipt then an issue change on hand;
 * - the list with 2,000+ items (pushed to the server through its API, received by sync)
 *   scrolls to its last row, only the rows in view rendered;
 * - the page's core (window.__inventoCore, exposed when localStorage "invento.bench" is "1")
 *   makes a location and checks that the refused duplicate was not created;
 * - axe-core finds nothing serious or critical on the list, the detail and the form.
 *
 * Screenshots: tests/e2e/artifacts/stock-*.png.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { ensureUser } from './lib/accounts.mjs';
import { seedItemsOnServer } from './lib/stock_seed.mjs';

const kTimeout = { timeout: 300_000 };
const kBulk = 2000;
const shared = sharedBrowser();
const run = Date.now() % 1_000_000;

async function openStock(viewport) {
  const opened = await openPage(shared.browser, { viewport });
  await opened.page.addInitScript(() => localStorage.setItem('invento.bench', '1'));
  await opened.page.goto('/#/stock');
  await coreState(opened.page);
  await opened.page.getByTestId('stock-list-screen').waitFor();
  // The first sync done (the status bar settles), so nothing moves under a click.
  await opened.page.waitForFunction(() => (document.querySelector('[data-testid="sync-status"]')?.dataset.lastSuccess ?? '') !== '', undefined, {
    timeout: 120_000,
  });
  return opened;
}

function core(page, kind, name, args) {
  return page.evaluate(([kind, name, args]) => window.__inventoCore[kind](name, args), [kind, name, args]);
}

async function assertNoSeriousAxe(page, where) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `axe on ${where}`);
}

async function screenshot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifact(name), fullPage: true });
}

before(async () => {
  const started = Date.now();
  await seedItemsOnServer(`MASSE-${run}`, kBulk);
  console.log(`# ${kBulk} items pushed to the server in ${Date.now() - started} ms`);
});

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
]) {
  const size = `${viewport.width}x${viewport.height}`;
  describe(`stock at ${size}`, () => {
    test('create, duplicate reference refused inline, search, detail, receipt and issue, long list', kTimeout, async () => {
      const { page, context, problems } = await openStock(viewport);
      try {
        const reference = `E2E-${run}-${viewport.width}`;
        const warehouse = `Dépôt ${run} ${viewport.width}`;
        await core(page, 'mutate', 'location.create', { id: crypto.randomUUID(), kind: 'warehouse', name: warehouse });

        // A category with a required number attribute (made through the page's core).
        const category = `Visserie ${run} ${viewport.width}`;
        const categoryId = crypto.randomUUID();
        await core(page, 'mutate', 'category.create', { id: categoryId, name: category, parent_id: null });
        await core(page, 'mutate', 'attribute.create', { id: crypto.randomUUID(), category_id: categoryId, name: 'Diamètre', type: 'number', unit: 'mm', required: true });

        // Create through the form.
        await page.getByTestId('stock-new-item').click();
        await page.getByTestId('item-form').waitFor();
        await page.getByTestId('item-reference').fill(reference);
        await page.getByTestId('item-label').fill('Écrou M8 inox');
        await page.getByTestId('item-barcode').fill(`3700${run}${viewport.width}`);
        await page.getByTestId('item-price').fill('12,50');
        await assertNoSeriousAxe(page, `form ${size}`);
        await screenshot(page, `stock-form-${size}.png`);
        await page.getByTestId('item-submit').click();
        await page.getByTestId('stock-detail').waitFor();
        assert.equal(await page.getByTestId('detail-reference').textContent(), reference);
        assert.match(await page.getByTestId('detail-price').textContent(), /12,50/);

        // The same reference again (other case): refused under the reference field.
        await page.goto('/#/stock/new');
        await page.getByTestId('item-form').waitFor();
        await page.getByTestId('item-reference').fill(reference.toLowerCase());
        await page.getByTestId('item-label').fill('Doublon');
        await page.getByTestId('item-submit').click();
        await page.getByTestId('item-reference-error').filter({ hasText: 'Cette référence est déjà utilisée par un autre article.' }).waitFor();
        assert.equal(await page.getByTestId('item-reference').getAttribute('aria-invalid'), 'true');
        assert.match(page.url(), /#\/stock\/new$/);
        const found = await core(page, 'query', 'item.search', { q: reference });
        assert.equal(found.total, 1, 'the duplicate was not created');
        await assertNoSeriousAxe(page, `form with error ${size}`);
        await screenshot(page, `stock-form-error-${size}.png`);

        // Another reference in the category: its required attribute, left empty, is refused
        // under that attribute; filled in, the item is created with it.
        await page.getByTestId('item-reference').fill(`ATT-${run}-${viewport.width}`);
        await page.getByTestId('item-category').selectOption({ label: category });
        const diameter = page.locator('[data-testid="item-attribute"][data-name="Diamètre"]');
        await diameter.waitFor();
        await page.getByTestId('item-submit').click();
        await page.getByTestId('item-attribute-error').filter({ hasText: 'Renseignez « Diamètre »' }).waitFor();
        assert.equal(await diameter.getAttribute('aria-invalid'), 'true');
        assert.equal(await page.getByTestId('item-reference-error').textContent(), '');
        await screenshot(page, `stock-form-attribute-${size}.png`);
        await diameter.fill('8');
        await page.getByTestId('item-submit').click();
        await page.getByTestId('stock-detail').waitFor();
        await page.getByTestId('detail-attribute').filter({ hasText: '8 mm' }).waitFor();

        // Edit: the label changes.
        await page.getByTestId('detail-edit').click();
        await page.getByTestId('item-label').fill('Vis à tête hexagonale');
        await page.getByTestId('item-submit').click();
        await page.getByTestId('stock-detail').filter({ hasText: 'Vis à tête hexagonale' }).waitFor();
        await page.goto('/#/stock/new');
        await page.getByTestId('item-form').waitFor();

        // Search as you type.
        await page.getByTestId('item-form-back').click();
        await page.getByTestId('stock-list-screen').waitFor();
        await page.getByTestId('stock-search').pressSequentially(reference.slice(0, 12), { delay: 30 });
        const row = page.getByTestId('stock-row-link').filter({ hasText: reference });
        await row.waitFor();
        await assertNoSeriousAxe(page, `list ${size}`);
        await page.screenshot({ path: artifact(`stock-list-${size}.png`) });

        // Detail, receipt of 5 then issue of 2.
        await row.click();
        await page.getByTestId('stock-detail').waitFor();
        await page.getByTestId('detail-receipt').click();
        await page.getByTestId('movement-to').selectOption({ label: warehouse });
        await page.getByTestId('movement-plus').click();
        assert.equal(await page.getByTestId('movement-qty').inputValue(), '2');
        await page.getByTestId('movement-qty').fill('5');
        await page.getByTestId('movement-submit').click();
        await page.getByTestId('detail-notice').filter({ hasText: 'Entrée enregistrée.' }).waitFor();
        await page.getByTestId('detail-onhand-total').filter({ hasText: /^5 pièce\(s\)$/ }).waitFor();

        await page.getByTestId('detail-issue').click();
        // A quantity the core refuses, shown under the quantity.
        await page.getByTestId('movement-from').selectOption({ label: warehouse });
        await page.getByTestId('movement-qty').fill('0');
        await page.getByTestId('movement-submit').click();
        await page.getByTestId('movement-qty-error').filter({ hasText: 'supérieure à zéro' }).waitFor();
        await screenshot(page, `stock-move-${size}.png`);
        await page.getByTestId('movement-qty').fill('2');
        await page.getByTestId('movement-submit').click();
        await page.getByTestId('detail-notice').filter({ hasText: 'Sortie enregistrée.' }).waitFor();
        await page.getByTestId('detail-onhand-total').filter({ hasText: /^3 pièce\(s\)$/ }).waitFor();
        assert.equal(await page.getByTestId('detail-movement').count(), 2);
        await assertNoSeriousAxe(page, `detail ${size}`);
        await screenshot(page, `stock-detail-${size}.png`);
        // Printed, the page is the label alone: QR code, reference and label.
        await page.emulateMedia({ media: 'print' });
        const printed = page.locator('.print-label-root [data-testid="qr-label"]');
        assert.ok(await printed.isVisible(), 'the label prints');
        assert.match(await printed.textContent(), new RegExp(reference));
        assert.ok(!(await page.getByTestId('stock-detail').isVisible()), 'nothing else prints');
        await page.screenshot({ path: artifact(`stock-label-print-${size}.png`) });
        await page.emulateMedia({ media: 'screen' });

        // Filters the core offers outside item.search: a location (stock.onhand) and under
        // minimum (dashboard.items_under_min).
        const itemId = (await core(page, 'query', 'item.search', { q: reference })).items[0].id;
        await core(page, 'mutate', 'item.update', { id: itemId, min_qty: '10' });
        await page.goto('/#/stock');
        await page.getByTestId('stock-filter-location').selectOption({ label: warehouse });
        await page.getByTestId('stock-row-link').filter({ hasText: reference }).filter({ hasText: '3 pièce(s)' }).waitFor();
        assert.equal(await page.getByTestId('stock-row-link').count(), 1);
        // A global minimum belongs to no location: under minimum over every location.
        await page.getByTestId('stock-filter-location').selectOption({ index: 0 });
        await page.getByTestId('stock-filter-under-min').check();
        await page.getByTestId('stock-row-link').filter({ hasText: reference }).filter({ hasText: '3 / min. 10' }).waitFor();
        await page.getByTestId('stock-filter-under-min').uncheck();

        // A long list (the items pushed to the server before the tests, received by sync):
        // scroll to the last row.
        await page.getByTestId('stock-search').fill(`MASSE-${run}`);
        const summary = page.getByTestId('stock-list-summary');
        // Ranked search stops at a window: the list says so; a blank query lists everything.
        await page.waitForFunction(() => document.querySelector('[data-testid="stock-list-summary"]')?.textContent?.includes('précisez'), undefined, { timeout: 60_000 });
        await page.getByTestId('stock-search').fill('');
        await page.waitForFunction((n) => Number(document.querySelector('[data-testid="stock-list-summary"]')?.getAttribute('data-count')) >= n, kBulk, { timeout: 120_000 });
        const count = Number(await summary.getAttribute('data-count'));
        const list = page.getByTestId('stock-list');
        for (let step = 1; step <= 4; step++) {
          await list.evaluate((element, fraction) => (element.scrollTop = element.scrollHeight * fraction), step / 4);
          await page.waitForTimeout(150);
        }
        await page.locator(`[data-testid="stock-row"][data-index="${count - 1}"] [data-testid="stock-row-link"]`).waitFor();
        const rendered = await page.getByTestId('stock-row').count();
        assert.ok(rendered > 5 && rendered < 80, `only the rows in view are rendered (${rendered})`);
        await page.screenshot({ path: artifact(`stock-list-end-${size}.png`) });
        assert.deepEqual(problems, []);
      } catch (error) {
        await page.screenshot({ path: artifact(`stock-failure-${size}.png`), fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    });
  });
}

describe('stock for a technician', () => {
  test('no creation or edit offered; receipts and issues are', kTimeout, async () => {
    const technician = await ensureUser(`technicien${run}`, 'technician');
    const { page, context, problems } = await openPage(shared.browser, { viewport: { width: 800, height: 1280 } });
    try {
      await page.goto('/#/stock');
      await coreState(page, { user: technician });
      await page.getByTestId('stock-list-screen').waitFor();
      await page.getByTestId('stock-search').fill(`E2E-${run}-1024`);
      await page.getByTestId('stock-row-link').first().click();
      await page.getByTestId('stock-detail').waitFor();
      await page.getByTestId('detail-receipt').waitFor();
      assert.equal(await page.getByTestId('detail-issue').count(), 1);
      assert.equal(await page.getByTestId('detail-edit').count(), 0, 'no edit for a technician');
      await page.goto('/#/stock');
      await page.getByTestId('stock-list-screen').waitFor();
      assert.equal(await page.getByTestId('stock-new-item').count(), 0, 'no creation for a technician');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
