/**
 * Assets and preventive maintenance at the desk (issue 16, points 2 and 3), through the UI:
 *
 * - the administrator builds a site › machine › component tree, adds a meter to the machine
 *   and records readings (the Chart.js chart is drawn: its canvas has painted pixels);
 * - bad input shows the core's error and changes nothing: a negative reading, a move of the
 *   machine under its own component;
 * - a meter-based plan (every 100 h from the current total), a reading past the threshold and
 *   "generate now" create a preventive work order, listed in the asset's work-order history;
 *   a calendar plan shows the next due date the core computes (pm.due);
 * - a small PDF manual is attached and listed; compliance figures on the plans screen;
 * - a consultant sees the asset page with no editing control;
 * - axe-core clean (French, and one English screen), no sideways scroll and 44 px targets at
 *   1024x768 and 800x1280. Screenshots: tests/e2e/artifacts/assets-*.png.
 * Runs on a shared server after other files: names carry a unique tag.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { checkScreen, inkedPixels, kSizes, signInAsFirstAdmin } from './lib/screen_checks.mjs';

const kTimeout = { timeout: 300_000 };
const shared = sharedBrowser();
const tag = Date.now() % 100000;
const site = `Usine Nord ${tag}`;
const machine = `Presse P1 ${tag}`;
const component = `Moteur M1 ${tag}`;
const meterPlan = `Vidange 100 h ${tag}`;
const calendarPlan = `Graissage mensuel ${tag}`;
let machineId = '';

const row = (page, name) => page.locator(`[data-testid="asset-row"][data-name="${name}"]`);

/** A minimal valid one-page PDF, with a correct cross-reference table. */
function minimalPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function createAsset(page, kind, name, parent) {
  await page.getByTestId('asset-new-kind').selectOption(kind);
  await page.getByTestId('asset-new-name').fill(name);
  if (parent !== null) {
    const select = page.getByTestId('asset-new-parent');
    await select.selectOption(await select.locator('option', { hasText: parent }).getAttribute('value'));
  }
  await page.getByTestId('asset-create').click();
  await row(page, name).waitFor();
}

async function record(page, value) {
  const panel = page.locator('[data-testid="meter-panel"]').first();
  await panel.locator('input[name="value"]').fill(value);
  await panel.getByTestId('meter-record').click();
}

/** The screen's editing controls: what a read-only role must not see (opening a file is a read). */
function editControls(page) {
  return page.locator('.app-screen').locator('form, select, textarea, input:not([type=checkbox]), button:not([data-testid="asset-file-open"])');
}

