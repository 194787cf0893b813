/**
 * The maintenance-and-projects story end to end (issue 16, point 7), on a private server,
 * through the UI:
 *
 * - seeded through the API (not this story's subject): a manager, a technician linked to an
 *   employee with an hourly rate, a warehouse (assigned to the technician) holding an item
 *   with a unit cost, an asset with a meter and a meter-based preventive plan, a consultant;
 * - the manager (French) creates a client, a project with a budget and three work orders on
 *   it at the desk, each with the technician assigned, an estimate and a planned material;
 *   the project page shows 0,00 € and 0 %;
 * - the technician, in a second browser profile, syncs, goes OFFLINE, starts one order in
 *   My work, logs time, takes the planned part from its planned line, completes it, goes
 *   back online and syncs;
 * - the manager's project page shows the cost grown by exactly part + hours × rate (computed
 *   here from the seeded values) and the progress at one third (1 of 3 equal estimates);
 * - a meter reading past the plan's threshold on the asset page and "generate now" make a
 *   preventive work order that the desk lists;
 * - a consultant (English) sees the project page and the desk with no edit control;
 * - axe-core clean in French and English; screenshots tests/e2e/artifacts/story-*.png.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, openPage, serviceWorkerActivated, sharedBrowser, syncState, waitForSync } from './lib/browser.mjs';
import { assertAccessible } from './lib/screen_checks.mjs';
import { call, pushAsAdmin } from './lib/server_api.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const shared = sharedBrowser();
const kRateCents = 4000;  // 40 €/h
const kUnitCents = 1250;  // 12,50 € a part
const kHours = 1.5;
const tag = String(Date.now() % 100000);
const names = {
  client: `Boulangerie Story ${tag}`,
  code: `ST-${tag}`,
  project: `Rénovation atelier ${tag}`,
  item: `Courroie ${tag}`,
  reference: `CRR-${tag}`,
  warehouse: `Dépôt central ${tag}`,
  asset: `Compresseur ${tag}`,
  plan: `Vidange 100 h ${tag}`,
  orders: [1, 2, 3].map((n) => `Story${tag} intervention ${n}`),
};
let server;

/** "72,50" from 7250 cents, as the French UI writes money (without the currency sign). */
function euros(cents) {
  return (cents / 100).toFixed(2).replace('.', ',');
}
const lastSegment = (page) => decodeURIComponent(new URL(page.url()).hash.split('/').pop());
const shot = async (page, name) => {
  await page.evaluate(() => window.scrollTo(0, 0));  // a scrolled full-page shot draws the sticky bar mid-page
  await page.screenshot({ path: artifact(`story-${name}.png`), fullPage: true });
};

async function seed(baseUrl) {
  const manager = await ensureUser(`chef${tag}`, 'manager', { baseUrl });
  const technician = await ensureUser(`tech${tag}`, 'technician', { baseUrl });
  const consultant = await ensureUser(`lect${tag}`, 'consultant', { baseUrl });
  const login = await call('/api/login', technician, undefined, baseUrl);
  const ids = { employee: randomUUID(), warehouse: randomUUID(), item: randomUUID(), asset: randomUUID(), meter: randomUUID() };
  await pushAsAdmin([
    ['employee.create', { id: ids.employee, name: `Technicien ${tag}`, user_id: login.user.id }],
    ['employee.set_rate', { id: randomUUID(), employee_id: ids.employee, effective_from: '2020-01-01', rate_cents: kRateCents }],
    ['location.create', { id: ids.warehouse, kind: 'warehouse', name: names.warehouse }],
    ['location.assign', { id: randomUUID(), location_id: ids.warehouse, employee_id: ids.employee }],
    ['item.create', { id: ids.item, reference: names.reference, label: names.item, unit_price_cents: kUnitCents }],
    ['stock.receipt', { id: randomUUID(), item_id: ids.item, location_id: ids.warehouse, qty: '10' }],
    ['asset.create', { id: ids.asset, kind: 'machine', name: names.asset }],
    ['meter.create', { id: ids.meter, asset_id: ids.asset, name: 'Heures de marche', unit: 'h' }],
    ['meter.record', { id: randomUUID(), meter_id: ids.meter, value: '100' }],
    ['pm.create', { id: randomUUID(), asset_id: ids.asset, trigger: 'meter', meter_id: ids.meter, meter_interval: '100', title: names.plan }],
  ], baseUrl);
  return { manager, technician, consultant, ids };
}

