/**
 * From an empty install to a working company, the data side (issue 15, points 4 and 5):
 *
 * - the administrator imports a generated 10,000-line CSV of items through the UI
 *   (#/stock/import): the preview lists exactly the file's 5 bad lines with their line
 *   numbers (unknown category, bad price, missing reference, quantity without a location, a
 *   price with 3 decimals) and writes nothing; applying it runs csv.items_import in pieces
 *   under the sync protocol's 64 KiB (the progress bar moves); the summary gives the same
 *   5 lines; the stock list then shows the imported items; re-importing the same file
 *   previews as all unchanged, with nothing to apply;
 * - the audit trail (#/audit) shows the import's mutations once synced, filters by action
 *   and by user, and its CSV export downloads the server's CSV (BOM, ';', its header); it
 *   says it needs a connection when offline;
 * - the count review downloads the count's results (csv.export_count);
 * - a consultant sees neither the import nor the audit trail;
 * - the audit trail's entity filter keeps only the rows about one row id (their arguments
 *   name it), and its date range keeps the rows of the days asked (none for a range before or
 *   after them); a manager opens it too (admins and managers may) and filters it;
 * - axe-core finds no serious or critical violation on both screens (French, and the audit
 *   in English), nothing scrolls sideways and touch targets are >= 44 px at 1024x768 and
 *   800x1280. Screenshots: tests/e2e/artifacts/data-*.png at 1440x900 and 800x1280.
 *
 * The 10k import's duration is printed (a figure for the record, not an assertion).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPrivateServer } from './lib/test_server.mjs';

// A server of its own: 10,000 imported items on the shared server would make every later
// test file's first sync (and the machine) slower. The libraries read BASE_URL when they
// load, so they are imported once it is set (each test file runs in its own process).
const server = await startPrivateServer();
process.env.BASE_URL = server.baseUrl;
after(() => server.stop());
const { ensureUser } = await import('./lib/accounts.mjs');
const { seriousAxeViolations } = await import('./lib/axe.mjs');
const { artifact, coreState, openPage, sharedBrowser, waitForSync } = await import('./lib/browser.mjs');
const { openCountAsAdmin, seedCountScenario } = await import('./lib/count_seed.mjs');
const { pushAsAdmin } = await import('./lib/server_api.mjs');

const kTimeout = { timeout: 240_000 };
const kLines = 10_000;
const shared = sharedBrowser();
const suffix = Date.now() % 100000;
const prefix = `IMP${suffix}`;
const category = `Boulonnerie import ${suffix}`;
const warehouse = `Magasin import ${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'invento-data-'));
const csvPath = join(dir, `articles-${suffix}.csv`);
let consultant;
/** line number -> the column the core must name for it. */
const badLines = new Map();
let pieces = 0;
let count;  // {id, items}: a count with one item counted, for the export

/** The file: header, 10,000 records (one with a quoted line break), 5 of them bad. */
function writeCsv() {
  const rows = ['Référence;Libellé;Catégorie;Unité;Prix unitaire;Emplacement;Quantité'];
  let line = 2;
  for (let i = 1; i <= kLines; i++) {
    const n = String(i).padStart(5, '0');
    let cells = [`${prefix}-${n}`, `Vis tête hexagonale ${n}`, category, 'piece', '0,35', warehouse, i % 4 === 0 ? '12' : ''];
    if (i === 3) cells[1] = '"Écrou ; frein\r\nà embase"';  // a quoted separator and line break: 2 lines
    if (i === 1200) (cells[2] = 'Catégorie inconnue'), badLines.set(line, 'category');
    if (i === 3400) (cells[4] = 'douze'), badLines.set(line, 'unit_price');
    if (i === 5600) (cells[0] = ''), badLines.set(line, 'reference');
    if (i === 7800) (cells[5] = ''), (cells[6] = '4'), badLines.set(line, 'location');
    if (i === 9900) (cells[4] = '1,234'), badLines.set(line, 'unit_price');
    rows.push(cells.join(';'));
    line += i === 3 ? 2 : 1;
  }
  writeFileSync(csvPath, `\uFEFF${rows.join('\r\n')}\r\n`);
}