describe('assets and preventive plans', () => {
  test('the admin builds a tree, meters, plans and documents through the UI', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser, { viewport: kSizes[0].viewport });
    try {
      await page.goto('/#/assets');
      const fresh = await signInAsFirstAdmin(page);
      await page.getByTestId('asset-create-form').waitFor();

      await createAsset(page, 'site', site, null);
      await createAsset(page, 'machine', machine, site);
      await createAsset(page, 'component', component, machine);
      assert.equal(await row(page, component).getAttribute('data-depth'), '2', 'the component sits under the machine under the site');
      await checkScreen(page, 'assets', 'tree', { sizes: [kSizes[1], kSizes[2]], axeAt: ['1024x768'] });

      await row(page, machine).getByRole('link').click();
      const detail = page.locator(`[data-testid="asset-detail"][data-name="${machine}"]`);
      await detail.waitFor();
      machineId = await detail.getAttribute('data-id');
      await page.locator(`[data-testid="asset-child"][data-name="${component}"]`).waitFor();

      // A meter and two readings: the chart is drawn.
      await page.getByTestId('meter-new-name').fill('Heures de marche');
      await page.getByTestId('meter-new-unit').fill('h');
      await page.getByTestId('meter-create').click();
      await page.getByTestId('meter-panel').waitFor();
      await record(page, '100');
      await page.getByTestId('meter-reading').first().waitFor();
      await record(page, '150');
      await page.getByTestId('meter-total').filter({ hasText: '150' }).waitFor();
      await page.locator('[data-testid="meter-chart"][data-drawn="yes"][data-points="2"]').waitFor();
      const painted = await inkedPixels(page.getByTestId('meter-chart'));
      assert.ok(painted > 500, `the chart canvas is drawn (${painted} painted pixels)`);

      // A negative reading: the core's error, nothing recorded.
      await record(page, '-5');
      const valueError = page.locator('[data-testid="meter-panel"] .field__error').first();
      await valueError.filter({ hasText: 'négatif' }).waitFor();
      assert.equal(await page.getByTestId('meter-reading').count(), 2, 'no reading added');
      await page.getByTestId('meter-total').filter({ hasText: '150' }).waitFor();

      // A move under its own component: refused, the machine stays under the site.
      const parent = page.getByTestId('asset-edit-parent');
      await parent.selectOption(await parent.locator('option', { hasText: component }).getAttribute('value'));
      await page.getByTestId('asset-save').click();
      await page.getByTestId('asset-edit-parent-error').filter({ hasText: 'ni sous lui-même' }).waitFor();
      assert.match(await page.getByTestId('asset-path').textContent(), new RegExp(site));

      // A meter plan every 100 h from the current 150 h; a reading at 260 h makes its work order.
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-new-title').fill(meterPlan);
      await page.getByTestId('plan-new-trigger').selectOption('meter');
      await page.getByTestId('plan-new-meter_interval').fill('100');
      // The editor previews the thresholds the core will use: 250, 350, 450… from 150 h now.
      await page.locator('[data-testid="plan-preview-item"][data-due="250"]').waitFor();
      assert.deepEqual(await page.getByTestId('plan-preview-item').evaluateAll((items) => items.slice(0, 3).map((i) => i.dataset.due)), ['250', '350', '450']);
      await page.getByTestId('plan-new-checklist').fill('Vidanger\nChanger le filtre');
      await page.getByTestId('plan-save').click();
      const meterRow = page.locator(`[data-testid="plan-row"][data-title="${meterPlan}"]`);
      await meterRow.getByTestId('plan-next').filter({ hasText: '250' }).waitFor();
      await record(page, '260');
      await page.getByTestId('meter-total').filter({ hasText: '260' }).waitFor();
      await page.getByTestId('meter-generated').waitFor();
      assert.equal(await page.getByTestId('meter-generated-task').count(), 1, 'the reading created one work order');
      // "Generate now" finds it already made: nothing more.
      await meterRow.getByTestId('plan-generate').click();
      await meterRow.getByTestId('plan-generated').waitFor();
      assert.equal(await meterRow.getByTestId('plan-generated-task').count(), 0);
      await page.locator(`[data-testid="asset-work-order"][data-title="${meterPlan}"]`).waitFor();

      // A calendar plan: monthly from a first due date; its next due date comes from the core.
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-new-title').fill(calendarPlan);
      await page.getByTestId('plan-new-interval_n').fill('1');
      await page.getByTestId('plan-new-interval_unit').selectOption('month');
      await page.getByTestId('plan-new-start_date').fill('2030-01-31');
      // Monthly from 31 January: the month ends do not drift (the core's arithmetic).
      await page.locator('[data-testid="plan-preview-item"][data-due="2030-04-30"]').waitFor();
      assert.deepEqual(await page.getByTestId('plan-preview-item').evaluateAll((items) => items.map((i) => i.dataset.due)),
        ['2030-01-31', '2030-02-28', '2030-03-31', '2030-04-30', '2030-05-31']);
      await page.getByTestId('plan-save').click();
      const calendarRow = page.locator(`[data-testid="plan-row"][data-title="${calendarPlan}"]`);
      await calendarRow.getByTestId('plan-next').filter({ hasText: '2030' }).waitFor();
      await calendarRow.getByTestId('plan-active').click();
      await page.locator(`[data-testid="plan-row"][data-title="${calendarPlan}"][data-active="no"]`).waitFor();
      await calendarRow.getByTestId('plan-active').click();
      await page.locator(`[data-testid="plan-row"][data-title="${calendarPlan}"][data-active="yes"]`).waitFor();

      // A PDF manual.
      await page.getByTestId('asset-file-input').setInputFiles({ name: `notice-${tag}.pdf`, mimeType: 'application/pdf', buffer: minimalPdf() });
      await page.locator(`[data-testid="asset-file"][data-name="notice-${tag}.pdf"]`).waitFor();

      // Status: down, then running again: a down period in the history.
      await page.getByTestId('asset-status-new').selectOption('down');
      await page.getByTestId('asset-status-submit').click();
      await page.getByTestId('asset-status').filter({ hasText: 'À l’arrêt' }).waitFor();
      await page.getByTestId('asset-status-new').selectOption('running');
      await page.getByTestId('asset-status-submit').click();
      await page.getByTestId('asset-status').filter({ hasText: 'En marche' }).waitFor();
      await page.locator('[data-testid="asset-downtime"] li').first().waitFor();
      await page.locator('[data-testid="asset-kpi"] dd').first().waitFor();

      await checkScreen(page, 'assets', 'asset', { axeAt: ['1440x900'] });

      // The plans screen: every plan, and the compliance figures.
      await page.getByTestId('asset-back').click();
      await page.getByTestId('assets-tab-plans').click();
      await page.locator(`[data-testid="plan-row"][data-title="${meterPlan}"]`).waitFor();
      await page.getByTestId('compliance-submit').click();
      await page.getByTestId('compliance-figures').waitFor();
      await checkScreen(page, 'assets', 'plans', { sizes: [kSizes[1], kSizes[2]], axeAt: ['800x1280'] });

      // English: the asset page, axe-clean.
      await page.getByTestId('language-picker').selectOption('en');
      await page.goto(`/#/assets/asset/${machineId}`);
      await page.getByRole('heading', { name: 'Preventive plans' }).waitFor();
      await page.locator('[data-testid="meter-chart"][data-drawn="yes"]').waitFor();
      await checkScreen(page, 'assets', 'asset-en', { sizes: [kSizes[1]] });
      await page.getByTestId('language-picker').selectOption('fr');

      await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.dataset.pending === '0', undefined, { timeout: 30_000 });
      assert.deepEqual(problems.filter((p) => fresh || !/\b401\b|Unauthorized/.test(p)), []);
    } finally {
      await context.close();
    }
  });

  test('a consultant reads the asset page with no editing control', kTimeout, async () => {
    assert.ok(machineId !== '', 'the first test made the machine');
    const consultant = await ensureUser(`lea${tag}`, 'consultant');
    const { context, page } = await openPage(shared.browser, { viewport: kSizes[2].viewport });
    try {
      await page.goto(`/#/assets/asset/${machineId}`);
      await coreState(page, { user: consultant });
      await page.locator(`[data-testid="plan-row"][data-title="${meterPlan}"]`).waitFor({ timeout: 30_000 });
      await page.getByTestId('asset-facts').waitFor();
      await page.locator(`[data-testid="asset-file"][data-name="notice-${tag}.pdf"]`).waitFor();
      await page.locator('[data-testid="meter-chart"][data-drawn="yes"]').waitFor();
      assert.equal(await editControls(page).count(), 0, 'asset page: no editing control');
      await checkScreen(page, 'assets', 'asset-consultant', { sizes: [kSizes[2]], axeAt: [] });
      await page.getByTestId('asset-back').click();
      await row(page, machine).waitFor();
      assert.equal(await editControls(page).count(), 0, 'tree: no editing control');
    } finally {
      await context.close();
    }
  });
});