/** One work order at the desk: on the project, 2 h estimated, the technician, one planned part; then planned. */
async function createOrder(page, title, projectId, ids) {
  await page.goto('/#/orders/new');
  await page.getByTestId('order-title').fill(title);
  await page.getByTestId('order-project').selectOption(projectId);
  await page.getByTestId('order-hours').fill('2');
  await page.getByTestId('order-save').click();
  await page.getByTestId('order-edit').waitFor();
  await page.getByTestId('order-assign-who').selectOption(`e:${ids.employee}`);
  await page.getByTestId('order-assign').click();
  await page.getByTestId('order-assignee').filter({ hasText: `Technicien ${tag}` }).waitFor();
  await page.getByTestId('order-material-q').fill(names.reference);
  await page.getByTestId('order-material-pick').filter({ hasText: names.reference }).click();
  await page.getByTestId('order-material-where').selectOption(ids.warehouse);
  await page.getByTestId('order-material-qty').fill('1');
  await page.getByTestId('order-material-add').click();
  await page.getByTestId('order-material').filter({ hasText: names.reference }).waitFor();
  await page.getByTestId('work-transition-planned').click();
  await page.locator('[data-testid="order-edit"][data-status="planned"]').waitFor();
  return lastSegment(page);
}

async function projectFigures(page, projectId, cost, progress) {
  await page.goto(`/#/projects/${projectId}`);
  await page.locator('[data-testid="figure-cost"]', { hasText: cost }).waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="figure-progress"]', { hasText: progress }).waitFor({ timeout: 30_000 });
}

