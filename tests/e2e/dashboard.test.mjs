/**
 * THE DASHBOARD (issue 17, point 2) end to end, on a PRIVATE server (its own empty database,
 * so the work-order counts are exactly the seed's):
 *
 * - seeded through the API as the admin: a warehouse, two categories holding items with
 *   stock (known values: 55,00 € and 39,98 €), one item under its minimum, and work orders in
 *   known statuses (2 draft, 3 planned of which 1 overdue, 1 cancelled);
 * - a manager (French) sees their role's default layout: every widget painted, every chart's
 *   canvas has pixels, and the work orders by status read from the chart's accessible table
 *   match the seed;
 * - the overdue figure's link opens the work-order desk filtered to overdue orders (the one
 *   overdue order), the under-minimum figure's the stock list's under-minimum view;
 * - profile A (one browser context) adds a "stock value by category" bar chart: its canvas
 *   is drawn and its table says 55,00 € / 39,98 € for the seeded categories; profile B (a
 *   second context, same user, opened before) shows it after sync;
 * - A removes a widget and moves one up; both survive a reload;
 * - a workload table restricted to a team in the widget editor lists only that team's member;
 * - a consultant (English) sees the dashboard with no edit control;
 * - axe-core FR (view and edit mode) and EN, 44 px targets, no sideways scroll; screenshots
 *   tests/e2e/artifacts/dashboard-*.png at 1440x900, 1024x768, 800x1280.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { adminToken, ensureUser } from './lib/accounts.mjs';
import { coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { assertAccessible, checkScreen, inkedPixels, kSizes } from './lib/screen_checks.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const kTimeout = { timeout: 120_000 };
const shared = sharedBrowser();
const tag = String(Date.now() % 100000);
const ids = { team: randomUUID(), bruno: randomUUID(), store: randomUUID(), catA: randomUUID(), catB: randomUUID(), i1: randomUUID(), i2: randomUUID(), i3: randomUUID(), cancelled: randomUUID() };
const names = { catA: `Visserie ${tag}`, catB: `Électricité ${tag}` };
let server;
let manager;
let consultant;

/** Whitespace of any kind (Intl uses narrow no-break spaces) as one plain space. */
const plain = (text) => text.replace(/\s+/g, ' ').trim();

