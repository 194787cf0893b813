/**
 * From an empty install to a working company, the places part (issue 15), using only the UI
 * for the administrator's steps:
 *
 * - the first-run admin (forced password change) creates a technician account (temporary
 *   password read from the dialog), the technician's employee record linked to it, a team, a
 *   location tree (a warehouse with a zone and a bin, a van, a client site), a supplier and an
 *   item with that supplier; renames and moves a location, archives the site and an old
 *   supplier, edits a supplier in its dialog, assigns the technician and the team to the van
 *   and unassigns the team, and exports the van's stock as a CSV file;
 * - bad input shows the core's clear error and changes nothing: a location name already used
 *   beside it, a move under its own child, a malformed supplier e-mail;
 * - the technician signs in on a second browser profile, changes the temporary password and
 *   is offered the van (location.mine) in Counting, not the warehouse;
 * - a consultant sees no editing control on the locations and suppliers screens; a manager
 *   edits but gets no archive control (the core refuses it to managers);
 * - axe-core clean on the tree, a location page, the suppliers and the supplier dialog in
 *   French and on both screens in English (one size each: the scans are the slow part); no
 *   sideways scroll and 44 px targets at 1024x768 and 800x1280.
 *
 * Screenshots: tests/e2e/artifacts/places-*.png at 1440x900, 1024x768 and 800x1280.
 * Run alone on a fresh server (tests/e2e/run-one.sh <dist> places.test.mjs): an empty database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, launchPersistent, openPage, sharedBrowser } from './lib/browser.mjs';
import { assertAccessible, checkScreen, kSizes, signInAsFirstAdmin, signInWithTemporaryPassword } from './lib/screen_checks.mjs';

const kTimeout = { timeout: 300_000 };
const shared = sharedBrowser();
const suffix = Date.now() % 100000;
const techUsername = `ines${suffix}`;
const techName = `Inès Robert ${suffix}`;
const teamName = `Équipe Sud ${suffix}`;
const warehouse = `Entrepôt central ${suffix}`;
const zone = `Zone A ${suffix}`;
const bin = `Casier A1 ${suffix}`;
const binRenamed = `Casier A-01 ${suffix}`;
const van = `Camionnette 12 ${suffix}`;
const site = `Chantier Gare ${suffix}`;
const supplier = `Rexel ${suffix}`;
const oldSupplier = `Ancien fournisseur ${suffix}`;
let techPassword = '';
let vanId = '';

const row = (page, name) => page.locator(`[data-testid="location-row"][data-name="${name}"]`);

/** Chooses, in a location picker, the option naming `name` (options are indented by depth). */
async function pickLocation(select, name) {
  const value = name === null ? '' : await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value);
}

async function createLocation(page, kind, name, code, parent) {
  await page.getByTestId('location-new-kind').selectOption(kind);
  await page.getByTestId('location-new-name').fill(name);
  await page.getByTestId('location-new-code').fill(code);
  await pickLocation(page.getByTestId('location-new-parent'), parent);
  await page.getByTestId('location-create').click();
  await row(page, name).waitFor();
}

async function openLocation(page, name) {
  await page.getByTestId('places-tab-locations').click();
  await row(page, name).getByRole('link').click();
  await page.locator(`[data-testid="location-detail"][data-name="${name}"]`).waitFor();
}

/** The screen's editing controls: what a read-only role must not see (the export is a read). */
function editControls(page) {
  return page.locator('.app-screen').locator('form, select, textarea, input:not([type=checkbox]), button:not([data-testid="location-export"])');
}