async function assertScreen(page, name, sizes) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], `${name} at ${width}x${height}: axe-core:\n${violations.join('\n')}`);
    if (width !== 1440) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}x${height}: scrolls sideways by ${overflow}px`);
      const small = await page.getByTestId('app-main').evaluate((main) =>
        [...main.querySelectorAll('.app-screen button, .app-screen a, .app-screen select, .app-screen input:not([type=checkbox])')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ el, box }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid')}] ${Math.round(box.width)}x${Math.round(box.height)}`),
      );
      assert.deepEqual(small, [], `${name} at ${width}x${height}: touch targets under 44 px`);
    }
    if (width !== 1024) await page.screenshot({ path: artifact(`data-${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const kAllSizes = [[1440, 900], [1024, 768], [800, 1280]];

async function totals(page, testId) {
  return page.getByTestId(testId).evaluate((dl) =>
    Object.fromEntries([...dl.querySelectorAll('dd')].map((dd) => [dd.dataset.total, Number(dd.dataset.value)])),
  );
}

/** The error lines listed (line -> columns), reading every page of the table. */
async function listedErrors(page, testId) {
  const found = new Map();
  for (;;) {
    const rows = await page.getByTestId(testId).locator('[data-testid="import-line"]').evaluateAll((trs) =>
      trs.map((tr) => [Number(tr.dataset.line), tr.dataset.action, [...tr.querySelectorAll('[data-testid="import-error"]')].map((li) => li.dataset.column)]),
    );
    for (const [line, action, columns] of rows) if (action === 'error') found.set(line, columns);
    const next = page.getByTestId(`${testId}-next`);
    if ((await next.count()) === 0 || (await next.isDisabled())) return found;
    await next.click();
  }
}

function assertBadLines(found, what) {
  assert.deepEqual([...found.keys()].sort((a, b) => a - b), [...badLines.keys()], `${what}: the lines in error`);
  for (const [line, column] of badLines) assert.ok(found.get(line).includes(column), `${what}: line ${line} names ${column}, got ${found.get(line)}`);
}

async function chooseFile(page) {
  await page.getByTestId('import-file').setInputFiles(csvPath);
  await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
}

before(async () => {
  writeCsv();
  await pushAsAdmin([
    ['category.create', { id: randomUUID(), name: category, parent_id: null }],
    ['location.create', { id: randomUUID(), kind: 'warehouse', name: warehouse }],
  ]);
  consultant = await ensureUser(`claire${suffix}`, 'consultant');
  const tag = String(suffix).padStart(6, '0');
  const { location, items } = await seedCountScenario(tag);
  count = { id: await openCountAsAdmin(location.id, `Inventaire ${tag}`, { blind: false }), items };
  await pushAsAdmin([['count.record', { id: randomUUID(), session_id: count.id, item_id: items.A.id, qty: '4' }]]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV import of items and the audit trail', () => {
  test('the admin imports 10,000 lines, then reads the audit trail', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser, { viewport: { width: 1440, height: 900 } });
    try {
      await page.goto('/#/stock');
      await coreState(page);
      // The category and the location came from the server: wait until they are here.
      await page.getByTestId('stock-filter-category').locator('option', { hasText: category }).waitFor({ state: 'attached', timeout: 30_000 });
      await page.getByTestId('stock-import').click();
      await page.getByTestId('import-screen').waitFor();
      await assertScreen(page, 'import-empty', [[1024, 768]]);

      // Preview: nothing written, exactly the 5 bad lines.
      let started = Date.now();
      await chooseFile(page);
      const previewSeconds = (Date.now() - started) / 1000;
      const previewed = await totals(page, 'import-preview-totals');
      assert.deepEqual(previewed, { lines: kLines, create: kLines - 5, update: 0, unchanged: 0, error: 5, opening_stock: 2495 });
      assertBadLines(await listedErrors(page, 'import-preview-lines'), 'preview');
      await assertScreen(page, 'import-preview', kAllSizes);

      // Apply: the progress bar moves, then the summary.
      started = Date.now();
      await page.getByTestId('import-apply').click();
      const bar = page.getByTestId('import-progressbar');
      await bar.waitFor();
      const seen = new Set();
      while ((await page.getByTestId('import-summary').count()) === 0) {
        const now = await bar.getAttribute('aria-valuenow').catch(() => null);
        if (now !== null) seen.add(Number(now));
        await page.waitForTimeout(50);
      }
      const importSeconds = (Date.now() - started) / 1000;
      const max = Number(kLines);
      assert.ok([...seen].some((v) => v > 0 && v < max), `the progress bar moves: saw ${[...seen]}`);
      assert.equal(await page.getByTestId('import-summary').getAttribute('data-complete'), 'true');
      assert.deepEqual(await totals(page, 'import-summary-totals'), previewed);
      assertBadLines(await listedErrors(page, 'import-summary-errors'), 'summary');
      console.log(`# 10k CSV: preview ${previewSeconds.toFixed(1)} s, import ${importSeconds.toFixed(1)} s (UI, wasm core, pieces of <= 60 kB)`);
      await page.screenshot({ path: artifact('data-import-summary-1440x900.png'), fullPage: true });

      // The stock list shows them.
      await page.getByTestId('import-to-stock').click();
      await page.getByTestId('stock-filter-category').selectOption({ label: category });
      await page.locator(`[data-testid="stock-list-summary"][data-count="${kLines - 5}"]`).waitFor();
      await page.getByTestId('stock-filter-category').selectOption('');
      for (const n of ['00001', '05000', '10000']) {
        await page.getByTestId('stock-search').fill(`${prefix}-${n}`);
        await page.locator('[data-testid="stock-row-link"]', { hasText: `${prefix}-${n}` }).first().waitFor();
      }
      await page.getByTestId('stock-search').fill(`${prefix}-00003`);
      await page.locator('[data-testid="stock-row-link"]', { hasText: 'Écrou ; frein' }).waitFor();

      // Re-importing the same file changes nothing.
      await page.goto('/#/stock/import');
      await chooseFile(page);
      const again = await totals(page, 'import-preview-totals');
      assert.deepEqual(again, { lines: kLines, create: 0, update: 0, unchanged: kLines - 5, error: 5, opening_stock: 0 });
      assert.ok(await page.getByTestId('import-apply').isDisabled(), 'nothing to apply');
      assert.match(await page.getByTestId('import-apply-hint').textContent(), /Rien à écrire/);

      // The count review's export (csv.export_count): it downloads the file the core built.
      await page.goto(`/#/count/${count.id}/review`);
      await page.locator(`[data-testid="count-review-line"][data-item="${count.items.A.reference}"]`).waitFor({ timeout: 30_000 });
      const [sheetFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('count-export').click()]);
      assert.match(sheetFile.suggestedFilename(), /^comptage_\d{4}-\d{2}-\d{2}\.csv$/);
      const sheet = readFileSync(await sheetFile.path(), 'utf8');
      assert.ok(sheet.startsWith('\uFEFFRéférence;Libellé;Unité;Emplacement;Compté;Attendu;Écart;'), sheet.slice(0, 120));
      assert.match(sheet, new RegExp(`${count.items.A.reference};[^\r]*;4;5;-1;`));

      // Audit trail, once the import reached the server.
      await waitForSync(page, (s) => s.pending === '0', 'the import is sent', 120_000);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-results').waitFor();
      await page.getByTestId('audit-filter-mutator').fill('csv.items_import');
      await page.getByTestId('audit-apply').click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
        return rows.length > 0 && rows.every((r) => r.dataset.mutator === 'csv.items_import');
      });
      const mutators = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.mutator));
      pieces = mutators.length;
      assert.ok(pieces >= 12, `the import, in pieces of <= 64 KiB: ${pieces} rows`);
      const adminId = await page.getByTestId('audit-filter-user').locator('option', { hasText: /^admin$/ }).getAttribute('value');
      await page.getByTestId('audit-filter-mutator').fill('');
      await page.getByTestId('audit-filter-user').selectOption(adminId);
      await page.getByTestId('audit-apply').click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
        return rows.length > 0 && rows.some((r) => r.dataset.mutator !== 'csv.items_import') && rows.every((r) => r.dataset.user === 'admin');
      });
      await assertScreen(page, 'audit', kAllSizes);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      assert.equal(download.suggestedFilename(), 'invento-audit.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\uFEFFseq;server_time;device_time;user_id;username;client_id;mutation_id;mutator;arguments;result;code;message;version\r\n'), csv.slice(0, 200));
      assert.ok(csv.includes(';csv.items_import;'), 'the export holds the import');

      // In English too.
      await page.evaluate(() => localStorage.setItem('invento.language', 'en'));
      await page.reload();
      await page.getByTestId('audit-results').waitFor();
      assert.match(await page.getByTestId('audit-screen').locator('h2').textContent(), /Audit trail/);
      await assertScreen(page, 'audit-en', [[1024, 768]]);

      // Offline: it says it needs a connection.
      await context.setOffline(true);
      await page.getByTestId('audit-filter-user').selectOption('');
      await page.getByTestId('audit-apply').click();
      await page.getByTestId('audit-offline').waitFor();
      await context.setOffline(false);
      await page.getByTestId('audit-retry').click();
      await page.getByTestId('audit-results').waitFor();
      assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::ERR_/.test(p)), []);
    } catch (failure) {
      await page.screenshot({ path: artifact('data-failure.png'), fullPage: true }).catch(() => {});
      console.log(`# page: ${(await page.getByTestId('app-main').textContent().catch(() => '')).slice(0, 1500)}`);
      console.log(`# problems: ${problems.join(' | ').slice(0, 1500)}`);
      throw failure;
    } finally {
      await context.close();
    }
  });

  test('a consultant sees neither the import nor the audit trail', kTimeout, async () => {
    const { context, page } = await openPage(shared.browser, { viewport: { width: 1024, height: 768 } });
    try {
      await page.goto('/#/stock');
      await coreState(page, { user: consultant });
      await page.getByTestId('stock-list-screen').waitFor();
      assert.equal(await page.getByTestId('nav-audit').count(), 0, 'no audit entry');
      assert.equal(await page.getByTestId('stock-import').count(), 0, 'no import link');
      await page.goto('/#/stock/import');
      await page.getByText('Vous n’avez pas le droit').waitFor();
      assert.equal(await page.getByTestId('import-file').count(), 0);
      await page.goto('/#/audit');
      await page.locator('.app-screen').waitFor();  // an area not offered: the role's first one instead
      assert.equal(await page.getByTestId('screen-audit').count(), 0);
      assert.equal(await page.getByTestId('audit-screen').count(), 0);

    } finally {
      await context.close();
    }
  });

  /**
   * Waits until the results card shows `exactly` rows (or more than `moreThan`); returns the
   * count. The previous page stays shown until the new one comes: callers alternate between
   * results that differ, so a stale page never passes for the new one.
   */
  async function shown(page, { exactly = null, moreThan = null }) {
    await page.waitForFunction(
      ([eq, gt]) => {
        const n = Number(document.querySelector('[data-testid="audit-results"]')?.dataset.count ?? Number.NaN);
        return eq !== null ? n === eq : n > gt;
      },
      [exactly, moreThan],
      { timeout: 30_000 },
    );
    return Number(await page.getByTestId('audit-results').getAttribute('data-count'));
  }

  /** Fills some filters (entity, from, to: '' clears one) and applies them. */
  async function applyFilters(page, fields) {
    for (const [key, value] of Object.entries(fields)) await page.getByTestId(`audit-filter-${key}`).fill(value);
    await page.getByTestId('audit-apply').click();
  }

  /**
   * The rows shown, newest first: {mutator, user, day} with the day ('YYYY-MM-DD') read from
   * the date the row shows, and `args` (unfolded from the row) for the rows `withArgs` picks.
   */
  async function auditRows(page, withArgs = () => false) {
    const rows = page.getByTestId('audit-row');
    const out = [];
    for (let i = 0, n = await rows.count(); i < n; i++) {
      const row = rows.nth(i);
      const when = await row.locator('.audit-table__when').textContent();
      const [, dd, mm, yyyy] = /(\d{2})\/(\d{2})\/(\d{4})/.exec(when) ?? [];
      const entry = { mutator: await row.getAttribute('data-mutator'), user: await row.getAttribute('data-user'), day: `${yyyy}-${mm}-${dd}` };
      if (withArgs(entry)) {
        // A row keeps its state across pages (by its sequence number): it may be open already.
        if (!(await row.locator('details').evaluate((details) => details.open))) await row.locator('summary').click();
        entry.args = JSON.parse(await row.locator('pre').textContent());
      }
      out.push(entry);
    }
    return out;
  }

  /** 'YYYY-MM-DD' moved by `days`. */
  function shiftDay(day, days) {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  }

  test('the audit trail narrows to one row id and to a date range', kTimeout, async () => {
    const tracked = randomUUID();
    const other = randomUUID();
    await pushAsAdmin([
      ['category.create', { id: tracked, name: `Audit suivi ${suffix}`, parent_id: null }],
      ['category.create', { id: other, name: `Audit autre ${suffix}`, parent_id: null }],
      ['category.update', { id: tracked, name: `Audit suivi renommé ${suffix}` }],
    ]);
    const { context, page, problems } = await openPage(shared.browser, { viewport: { width: 1440, height: 900 } });
    try {
      await page.goto('/#/audit');
      await coreState(page);
      await page.getByTestId('audit-screen').waitFor();
      await shown(page, { moreThan: 2 });
      // Unfiltered (newest first): both categories' rows, and other actions.
      const all = await auditRows(page, (r) => r.mutator.startsWith('category.'));
      const named = all.filter((r) => r.args !== undefined).map((r) => `${r.mutator} ${r.args.id}`);
      for (const expected of [`category.update ${tracked}`, `category.create ${other}`, `category.create ${tracked}`]) {
        assert.ok(named.includes(expected), `unfiltered, ${expected} is listed: ${named}`);
      }
      assert.ok(all.some((r) => !r.mutator.startsWith('category.')), 'unfiltered, other actions are listed');

      // The entity filter: only the rows about the tracked category, each naming it.
      await applyFilters(page, { entity: tracked });
      await shown(page, { exactly: 2 });
      const about = await auditRows(page, () => true);
      assert.deepEqual(about.map((r) => r.mutator), ['category.update', 'category.create']);
      assert.deepEqual(about.map((r) => r.args.id), [tracked, tracked]);
      assert.deepEqual(about.map((r) => r.user), ['admin', 'admin']);
      assert.equal(about[1].args.name, `Audit suivi ${suffix}`);
      const day = about[0].day;
      assert.match(day, /^\d{4}-\d{2}-\d{2}$/, 'the row shows its date');

      // The date range, with the entity: after the rows' day or before it, none; their day
      // (and a range that starts the day before), both.
      await applyFilters(page, { from: shiftDay(day, 1) });
      await shown(page, { exactly: 0 });
      assert.equal((await page.locator('#audit-list-title').textContent()).trim(), 'Aucune modification pour ces filtres.');
      await applyFilters(page, { from: day, to: day });
      await shown(page, { exactly: 2 });
      const ofDay = await auditRows(page, () => true);
      assert.deepEqual(ofDay.map((r) => [r.mutator, r.args.id, r.day]), [['category.update', tracked, day], ['category.create', tracked, day]]);
      await applyFilters(page, { from: '', to: shiftDay(day, -1) });
      await shown(page, { exactly: 0 });
      await applyFilters(page, { from: shiftDay(day, -1), to: '' });
      await shown(page, { exactly: 2 });

      // The date range alone (reset clears every filter): a later day has nothing; the day
      // itself, only rows dated that day.
      await page.getByTestId('audit-reset').click();
      await shown(page, { moreThan: 2 });
      assert.equal(await page.getByTestId('audit-filter-entity').inputValue(), '');
      await applyFilters(page, { from: shiftDay(day, 1) });
      await shown(page, { exactly: 0 });
      await applyFilters(page, { from: day, to: day });
      await shown(page, { moreThan: 2 });
      const days = [...new Set((await auditRows(page)).map((r) => r.day))];
      assert.deepEqual(days, [day], 'only the rows of that day');
      await assertScreen(page, 'audit-filtered', [[800, 1280]]);
      assert.deepEqual(problems, []);
    } catch (failure) {
      await page.screenshot({ path: artifact('data-audit-filters-failure.png'), fullPage: true }).catch(() => {});
      throw failure;
    } finally {
      await context.close();
    }
  });

  test('a manager opens the audit trail too, and filters it', kTimeout, async () => {
    const manager = await ensureUser(`mathis${suffix}`, 'manager');
    const { context, page, problems } = await openPage(shared.browser, { viewport: { width: 1024, height: 768 } });
    try {
      await page.goto('/#/stock');
      await coreState(page, { user: manager });
      await page.getByTestId('stock-list-screen').waitFor();
      const nav = await page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((a) => a.dataset.testid));
      assert.ok(nav.includes('nav-audit') && !nav.includes('nav-users'), `a manager's areas: ${nav}`);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-screen').waitFor();
      await shown(page, { moreThan: 0 });
      const rows = await auditRows(page);
      assert.ok(rows.some((r) => r.user === 'admin'), 'the administrator’s changes are listed');
      // The user filter offers the users seen in the log.
      await page.getByTestId('audit-filter-user').locator('option', { hasText: /^admin$/ }).waitFor({ state: 'attached' });
      await page.getByTestId('audit-filter-mutator').fill('location.create');
      await page.getByTestId('audit-apply').click();
      await page.waitForFunction(() => {
        const shownRows = [...document.querySelectorAll('[data-testid="audit-row"]')];
        return shownRows.length > 0 && shownRows.every((r) => r.dataset.mutator === 'location.create');
      }, undefined, { timeout: 30_000 });
      // By its address too, after a reload.
      await page.reload();
      await coreState(page);
      await page.getByTestId('audit-screen').waitFor();
      await shown(page, { moreThan: 0 });
      assert.equal(await page.getByTestId('audit-error').count(), 0);
      await assertScreen(page, 'audit-manager', [[800, 1280]]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