describe('the maintenance and projects story', () => {
  before(async () => {
    server = await startPrivateServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('manager, offline technician, costs, preventive order and a consultant', { timeout: 180_000 }, async () => {
    const { baseUrl } = server;
    const { manager, technician, consultant, ids } = await seed(baseUrl);
    const boss = await openPage(shared.browser, { baseURL: baseUrl });
    const { page } = boss;
    await page.goto('/');
    await coreState(page, { user: manager });

    // The manager: a client, a project with a budget of 5 000 €.
    await page.goto('/#/clients');
    await page.getByTestId('client-new').click();
    await page.getByTestId('client-name').fill(names.client);
    await page.getByTestId('client-save').click();
    await page.locator(`[data-testid="client-detail"][data-name="${names.client}"]`).waitFor();
    const clientId = lastSegment(page);
    await page.goto('/#/projects');
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-code').fill(names.code);
    await page.getByTestId('project-name').fill(names.project);
    await page.getByTestId('project-client').selectOption(clientId);
    await page.getByTestId('project-budget').fill('5000');
    await page.getByTestId('project-save').click();
    await page.locator(`[data-testid="project-detail"][data-code="${names.code}"]`).waitFor();
    const projectId = lastSegment(page);

    // Three work orders at the desk.
    const orderIds = [];
    for (const title of names.orders) orderIds.push(await createOrder(page, title, projectId, ids));
    await shot(page, '1-order-edit');
    await assertAccessible(page, 'the work order at the desk (FR)');
    await projectFigures(page, projectId, '0,00', /(^|\D)0(,0+)? %/);
    assert.equal(await page.getByTestId('project-task-row').count(), 3);
    await shot(page, '2-project-before');
    await assertAccessible(page, 'the project page (FR)');

    // The technician, second profile: sync, offline, do the job, back online.
    const tech = await openPage(shared.browser, { baseURL: baseUrl, serviceWorkers: 'allow' });
    try {
      const t = tech.page;
      await t.goto('/#/work');
      await coreState(t, { user: technician });
      await serviceWorkerActivated(t);
      await waitForSync(t, (s) => s.lastSuccess !== '', 'technician first sync');
      const card = t.getByTestId('work-card').filter({ hasText: names.orders[0] });
      await card.waitFor({ timeout: 30_000 });
      assert.equal(await t.getByTestId('work-card').filter({ hasText: `Story${tag}` }).count(), 3);
      await shot(t, '3-my-work');
      await assertAccessible(t, 'My work (FR)');
      await tech.context.setOffline(true);
      await waitForSync(t, (s) => s.state === 'offline', 'technician offline');
      await card.click();
      await t.getByTestId('work-transition-in_progress').click();
      await t.waitForFunction(() => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'in_progress');
      await t.getByTestId('work-time-hours').fill(String(kHours).replace('.', ','));
      await t.getByTestId('work-time-submit').click();
      await t.getByTestId('work-time-entry').first().waitFor();
      assert.match(await t.getByTestId('work-part-location').locator('option:checked').textContent(), new RegExp(names.warehouse));
      // The planned part, taken from the planned line: it fills the form (where, what, how many).
      const planned = t.getByTestId('work-planned-line').filter({ hasText: names.item });
      assert.equal(await planned.getAttribute('data-remaining'), '1');
      await planned.getByTestId('work-planned-take').click();
      assert.equal(await t.getByTestId('work-part-qty').inputValue(), '1');
      await t.locator('[data-testid="work-part-pick"][aria-pressed="true"]', { hasText: names.item }).waitFor();
      await t.getByTestId('work-part-submit').click();
      await t.getByTestId('work-part').filter({ hasText: names.item }).waitFor();
      await t.locator('[data-testid="work-planned-line"][data-remaining="0"]').waitFor();
      assert.equal(await t.getByTestId('work-planned-take').count(), 0);
      await t.getByTestId('work-transition-done').click();
      await t.getByTestId('work-signer-input').fill('M. Story');
      await t.getByTestId('work-complete-submit').click();
      await t.waitForFunction(() => document.querySelector('[data-testid="work-detail"]')?.getAttribute('data-status') === 'done');
      await shot(t, '4-done-offline');
      await assertAccessible(t, 'the completed work order offline (FR)');
      const pending = Number((await syncState(t)).pending);
      assert.ok(pending >= 4, `pending offline: ${pending}`);
      await tech.context.setOffline(false);
      await waitForSync(t, (s) => s.pending === '0' && s.state === 'online', 'technician synced', 45_000);
      assert.deepEqual(tech.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
    } finally {
      await tech.context.close();
    }

    // The manager sees exactly part + hours × rate, and 1 of 3 equal estimates done.
    const expected = euros(kUnitCents + kHours * kRateCents);
    await page.reload();
    await coreState(page, { user: manager });
    await projectFigures(page, projectId, expected, /33,3/);
    assert.match(await page.getByTestId('figure-labour').textContent(), new RegExp(euros(kHours * kRateCents)));
    assert.match(await page.getByTestId('figure-materials').textContent(), new RegExp(euros(kUnitCents)));
    await shot(page, '5-project-after');

    // A reading past the plan's threshold (100 + 100 h) makes the preventive order by itself: at the desk.
    await page.goto(`/#/assets/asset/${ids.asset}`);
    const panel = page.locator('[data-testid="meter-panel"]').first();
    await panel.locator('input[name="value"]').fill('215');
    await panel.getByTestId('meter-record').click();
    await page.getByTestId('meter-total').filter({ hasText: '215' }).waitFor();
    await page.getByTestId('meter-generated').waitFor();
    assert.equal(await page.getByTestId('meter-generated-task').count(), 1, 'the reading created the preventive work order');
    await shot(page, '6-asset-generated');
    await assertAccessible(page, 'the asset page (FR)');
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-filter-q').fill(names.plan);
    await page.getByTestId('orders-row').filter({ hasText: names.plan }).waitFor();
    await shot(page, '7-desk-preventive');
    await assertAccessible(page, 'the desk (FR)');
    assert.deepEqual(boss.problems, []);
    await boss.context.close();

    // A consultant, in English: the project page and the desk, nothing to edit.
    const reader = await openPage(shared.browser, { baseURL: baseUrl, locale: 'en-GB' });
    try {
      const r = reader.page;
      await r.goto('/');
      await coreState(r, { user: consultant });
      await r.goto(`/#/projects/${projectId}`);
      await r.locator('[data-testid="figure-cost"]', { hasText: expected.replace(',', '.') }).waitFor({ timeout: 30_000 });
      for (const id of ['project-edit', 'project-status-form', 'cost-new-form', 'cost-line-edit', 'cost-line-remove']) {
        assert.equal(await r.getByTestId(id).count(), 0, `the consultant sees ${id}`);
      }
      await shot(r, '8-consultant-project');
      await assertAccessible(r, 'the project page (EN)');
      await r.getByTestId('nav-orders').click();
      await r.getByTestId('orders-filter-q').fill(`Story${tag}`);
      await r.getByTestId('orders-row').filter({ hasText: names.orders[2] }).waitFor();
      for (const id of ['orders-new', 'orders-row-select', 'orders-bulk']) {
        assert.equal(await r.getByTestId(id).count(), 0, `the consultant sees ${id}`);
      }
      await shot(r, '9-consultant-desk');
      await assertAccessible(r, 'the desk (EN)');
      await r.getByTestId('orders-row-link').first().click();
      await r.getByTestId('work-detail').waitFor();
      assert.equal(await r.getByTestId('order-form').count(), 0);
      assert.equal(await r.locator('[data-testid^="work-transition-"]').count(), 0);
      await shot(r, '10-consultant-order');
      assert.deepEqual(reader.problems, []);
    } finally {
      await reader.context.close();
    }
  });
});