describe('locations and suppliers', () => {
  test('the admin sets up people, locations, a supplier and an item, all through the UI', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser, { viewport: kSizes[0].viewport });
    try {
      await page.goto('/#/locations');
      const fresh = await signInAsFirstAdmin(page);
      await page.getByTestId('locations-screen').waitFor();
      if (fresh) await page.getByTestId('locations-empty').waitFor();

      // The technician's account: the temporary password is shown once, in a dialog.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('user-new-username').fill(techUsername);
      await page.getByTestId('user-new-display_name').fill(techName);
      await page.getByTestId('user-new-role').selectOption('technician');
      await page.getByTestId('user-create').click();
      techPassword = (await page.getByTestId('user-secret-password').textContent()).trim();
      assert.ok(techPassword.length >= 20, `temporary password "${techPassword}"`);
      await page.keyboard.press('Escape');
      await page.getByTestId('user-secret').waitFor({ state: 'detached' });

      // Their employee record, linked to the account, and a team.
      await page.getByTestId('nav-people').click();
      await page.getByTestId('employee-new-name').fill(techName);
      await page.getByTestId('employee-create').click();
      await page.getByTestId('employee-detail').waitFor();
      await page.getByTestId('employee-user').locator('option', { hasText: techUsername }).waitFor({ state: 'attached' });
      await page.getByTestId('employee-user').selectOption({ label: `${techName} (${techUsername})` });
      await page.getByTestId('employee-save').click();
      await page.getByTestId('employee-identity').getByText('Enregistré.').waitFor();
      await page.getByTestId('people-tab-teams').click();
      await page.getByTestId('team-new-name').fill(teamName);
      await page.getByTestId('team-create').click();
      await page.locator(`[data-testid="team-card"][data-name="${teamName}"]`).waitFor();

      // The location tree.
      await page.getByTestId('nav-locations').click();
      await page.getByTestId('location-create-form').waitFor();
      await createLocation(page, 'warehouse', warehouse, `WH-${suffix}`, null);
      await createLocation(page, 'zone', zone, '', warehouse);
      await createLocation(page, 'bin', bin, `A1-${suffix}`, zone);
      await createLocation(page, 'vehicle', van, `VAN-${suffix}`, null);
      await createLocation(page, 'site', site, '', null);
      assert.deepEqual(
        await Promise.all([warehouse, zone, bin, van].map((name) => row(page, name).getAttribute('data-depth'))),
        ['0', '1', '2', '0'],
      );
      // A name already used beside it: the core's refusal under the name, nothing added.
      await page.getByTestId('location-new-kind').selectOption('zone');
      await page.getByTestId('location-new-name').fill(zone.toUpperCase());
      await pickLocation(page.getByTestId('location-new-parent'), warehouse);
      await page.getByTestId('location-create').click();
      await page.locator('#location-new-name-error').filter({ hasText: 'Un lieu porte déjà ce nom à cet endroit.' }).waitFor();
      assert.equal(await page.getByTestId('location-new-name').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('[data-testid="location-row"]').filter({ hasText: zone }).count(), 1);
      await checkScreen(page, 'places', 'locations', { axeAt: ['1024x768'] });

      // Moving the zone under its own bin: refused, the tree unchanged.
      await openLocation(page, zone);
      assert.match(await page.getByTestId('location-path').textContent(), new RegExp(`Zone · dans ${warehouse}`));
      await pickLocation(page.getByTestId('location-edit-parent'), bin);
      await page.getByTestId('location-save').click();
      await page.getByTestId('location-edit-parent-error').filter({ hasText: 'ne peut être placé ni sous lui-même' }).waitFor();
      await page.getByTestId('location-back').click();
      assert.equal(await row(page, zone).getAttribute('data-depth'), '1');
      assert.equal(await row(page, bin).getAttribute('data-depth'), '2');
      // Rename the bin and move it straight into the warehouse.
      await openLocation(page, bin);
      await page.getByTestId('location-edit-name').fill(binRenamed);
      await pickLocation(page.getByTestId('location-edit-parent'), warehouse);
      await page.getByTestId('location-save').click();
      await page.getByTestId('location-saved').filter({ hasText: 'Enregistré.' }).waitFor();
      await page.getByTestId('location-path').filter({ hasText: `dans ${warehouse}` }).waitFor();
      await page.locator(`[data-testid="location-detail"][data-name="${binRenamed}"]`).waitFor();
      // Archive the client site: gone from the tree, back with "show archived".
      await openLocation(page, site);
      await page.getByTestId('location-archive').click();
      await page.getByTestId('location-archive').filter({ hasText: 'Restaurer' }).waitFor();
      await page.getByTestId('location-back').click();
      await row(page, binRenamed).waitFor();
      assert.equal(await row(page, binRenamed).getAttribute('data-depth'), '1');
      assert.equal(await row(page, site).count(), 0);
      await page.getByTestId('locations-archived').check();
      await row(page, site).getByText('Archivé').waitFor();

      // The van: the technician and the team work with it; the team is then removed.
      await openLocation(page, van);
      vanId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());
      const who = page.getByTestId('location-assign-who');
      await who.locator('option', { hasText: techName }).waitFor({ state: 'attached' });
      await who.selectOption({ label: techName });
      await page.getByTestId('location-assign').click();
      await page.locator(`[data-testid="location-assignee"][data-name="${techName}"]`).waitFor();
      await who.selectOption({ label: teamName });
      await page.getByTestId('location-assign').click();
      const teamRow = page.locator(`[data-testid="location-assignee"][data-name="${teamName}"]`);
      await teamRow.waitFor();
      await teamRow.getByTestId('location-unassign').click();
      await teamRow.waitFor({ state: 'detached' });
      // The stock export: the core's CSV (French: ';'), saved as a file.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('location-export').click()]);
      assert.match(download.suggestedFilename(), /^stock_.*\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\uFEFF') && csv.split('\r\n')[0].includes(';'), `CSV: ${JSON.stringify(csv.slice(0, 80))}`);
      await page.getByTestId('location-export-done').filter({ hasText: download.suggestedFilename() }).waitFor();
      await checkScreen(page, 'places', 'location', { axeAt: ['800x1280'] });

      // Suppliers: a malformed e-mail is refused and nothing is added; then created and edited.
      await page.getByTestId('places-tab-suppliers').click();
      await page.getByTestId('suppliers-screen').waitFor();
      const suppliersBefore = await page.getByTestId('supplier-row').count();
      await page.getByTestId('supplier-new-name').fill(supplier);
      await page.getByTestId('supplier-new-contact').fill('Paul Girard');
      await page.getByTestId('supplier-new-email').fill('commandes-at-rexel');
      await page.getByTestId('supplier-new-submit').click();
      await page.getByTestId('supplier-new-email-error').filter({ hasText: 'Cette adresse e-mail n’est pas valide.' }).waitFor();
      assert.equal(await page.getByTestId('supplier-row').count(), suppliersBefore);
      await page.getByTestId('supplier-new-email').fill('commandes@rexel.example');
      await page.getByTestId('supplier-new-submit').click();
      const supplierRow = page.locator(`[data-testid="supplier-row"][data-name="${supplier}"]`);
      await supplierRow.waitFor();
      await page.getByTestId('supplier-new-name').fill(oldSupplier);
      await page.getByTestId('supplier-new-submit').click();
      const oldRow = page.locator(`[data-testid="supplier-row"][data-name="${oldSupplier}"]`);
      await oldRow.getByTestId('supplier-archive').click();
      await oldRow.waitFor({ state: 'detached' });
      await supplierRow.getByTestId('supplier-edit').click();
      await page.getByTestId('supplier-dialog').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'supplier-edit-name', 'focus moves into the dialog');
      await page.getByTestId('supplier-edit-phone').fill('01 23 45 67 89');
      await assertAccessible(page, 'supplier dialog');
      await page.screenshot({ path: artifact('places-supplier-dialog-1440x900.png') });
      await page.getByTestId('supplier-edit-submit').click();
      await page.getByTestId('supplier-dialog').waitFor({ state: 'detached' });
      // Focus goes back to the button that opened the dialog.
      await page.waitForFunction((name) => document.activeElement?.closest('[data-testid="supplier-row"]')?.getAttribute('data-name') === name &&
        document.activeElement?.getAttribute('data-testid') === 'supplier-edit', supplier, { timeout: 3000 });
      await supplierRow.getByTestId('supplier-details').filter({ hasText: '01 23 45 67 89' }).waitFor();
      await checkScreen(page, 'places', 'suppliers', { axeAt: ['1024x768'] });

      // An item with that supplier, on the Stock screen.
      await page.getByTestId('nav-stock').click();
      await page.getByTestId('stock-new-item').click();
      await page.getByTestId('item-reference').fill(`CAB-${suffix}`);
      await page.getByTestId('item-label').fill('Câble R2V 3G2,5');
      await page.locator('#item-supplier').selectOption({ label: supplier });
      await page.getByTestId('item-submit').click();
      await page.waitForFunction(() => location.hash.startsWith('#/stock/item/'));
      await page.getByText(supplier).first().waitFor();

      // English: both screens, axe-clean.
      await page.getByTestId('language-picker').selectOption('en');
      await page.getByTestId('nav-locations').click();
      await page.getByRole('heading', { name: 'Stock locations' }).waitFor();
      await checkScreen(page, 'places', 'locations-en', { sizes: [kSizes[1]] });
      await page.getByTestId('places-tab-suppliers').click();
      await page.getByRole('heading', { name: 'New supplier' }).waitFor();
      await checkScreen(page, 'places', 'suppliers-en', { sizes: [kSizes[2]] });
      await page.getByTestId('language-picker').selectOption('fr');

      // Everything reached the server (the technician's device reads it from there).
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.dataset.pending === '0', undefined, { timeout: 30_000 });
      assert.deepEqual(problems.filter((p) => fresh || !/\b401\b|Unauthorized/.test(p)), []);
    } finally {
      await context.close();
    }
  });

  test('the technician signs in on a second profile and is offered the van in Counting', kTimeout, async () => {
    assert.ok(techPassword !== '', 'the first test created the technician');
    const dir = mkdtempSync(join(tmpdir(), 'invento-places-'));
    const context = await launchPersistent(dir, { locale: 'fr-FR' });
    try {
      await context.route('**/sw.js', (route) => route.abort());
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize(kSizes[2].viewport);
      await page.goto('/#/count');
      await signInWithTemporaryPassword(page, techUsername, techPassword, `Ines-chosen-${suffix}`);
      const choice = page.getByTestId('count-location');
      await choice.locator('option', { hasText: van }).waitFor({ state: 'attached', timeout: 30_000 });
      assert.equal(await choice.locator('option', { hasText: warehouse }).count(), 0, 'only where they work');
      await pickLocation(choice, van);
      await page.getByTestId('count-sessions').waitFor();
      await page.screenshot({ path: artifact('places-technician-count-800x1280.png'), fullPage: true });
      // The locations screens are read only for them.
      await page.goto(`/#/locations/location/${vanId}`);
      await page.locator(`[data-testid="location-assignee"][data-name="${techName}"]`).waitFor();
      assert.equal(await editControls(page).count(), 0, 'a technician gets no editing control');
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a consultant sees no editing control; a manager edits but cannot archive', kTimeout, async () => {
    const [consultant, manager] = await Promise.all([ensureUser(`chloe${suffix}`, 'consultant'), ensureUser(`hugo${suffix}`, 'manager')]);
    // Both at once, each on its own page: they only read what the admin made.
    const check = async (who, user) => {
      const { context, page } = await openPage(shared.browser, { viewport: kSizes[1].viewport });
      try {
        await page.goto(`/#/locations/location/${vanId}`);
        await coreState(page, { user });
        await page.locator(`[data-testid="location-assignee"][data-name="${techName}"]`).waitFor({ timeout: 30_000 });
        assert.equal(await page.getByTestId('location-archive').count(), 0, `${who}: no archive control`);
        if (who === 'consultant') {
          await page.getByTestId('location-facts').waitFor();
          assert.equal(await editControls(page).count(), 0, 'location page: no editing control');
          await page.getByTestId('location-export').waitFor();
          await checkScreen(page, 'places', 'location-consultant', { sizes: [kSizes[2]] });
          await page.getByTestId('location-back').click();
          await row(page, van).waitFor();
          assert.equal(await editControls(page).count(), 0, 'tree: no editing control');
          await page.getByTestId('places-tab-suppliers').click();
          await page.locator(`[data-testid="supplier-row"][data-name="${supplier}"]`).waitFor();
          assert.equal(await editControls(page).count(), 0, 'suppliers: no editing control');
        } else {
          await page.getByTestId('location-edit-form').waitFor();
          await page.getByTestId('location-unassign').waitFor();
          await page.getByTestId('places-tab-suppliers').click();
          const supplierRow = page.locator(`[data-testid="supplier-row"][data-name="${supplier}"]`);
          await supplierRow.getByTestId('supplier-edit').waitFor();
          assert.equal(await page.getByTestId('supplier-archive').count(), 0, 'manager: no supplier archive');
          await page.getByTestId('supplier-create').waitFor();
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all([check('consultant', consultant), check('manager', manager)]);
  });
});