async function push(mutations) {
  const token = await adminToken(server.baseUrl);
  const response = await fetch(`${server.baseUrl}/api/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ client_id: randomUUID(), mutations: mutations.map(([name, args], i) => ({ id: i + 1, name, at: Date.now(), args })) }),
  });
  const reply = await response.json();
  assert.equal(response.status, 200, JSON.stringify(reply));
  for (const r of reply.results) assert.equal(r.status, 'accepted', `${mutations[r.id - 1][0]}: ${JSON.stringify(r)}`);
}

async function seed() {
  manager = await ensureUser(`chefdash${tag}`, 'manager', { baseUrl: server.baseUrl });
  consultant = await ensureUser(`consdash${tag}`, 'consultant', { baseUrl: server.baseUrl });
  const task = (title, status, due) => ['task.create', { id: randomUUID(), title, status, due_date: due }];
  await push([
    ['location.create', { id: ids.store, kind: 'warehouse', name: `Magasin ${tag}` }],
    ['employee.create', { id: randomUUID(), name: `Alice Dash ${tag}` }],
    ['employee.create', { id: ids.bruno, name: `Bruno Dash ${tag}` }],
    ['team.create', { id: ids.team, name: `Équipe Dash ${tag}` }],
    ['team.add_member', { id: randomUUID(), team_id: ids.team, employee_id: ids.bruno }],
    ['project.create', { id: randomUUID(), code: `P-${tag}`, name: 'Rénovation atelier', status: 'active', budget_cents: 1_000_000 }],
    ['category.create', { id: ids.catA, name: names.catA, parent_id: null }],
    ['category.create', { id: ids.catB, name: names.catB, parent_id: null }],
    ['item.create', { id: ids.i1, reference: `VIS-${tag}`, label: 'Vis M6', category_id: ids.catA, unit_price_cents: 250 }],
    ['item.create', { id: ids.i2, reference: `ECR-${tag}`, label: 'Écrou M6', category_id: ids.catA, unit_price_cents: 1000 }],
    ['item.create', { id: ids.i3, reference: `CAB-${tag}`, label: 'Câble 2,5', category_id: ids.catB, unit_price_cents: 1999, min_qty: '5' }],
    ['stock.receipt', { id: randomUUID(), item_id: ids.i1, location_id: ids.store, qty: '10' }],
    ['stock.receipt', { id: randomUUID(), item_id: ids.i2, location_id: ids.store, qty: '3' }],
    ['stock.receipt', { id: randomUUID(), item_id: ids.i3, location_id: ids.store, qty: '2' }],
    task(`Brouillon 1 ${tag}`, 'draft', '2031-01-10'),
    task(`Brouillon 2 ${tag}`, 'draft', '2031-01-11'),
    task(`Planifié 1 ${tag}`, 'planned', '2031-01-12'),
    task(`Planifié 2 ${tag}`, 'planned', '2031-01-13'),
    task(`En retard ${tag}`, 'planned', '2020-01-01'),
    ['task.create', { id: ids.cancelled, title: `Annulé ${tag}`, status: 'draft', due_date: '2031-02-01' }],
    ['task.set_status', { id: randomUUID(), task_id: ids.cancelled, status: 'cancelled' }],
  ]);
}

/** Opens the dashboard as `user` in a fresh context and waits until every widget is painted. */
async function openDashboard(user, { locale = 'fr-FR', viewport = kSizes[0].viewport } = {}) {
  const opened = await openPage(shared.browser, { baseURL: server.baseUrl, locale, viewport });
  await opened.page.goto('/#/dashboard');
  await coreState(opened.page, { user });
  await painted(opened.page);
  return opened;
}

async function painted(page) {
  await page.getByTestId('screen-dashboard').waitFor();
  await page.locator('[data-testid="dashboard-grid"][data-painted="yes"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/** The titles of the widgets, in order. */
function titles(page) {
  return page.getByTestId('widget-title').allTextContents();
}

/** Number of non-transparent pixels of a widget's canvas. */
function inkedPixelsOf(widget) {
  return inkedPixels(widget.getByTestId('widget-canvas'));
}

/** A widget's table as {label: [values...]} (the chart's visually hidden table too). */
function tableOf(widget) {
  return widget.getByTestId('widget-table-row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.cells[0].textContent, [...row.cells].slice(1).map((c) => c.textContent.replace(/\s+/g, ' ').trim())])),
  );
}

describe('dashboard', () => {
  before(async () => {
    server = await startPrivateServer();
    await seed();
  });
  after(async () => {
    await server?.stop();
  });

  test('the default layout, a widget added on one profile shows on another, configure, reorder and remove persist', kTimeout, async () => {
    const a = await openDashboard(manager);
    const b = await openDashboard(manager);
    try {
      const page = a.page;
      const titlesAre = (p, list) => p.waitForFunction((x) => JSON.stringify([...document.querySelectorAll('[data-testid="widget-title"]')].map((e) => e.textContent)) === x, JSON.stringify(list), { timeout: 30_000 });
      // The first area of a manager, and their role's default layout.
      assert.equal(await page.getByTestId('app-nav').locator('a').first().getAttribute('data-testid'), 'nav-dashboard');
      await page.getByTestId('dashboard-defaults').waitFor();
      const defaults = await titles(page);
      assert.ok(defaults.length >= 3, `a default layout: ${defaults}`);
      // The manager's defaults: figures, work orders by status (bar), stock by category
      // (doughnut), movements (line); each figure as the core counted the seed.
      const widget = (source, type) => page.locator(`[data-testid="widget"][data-source="dashboard.${source}"][data-type="${type}"]`).first();
      assert.equal(plain(await widget('items_under_min', 'number').locator('.dashboard__figure').textContent()), '1');
      assert.equal(plain(await widget('tasks', 'number').locator('.dashboard__figure').textContent()), '1', 'one overdue work order');
      const defaultByStatus = await tableOf(widget('tasks', 'bar'));
      assert.deepEqual([defaultByStatus['Brouillon'], defaultByStatus['Planifié'], defaultByStatus['Annulé']], [['2'], ['3'], ['1']], JSON.stringify(defaultByStatus));
      const byCategory = await tableOf(widget('stock_by_category', 'doughnut'));
      assert.deepEqual([byCategory[names.catA], byCategory[names.catB]], [['55,00 €'], ['39,98 €']], JSON.stringify(byCategory));
      const movements = Object.values(await tableOf(widget('movements', 'line')));
      assert.ok(movements.some(([receipts]) => receipts === '3'), `three receipts on one day: ${JSON.stringify(movements)}`);
      for (const [source, type] of [['tasks', 'bar'], ['stock_by_category', 'doughnut'], ['movements', 'line'], ['workload', 'bar']]) {
        assert.ok((await inkedPixelsOf(widget(source, type))) > 500, `${source} ${type} drawn`);
      }
      await assertAccessible(page, 'dashboard defaults (fr)');
      await checkScreen(page, 'dashboard', 'manager-defaults', { axeAt: [] });

      // Each figure links to the list behind it, filtered as the widget is: the overdue count
      // to the desk with "overdue" ticked, the under-minimum count to the stock list's
      // under-minimum view.
      await widget('tasks', 'number').getByTestId('widget-link').click();
      await page.locator('[data-testid="orders-filter-overdue"]:checked').waitFor();
      await page.locator('[data-testid="orders-list"][aria-busy="false"]').waitFor();
      await page.getByTestId('orders-row-title').first().waitFor();
      assert.deepEqual(await page.getByTestId('orders-row-title').allTextContents(), [`En retard ${tag}`]);
      await page.goBack();
      await painted(page);
      await widget('items_under_min', 'number').getByTestId('widget-link').click();
      await page.locator('[data-testid="stock-filter-under-min"]:checked').waitFor();
      await page.getByTestId('stock-row-link').filter({ hasText: `CAB-${tag}` }).waitFor();
      assert.equal(await page.getByTestId('stock-row-link').count(), 1, 'only the item under its minimum');
      await page.goBack();
      await painted(page);

      // Profile A adds two widgets (a default layout becomes the user's own first).
      await page.getByTestId('dashboard-edit').click();
      const add = async (source, type, title) => {
        await page.getByTestId('dashboard-add').click();
        await page.getByTestId('widget-source').selectOption(source);
        await page.getByTestId('widget-type').selectOption(type);
        await page.getByTestId('widget-title-input').fill(title);
        if (title.startsWith('Stock')) await assertAccessible(page, 'dashboard widget editor (fr)');
        await page.getByTestId('widget-save').click();
        await page.locator(`[data-testid="widget-title"]:text-is("${title}")`).waitFor();
      };
      const stock = `Stock ${tag}`;
      const late = `Retards ${tag}`;
      await add('dashboard.stock_by_category', 'bar', stock);
      await add('dashboard.tasks', 'number', late);
      const added = page.locator(`[data-testid="widget"]:has([data-testid="widget-title"]:text-is("${stock}"))`);
      await added.locator('[data-testid="widget-canvas"][data-drawn="yes"]').waitFor();
      assert.ok((await inkedPixelsOf(added)) > 500, 'the added bar chart is drawn');
      const values = await tableOf(added);
      assert.deepEqual([values[names.catA], values[names.catB]], [['55,00 €'], ['39,98 €']], JSON.stringify(values));
      const lateWidget = page.locator(`[data-testid="widget"]:has([data-testid="widget-title"]:text-is("${late}"))`);
      assert.equal(plain(await lateWidget.locator('.dashboard__figure').textContent()), '1', 'one overdue work order');
      assert.equal(await page.getByTestId('dashboard-defaults').count(), 0, 'now the user’s own layout');
      const own = [...defaults, stock, late];
      assert.deepEqual(await titles(page), own);
      await painted(page);
      await checkScreen(page, 'dashboard', 'manager-edit', { sizes: [kSizes[0], kSizes[2]], axeAt: ['1440x900'] });

      // Profile B receives them by sync.
      await titlesAre(b.page, own);
      await painted(b.page);
      assert.ok((await inkedPixelsOf(b.page.locator(`[data-testid="widget"]:has([data-testid="widget-title"]:text-is("${stock}"))`))) > 500);

      // Configure: the overdue figure becomes the table of work orders by status.
      await lateWidget.getByTestId('widget-configure').click();
      await page.getByTestId('widget-type').selectOption('table');
      await page.getByTestId('widget-save').click();
      await page.locator(`[data-testid="widget"][data-type="table"]:has([data-testid="widget-title"]:text-is("${late}"))`).waitFor();
      const byStatus = await tableOf(lateWidget);
      assert.deepEqual([byStatus['Brouillon'], byStatus['Planifié'], byStatus['Annulé']], [['2'], ['3'], ['1']], JSON.stringify(byStatus));
      // Move it up with the keyboard (focus follows it), then remove the stock chart.
      await lateWidget.getByTestId('widget-up').focus();
      await page.keyboard.press('Enter');
      await titlesAre(page, [...defaults, late, stock]);
      assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-testid="widget"]')?.querySelector('[data-testid="widget-title"]')?.textContent), late, 'focus follows the moved widget');
      await added.getByTestId('widget-remove').click();
      const expected = [...defaults, late];
      await titlesAre(page, expected);
      await page.reload();
      await painted(page);
      assert.deepEqual(await titles(page), expected, 'configure, reorder and remove survive a reload');
      assert.equal(await page.locator(`[data-testid="widget"][data-type="table"]:has([data-testid="widget-title"]:text-is("${late}"))`).count(), 1);
      await titlesAre(b.page, expected);

      // Restore the default layout (asked twice).
      await page.getByTestId('dashboard-edit').click();
      await page.getByTestId('dashboard-restore').click();
      await page.getByTestId('dashboard-restore-confirm').click();
      await titlesAre(page, defaults);
      assert.deepEqual(a.problems, [], `console errors or failed requests:\n${a.problems.join('\n')}`);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a workload widget filtered by a team lists only its members', kTimeout, async () => {
    const { page, context, problems } = await openDashboard(manager);
    try {
      const title = `Charge ${tag}`;
      await page.getByTestId('dashboard-edit').click();
      await page.getByTestId('dashboard-add').click();
      await page.getByTestId('widget-source').selectOption('dashboard.workload');
      await page.getByTestId('widget-type').selectOption('table');
      await page.getByTestId('widget-team').selectOption({ label: `Équipe Dash ${tag}` });
      await page.getByTestId('widget-title-input').fill(title);
      await page.getByTestId('widget-save').click();
      const added = page.locator(`[data-testid="widget"][data-state="painted"]:has([data-testid="widget-title"]:text-is("${title}"))`);
      await added.waitFor();
      assert.deepEqual(Object.keys(await tableOf(added)), [`Bruno Dash ${tag}`], 'only the team member');
      // Its link opens the planning filtered by that team.
      await added.getByTestId('widget-link').click();
      const teamFilter = page.getByTestId('planning-filter-team');
      await teamFilter.waitFor();
      await page.waitForFunction(() => {
        const select = document.querySelector('[data-testid="planning-filter-team"]');
        return select !== null && select.value !== '';
      });
      assert.equal((await teamFilter.locator('option:checked').textContent()).trim(), `Équipe Dash ${tag}`);
      await page.goBack();
      await added.waitFor();
      if ((await page.getByTestId('dashboard-edit').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('dashboard-edit').click();
      await added.getByTestId('widget-remove').click();
      await added.waitFor({ state: 'detached' });
      assert.deepEqual(problems, [], `console errors or failed requests:\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('a consultant reads the dashboard with no edit control (English)', kTimeout, async () => {
    const { page, context } = await openDashboard(consultant, { locale: 'en-GB' });
    try {
      assert.equal(await page.getByTestId('nav-dashboard').textContent(), 'Dashboard');
      assert.equal(await page.getByTestId('app-nav').locator('a').first().getAttribute('data-testid'), 'nav-dashboard');
      assert.ok((await page.getByTestId('widget').count()) > 0, 'the default layout');
      assert.ok((await page.getByTestId('widget-link').count()) > 0, 'links to the lists');
      assert.equal(await page.getByTestId('dashboard-edit').count(), 0);
      assert.equal(await page.getByTestId('dashboard').locator('button, select, input, textarea').count(), 0, 'no edit control');
      await checkScreen(page, 'dashboard', 'consultant-en', { sizes: [kSizes[1]] });
    } finally {
      await context.close();
    }
  });
});
