/**
 * Counting mode (stocktake), end to end against the real server (BASE_URL), at 1024x768 and
 * 800x1280:
 *
 * - a warehouse with five items is seeded through the server API; the admin chooses it and,
 *   with the network cut (context.setOffline), opens a count and counts with typed barcodes
 *   (Enter records), the -/+ buttons, the number pad, "undo last line", a search by name, an
 *   unknown barcode turned into a new item, and ONE barcode picture fed to the photo input
 *   (headless Chromium on Linux has no BarcodeDetector: the ZXing path must decode it);
 * - the variance review shows counted/expected/variance per item and the item never
 *   counted; the count is closed with a confirmation; a reload (still offline) shows it
 *   closed, with the same variances;
 * - a technician in a blind count sees no expected quantity nor variance (nor, while it is
 *   open, the item's book quantity at that location on the stock screens), and may neither
 *   open nor close a count; a burst of two scans (a fast hardware scanner) both count;
 * - axe-core finds nothing serious on the choose, counting and review screens;
 * - the ZXing library is not part of the first load (a separate chunk fetched on demand).
 *
 * Screenshots: tests/e2e/artifacts/count-*.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { artifact, coreState, kBaseUrl, openPage, serviceWorkerActivated, sharedBrowser, waitForSync } from './lib/browser.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { ensureUser } from './lib/accounts.mjs';
import { randomUUID } from 'node:crypto';
import { assignTechnician, ean13Png, openCountAsAdmin, seedCountScenario } from './lib/count_seed.mjs';
import { pushAsAdmin } from './lib/server_api.mjs';

const kTimeout = { timeout: 180_000 };
const shared = sharedBrowser();

async function noSeriousAxe(page, where) {
  assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${where}`);
}

/** A full-page screenshot from the top (the app's frame stays at the top of the window). */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifact(name), fullPage: true });
}

/** Types a code in the big field and presses Enter (what a hardware scanner does). */
async function scan(page, code) {
  const field = page.getByTestId('count-code');
  await field.fill(code);
  await field.press('Enter');
}

async function feedback(page, pattern) {
  const line = page.getByTestId('count-feedback');
  await line.filter({ hasText: pattern }).waitFor({ timeout: 10_000 });
  return line.textContent();
}

function line(page, reference) {
  return page.locator(`[data-testid="count-line"][data-item="${reference}"]`);
}

async function fullCount(viewport) {
  const size = `${viewport.width}x${viewport.height}`;
  const tag = String(Date.now() % 1_000_000).padStart(6, '0');
  const { location, items } = await seedCountScenario(tag);
  const { context, page, problems } = await openPage(shared.browser, { viewport, serviceWorkers: 'allow' });
  const assets = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/assets/')) assets.push(request.url());
  });
  try {
    await page.goto('/#/count');
    await coreState(page);
    await serviceWorkerActivated(page);
    await waitForSync(page, (s) => s.lastSuccess !== '', 'first sync');

    // Choose: the seeded warehouse (pulled from the server), no count open there yet.
    const select = page.getByTestId('count-location');
    await select.locator('option', { hasText: location.name }).waitFor({ state: 'attached', timeout: 20_000 });
    await select.selectOption({ label: location.name });
    await page.getByTestId('count-open-form').waitFor();

    // From here on, no network at all.
    await context.setOffline(true);
    await waitForSync(page, (s) => s.state === 'offline', 'offline');
    await page.getByTestId('count-sessions').filter({ hasText: 'Aucun comptage en cours ici.' }).waitFor();
    await page.getByTestId('count-open-name').fill(`Inventaire ${tag}`);
    await shot(page, `count-choose-${size}.png`);
    await noSeriousAxe(page, 'choose');
    await page.getByTestId('count-open-submit').click();

    // Counting: the code field has the focus, as a hardware scanner needs.
    await page.getByTestId('count-counting').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'count-code');
    assert.equal(await page.getByTestId('count-qty-input').inputValue(), '1');

    // A: typed barcode + Enter, quantity 1.
    await scan(page, items.A.barcode);
    assert.match(await feedback(page, items.A.reference), /total compté : 1 \(attendu 5\)/);
    // The focus stays in the code field for the next scan.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'count-code');

    // B: + twice -> 3.
    await page.getByTestId('count-qty-plus').click();
    await page.getByTestId('count-qty-plus').click();
    assert.equal(await page.getByTestId('count-qty-input').inputValue(), '3');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'count-code');
    await scan(page, items.B.barcode);
    assert.match(await feedback(page, items.B.reference), /total compté : 3 \(attendu 3\)/);
    assert.equal(await page.getByTestId('count-qty-input').inputValue(), '1', 'the quantity goes back to 1');

    // A again with the number pad: 1, 2 -> "12", then - -> 11: A totals 12 ...
    await page.getByTestId('count-pad-1').click();
    await page.getByTestId('count-pad-2').click();
    await page.getByTestId('count-qty-minus').click();
    assert.equal(await page.getByTestId('count-qty-input').inputValue(), '11');
    await scan(page, items.A.barcode);
    assert.match(await feedback(page, items.A.reference), /total compté : 12/);
    await line(page, items.A.reference).getByTestId('count-line-counted').filter({ hasText: '12' }).waitFor();
    // ... until "undo last line" (which names the item it takes back) takes that line back.
    assert.match(await page.getByTestId('count-undo').textContent(), new RegExp(`Annuler la dernière ligne : ${items.A.reference}`));
    await page.getByTestId('count-undo').click();
    await feedback(page, 'Dernière ligne annulée.');
    await line(page, items.A.reference).getByTestId('count-line-counted').filter({ hasText: /^Compté1$/ }).waitFor();

    // D by name (no barcode at hand), quantity 4.
    await page.getByTestId('count-find').click();
    await page.getByTestId('count-finder-input').fill(`courroie ${tag}`);
    await page.getByTestId('count-finder-results').getByTestId('count-finder-pick').first().waitFor();
    assert.equal(await page.getByTestId('count-finder-results').getByTestId('count-finder-pick').count(), 1);
    await page.getByTestId('count-pad-4').click();
    await page.getByTestId('count-finder-pick').click();
    assert.match(await feedback(page, items.D.reference), /total compté : 4 \(attendu 4\)/);

    // An unknown barcode: the panel offers to find or create the item; create it, counted 1.
    const unknown = `99${tag}77701`;
    await scan(page, unknown);
    await page.getByTestId('count-unknown').filter({ hasText: unknown }).waitFor();
    await shot(page, `count-unknown-${size}.png`);
    await page.getByTestId('count-unknown-create').click();
    assert.equal(await page.getByTestId('count-create-barcode').inputValue(), unknown);
    await page.getByTestId('count-create-reference').fill(items.A.reference); // taken: the core says so
    await page.getByTestId('count-create-label').fill(`Vanne 1/4 tour ${tag}`);
    await page.getByTestId('count-create-submit').click();
    await page.getByTestId('count-create-reference-error').filter({ hasText: 'Un autre article a déjà cette référence.' }).waitFor();
    await page.getByTestId('count-create-reference').fill(`CNT-${tag}-NEW`);
    await page.getByTestId('count-create-submit').click();
    assert.match(await feedback(page, `CNT-${tag}-NEW`), /total compté : 1 \(attendu 0\)/);

    // C from a PICTURE of its barcode: no BarcodeDetector here, so ZXing (loaded now) reads it.
    assert.equal(await page.evaluate(() => 'BarcodeDetector' in window), false);
    const before = assets.length;
    await page.getByTestId('count-photo-input').setInputFiles({ name: 'etiquette.png', mimeType: 'image/png', buffer: await ean13Png(items.C.barcode) });
    assert.match(await feedback(page, items.C.reference), /total compté : 1 \(attendu 2\)/);
    assert.equal(await page.getByTestId('count-counting').getAttribute('data-engine'), 'zxing');
    assert.ok(assets.slice(before).some((url) => url.endsWith('.js')), 'the decoder was fetched when the photo was read');

    // The camera: none in headless Chromium, so a plain message, and typing still works.
    await page.getByTestId('count-scan').click();
    await page.locator('[data-testid="count-camera"][data-state="failed"]').waitFor();
    assert.match(await page.getByTestId('count-camera-status').textContent(), /caméra/);
    await page.getByTestId('count-camera-close').click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'count-code');

    // The running list, newest first: C, NEW, D, B, A.
    const order = await page.getByTestId('count-line').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item')));
    assert.deepEqual(order, [items.C.reference, `CNT-${tag}-NEW`, items.D.reference, items.B.reference, items.A.reference]);
    await line(page, items.A.reference).getByTestId('count-line-variance').filter({ hasText: '−4' }).waitFor();
    await shot(page, `count-counting-${size}.png`);
    await noSeriousAxe(page, 'counting');

    // Review: variances per item, the item never counted, the total value; then close.
    // The review is also one click from the list of counts.
    await page.getByTestId('count-back').click();
    await page.getByTestId('count-session-review').first().waitFor();
    await page.getByTestId('count-session-review').first().click();
    await page.getByTestId('count-review').waitFor();
    // Closing is in view without scrolling past the lines.
    const closeBox = await page.getByTestId('count-close-start').boundingBox();
    assert.ok(closeBox && closeBox.y + closeBox.height <= viewport.height, `close button at ${JSON.stringify(closeBox)}`);
    const variance = async (reference) =>
      (await page.locator(`[data-testid="count-review-line"][data-item="${reference}"]`).getByTestId('count-review-variance').textContent()).trim();
    assert.equal(await variance(items.A.reference), '−4');
    assert.equal(await variance(items.B.reference), '0');
    assert.equal(await variance(items.C.reference), '−1');
    assert.equal(await variance(`CNT-${tag}-NEW`), '+1');
    await page.getByTestId('count-uncounted').filter({ hasText: items.E.reference }).waitFor();
    // A -4 x 2.50, C -1 x 1.20: -11.20 EUR.
    assert.match((await page.getByTestId('count-review-total').textContent()).replace(/\s/g, ' '), /-11,20/);
    await shot(page, `count-review-${size}.png`);
    await noSeriousAxe(page, 'review');
    await page.getByTestId('count-close-start').click();
    await page.getByTestId('count-close-confirm').waitFor();
    await shot(page, `count-review-confirm-${size}.png`);
    await page.getByTestId('count-close-confirm').click();
    await page.getByTestId('count-review-notice').filter({ hasText: 'Comptage clôturé : 5 quantité(s)' }).waitFor();
    assert.equal(await page.getByTestId('count-review').getAttribute('data-status'), 'closed');
    await waitForSync(page, (s) => s.state === 'offline' && Number(s.pending) > 0, 'changes wait offline');

    // Reload, still offline: the closed count is there, read-only.
    const reloaded = await page.reload();
    assert.equal(reloaded.fromServiceWorker(), true);
    await coreState(page);
    await page.goto('/#/count');
    await page.getByTestId('count-closed-session').filter({ hasText: `Inventaire ${tag}` }).waitFor({ timeout: 20_000 });
    await page.getByTestId('count-closed-session').filter({ hasText: `Inventaire ${tag}` }).getByRole('link').click();
    await page.getByTestId('count-review-status').filter({ hasText: 'Clôturé' }).waitFor();
    assert.equal(await page.getByTestId('count-close').count(), 0);
    // The closed count keeps the variances it found (expected = the stock before the count).
    assert.equal(await variance(items.A.reference), '−4');
    assert.match((await page.getByTestId('count-review-total').textContent()).replace(/\s/g, ' '), /-11,20/);
    await shot(page, `count-closed-offline-${size}.png`);

    // Back online: everything reaches the server.
    await context.setOffline(false);
    await waitForSync(page, (s) => s.pending === '0' && s.state === 'online', 'pushed', 30_000);
    assert.deepEqual(
      problems.filter((problem) => !problem.includes('ERR_INTERNET_DISCONNECTED')),
      [],
    );
  } catch (error) {
    await page.screenshot({ path: artifact(`count-failure-${size}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

describe('counting mode', () => {
  test('a full count offline at 1024x768', kTimeout, () => fullCount({ width: 1024, height: 768 }));
  test('a full count offline at 800x1280', kTimeout, () => fullCount({ width: 800, height: 1280 }));

  test('a technician counts blind: no expected quantity, no variance, no opening or closing', kTimeout, async () => {
    const tag = String((Date.now() + 500_000) % 1_000_000).padStart(6, '0');
    const { location, items } = await seedCountScenario(tag);
    const name = `Aveugle ${tag}`;
    await openCountAsAdmin(location.id, name);
    const technician = await ensureUser(`compteur${tag}`, 'technician');
    await assignTechnician(technician, location.id, tag);
    const { context, page, problems } = await openPage(shared.browser, { viewport: { width: 800, height: 1280 }, locale: 'en-GB' });
    try {
      await page.goto('/#/count');
      await coreState(page, { user: technician });
      const select = page.getByTestId('count-location');
      await select.locator('option', { hasText: location.name }).waitFor({ state: 'attached', timeout: 20_000 });
      await select.selectOption({ label: location.name });
      await page.getByTestId('count-sessions').filter({ hasText: name }).waitFor();
      assert.equal(await page.getByTestId('count-open-form').count(), 0, 'a technician cannot open a count');
      await page.getByTestId('count-session-continue').click();
      await page.getByTestId('count-counting').waitFor();
      assert.equal(await page.getByTestId('count-counting').getAttribute('data-blind'), 'yes');
      await scan(page, items.B.barcode);
      const said = await feedback(page, items.B.reference);
      assert.match(said, /counted total: 1$/);
      assert.doesNotMatch(said, /expected/i);
      await line(page, items.B.reference).waitFor();
      // A hardware scanner is fast: two codes (each with its Enter) typed in a burst both count.
      await page.getByTestId('count-code').focus();
      await page.keyboard.type(`${items.E.barcode}\n${items.E.barcode}\n`);
      await line(page, items.E.reference).getByTestId('count-line-counted').filter({ hasText: /2$/ }).waitFor();
      assert.equal(await page.getByTestId('count-code').inputValue(), '');
      assert.equal(await page.getByTestId('count-line-expected').count(), 0);
      assert.equal(await page.getByTestId('count-line-variance').count(), 0);
      await shot(page, 'count-technician-blind-800x1280.png');
      await noSeriousAxe(page, 'blind counting (technician)');
      await page.getByTestId('count-to-review').click();
      await page.getByTestId('count-review-hidden').waitFor();
      assert.equal(await page.getByTestId('count-review-variance').count(), 0);
      assert.equal(await page.getByTestId('count-close').count(), 0, 'a technician cannot close a count');
      await shot(page, 'count-technician-review-800x1280.png');
      // While the count is open, the stock screens do not show the book quantity there either.
      await page.goto(`/#/stock/item/${items.A.id}`);
      await page.getByTestId('detail-onhand-hidden').waitFor();
      assert.equal(await page.getByTestId('detail-onhand-total').count(), 0, 'no total that would look complete');
      assert.doesNotMatch(await page.getByTestId('detail-onhand').textContent(), /\b5\b/);
      await page.getByTestId('detail-movement-hidden').first().waitFor();
      assert.doesNotMatch(await page.locator('.app-screen').textContent(), /\+\s*5\b/, 'nor the receipt that adds up to it');
      await shot(page, 'count-technician-stock-hidden-800x1280.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a count of a warehouse counts its bins, place by place, and closes each to its place', kTimeout, async () => {
    const tag = String((Date.now() + 250_000) % 1_000_000).padStart(6, '0');
    const { location, items } = await seedCountScenario(tag);
    const bin = { id: randomUUID(), name: `Casier ${tag}` };
    await pushAsAdmin([
      ['location.create', { id: bin.id, kind: 'bin', name: bin.name, parent_id: location.id }],
      ['stock.receipt', { id: randomUUID(), item_id: items.A.id, location_id: bin.id, qty: '6' }],
    ]);
    const id = await openCountAsAdmin(location.id, `Entrepôt et casiers ${tag}`, { blind: false });
    const { context, page, problems } = await openPage(shared.browser, { viewport: { width: 1024, height: 768 } });
    try {
      await page.goto(`/#/count/${id}`);
      await coreState(page);
      const place = page.getByTestId('count-place');
      await place.locator('option', { hasText: bin.name }).waitFor({ state: 'attached', timeout: 20_000 });
      assert.deepEqual((await place.locator('option').allTextContents()).map((o) => o.trim()), [location.name, bin.name]);
      // One A in the bin (6 expected there), one at the warehouse itself (5 expected).
      await place.selectOption({ label: bin.name });
      await scan(page, items.A.barcode);
      await page.locator(`[data-testid="count-line"][data-place="${bin.id}"]`).waitFor();
      assert.equal((await page.locator(`[data-testid="count-line"][data-place="${bin.id}"] [data-testid="count-line-place"]`).textContent()).trim(), bin.name);
      await place.selectOption({ label: location.name });
      await scan(page, items.A.barcode);
      await page.locator(`[data-testid="count-line"][data-place="${location.id}"][data-item="${items.A.reference}"]`).waitFor();
      await shot(page, 'count-warehouse-places-1024x768.png');
      await noSeriousAxe(page, 'counting with places');
      await page.getByTestId('count-to-review').click();
      const inBin = page.locator(`[data-testid="count-review-line"][data-place="${bin.id}"]`);
      await inBin.waitFor();
      assert.match((await inBin.getByTestId('count-review-variance').textContent()).trim(), /^[−-]\s*5$/, 'counted 1 of 6 in the bin');
      const atWarehouse = page.locator(`[data-testid="count-review-line"][data-place="${location.id}"][data-item="${items.A.reference}"]`);
      assert.match((await atWarehouse.getByTestId('count-review-variance').textContent()).trim(), /^[−-]\s*4$/, 'counted 1 of 5 at the warehouse');
      await shot(page, 'count-warehouse-review-1024x768.png');
      await page.getByTestId('count-close-start').click();
      await page.getByTestId('count-close-confirm').click();
      await page.getByTestId('count-review-status').filter({ hasText: /clôtur|closed/i }).waitFor({ timeout: 20_000 });
      // On the item's page: 1 in the bin, 1 at the warehouse (not 2 at the warehouse).
      await page.goto(`/#/stock/item/${items.A.id}`);
      const onhand = page.getByTestId('detail-onhand');
      await onhand.filter({ hasText: bin.name }).waitFor({ timeout: 20_000 });
      const rows = await page.getByTestId('detail-onhand-row').evaluateAll((items) =>
        items.map((li) => [li.querySelector('.list__name')?.textContent?.trim(), li.querySelector('.stock-qty')?.textContent?.trim()]));
      const qtyAt = (name) => rows.find(([where]) => where === name)?.[1] ?? '';
      assert.match(qtyAt(bin.name), /^1\b/, JSON.stringify(rows));
      assert.match(qtyAt(location.name), /^1\b/, JSON.stringify(rows));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the barcode library is not part of the first load', async () => {
    const html = await (await fetch(`${kBaseUrl}/`)).text();
    const first = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]);
    assert.ok(first.length > 0, 'no script in index.html');
    for (const path of first) {
      const source = await (await fetch(`${kBaseUrl}${path}`)).text();
      assert.ok(!source.includes('BrowserMultiFormatReader'), `${path} holds ZXing`);
    }
  });
});
