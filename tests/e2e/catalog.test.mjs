/**
 * Stock reference data through the UI only (issue 15): as the administrator,
 *
 * - a category tree: a parent and a child (created under it), a rename, a move, an archive;
 *   moving a category under its own child shows the core's refusal and changes nothing;
 * - attribute definitions on a category (a required number and a choice, then edited); a
 *   duplicate name shows the core's refusal and adds nothing; an item filling them is created;
 * - a per-location minimum above the on-hand (a negative one is refused first), whose alert
 *   appears in the Alerts screen (and its count in the navigation) and is acknowledged;
 * - the items and movements CSV exports are downloaded and hold the header and the rows;
 * - a consultant sees none of the editing controls, a manager no archive control;
 * - axe-core finds no serious/critical violation on each new screen (French, and the alerts
 *   in English), no sideways scroll and 44 px touch targets at 1024x768 and 800x1280.
 *
 * The warehouse the minimum needs is pushed through the server's API (the locations screen
 * is someone else's). Screenshots: tests/e2e/artifacts/catalog-*.png (1440x900, 800x1280).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { pushAsAdmin } from './lib/server_api.mjs';

const kTimeout = { timeout: 120_000 };
const kWide = { width: 1440, height: 900 };
const kChecked = [
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
  { name: '800x1280', viewport: { width: 800, height: 1280 } },
];
const shared = sharedBrowser();
const run = Date.now() % 1_000_000;
const warehouse = `Magasin ${run}`;
const names = { parent: `Outillage ${run}`, child: `Mesure ${run}`, renamed: `Instruments ${run}`, other: `Consommables ${run}`, temp: `Provisoire ${run}` };
const reference = `CAT-${run}`;
let page;
let problems;
const ids = {};

async function open(viewport, user) {
  const opened = await openPage(shared.browser, { viewport });
  await opened.page.goto('/#/categories');
  await coreState(opened.page, { user });
  // The first sync done, so what the server holds is here and nothing moves under a click.
  await opened.page.waitForFunction(() => (document.querySelector('[data-testid="sync-status"]')?.dataset.lastSuccess ?? '') !== '', undefined, {
    timeout: 60_000,
  });
  return opened;
}

/** Axe, then at each tablet size no sideways scroll and 44 px targets; screenshots. */
async function checkScreen(name, { language = 'fr' } = {}) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${name} (${language}): axe-core found serious/critical violations`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifact(`catalog-${name}-${language}-1440x900.png`), fullPage: true });
  for (const { name: size, viewport } of kChecked) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${size}: page scrolls sideways by ${overflow}px`);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.app-screen button, .app-screen a, .app-screen select, .app-screen input:not([type=checkbox])')]
        .filter((el) => el.offsetParent !== null || el.closest('dialog[open]'))
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
        .map(({ el, box }) => `${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30)} ${Math.round(box.width)}x${Math.round(box.height)}`),
    );
    assert.deepEqual(small, [], `${name} at ${size}: touch targets under 44 px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    if (size === '800x1280') await page.screenshot({ path: artifact(`catalog-${name}-${language}-800x1280.png`), fullPage: true });
  }
  await page.setViewportSize(kWide);
}

/** The tree as shown: [{id, name, depth, archived}] once the list has loaded. */
async function tree() {
  await page.locator('[data-testid="category-list"][aria-busy="false"]').waitFor();
  return page.getByTestId('category-item').evaluateAll((items) =>
    items.map((li) => ({
      id: li.dataset.id,
      name: li.querySelector('.list__name')?.textContent,
      depth: li.style.getPropertyValue('--depth'),
      archived: li.querySelector('.badge') !== null,
    })),
  );
}

async function idOf(name) {
  await page.locator('.list__name', { hasText: name }).first().waitFor();
  const found = (await tree()).find((c) => c.name === name);
  assert.ok(found, `category ${name} is listed`);
  return found.id;
}

async function openCategory(id) {
  await page.locator(`[data-testid="category-item"][data-id="${id}"] a`).click();
  await page.locator(`[data-testid="category-panel"][data-id="${id}"]`).waitFor();
}

async function createCategory(name, parentId = '') {
  await page.getByTestId('category-parent').selectOption(parentId);
  await page.getByTestId('category-name-input').fill(name);
  await page.getByTestId('category-submit').click();
  return idOf(name);
}

async function addAttribute({ name, type, unit = '', required = false, choices = '' }) {
  const form = page.getByTestId('attribute-form');
  await form.getByTestId('attribute-name').fill(name);
  await form.getByTestId('attribute-type').selectOption(type);
  await form.getByTestId('attribute-unit').fill(unit);
  if (choices) await form.getByTestId('attribute-choices').fill(choices);
  await form.getByTestId('attribute-required').setChecked(required);
  await form.getByTestId('attribute-submit').click();
}

async function download(testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

describe('catalog: categories, attributes, minimums, alerts, exports', () => {
  before(async () => {
    ids.warehouse = crypto.randomUUID();
    await pushAsAdmin([['location.create', { id: ids.warehouse, kind: 'warehouse', name: warehouse }]]);
    ({ page, problems } = await open(kWide));
  });

  test('a category tree: create under a parent, rename, move, archive; a cycle is refused', kTimeout, async () => {
    ids.parent = await createCategory(names.parent);
    ids.other = await createCategory(names.other);
    ids.temp = await createCategory(names.temp);
    ids.child = await createCategory(names.child, ids.parent);
    const child = (await tree()).find((c) => c.id === ids.child);
    assert.equal(child.depth, '1', 'the child is listed under its parent');

    await openCategory(ids.child);
    await page.getByTestId('category-rename-input').fill(names.renamed);
    await page.getByTestId('category-rename-submit').click();
    await page.getByTestId('category-panel-notice').filter({ hasText: 'Catégorie renommée.' }).waitFor();
    assert.equal(await idOf(names.renamed), ids.child);

    // Under its own child: the core refuses, the tree stays as it was.
    await openCategory(ids.parent);
    const before = await tree();
    await page.getByTestId('category-move-select').selectOption(ids.child);
    await page.getByTestId('category-move-submit').click();
    await page.getByTestId('category-move-error').filter({ hasText: 'ne peut pas être placée sous elle-même' }).waitFor();
    assert.equal(await page.getByTestId('category-move-select').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await tree(), before);

    // Moved under another top-level category.
    await openCategory(ids.child);
    await page.getByTestId('category-move-select').selectOption(ids.other);
    await page.getByTestId('category-move-submit').click();
    await page.getByTestId('category-panel-path').filter({ hasText: `${names.other} › ${names.renamed}` }).waitFor();
    const moved = await tree();
    const at = moved.findIndex((c) => c.id === ids.child);
    assert.equal(moved[at].depth, '1');
    assert.equal(moved[at - 1].id, ids.other, 'listed right under its new parent');

    await openCategory(ids.temp);
    await page.getByTestId('category-archive').click();
    await page.getByTestId('category-panel-notice').filter({ hasText: 'Catégorie archivée.' }).waitFor();
    assert.equal((await tree()).find((c) => c.id === ids.temp).archived, true);
    assert.equal(await page.getByTestId('category-archive').textContent(), 'Restaurer');
  });

  test('attributes on a category; a duplicate name is refused; an item fills them', kTimeout, async () => {
    await openCategory(ids.child);
    await page.getByTestId('attributes-empty').waitFor();
    await addAttribute({ name: 'Portée', type: 'number', unit: 'mm', required: true });
    await page.locator('[data-testid="attribute-item"][data-name="Portée"]').waitFor();
    await addAttribute({ name: 'Précision', type: 'choice', choices: 'Classe I\nClasse II' });
    await page.locator('[data-testid="attribute-item"][data-name="Précision"]').filter({ hasText: 'Classe I, Classe II' }).waitFor();
    // Edited in place: one more choice.
    const precision = page.locator('[data-testid="attribute-item"][data-name="Précision"]');
    await precision.getByTestId('attribute-edit').click();
    await precision.getByTestId('attribute-choices').fill('Classe I\nClasse II\nClasse III');
    await precision.getByTestId('attribute-submit').click();
    await precision.filter({ hasText: 'Classe I, Classe II, Classe III' }).waitFor();
    assert.equal(await precision.getByTestId('attribute-form').count(), 0, 'the edit form closes once saved');
    await addAttribute({ name: 'portée', type: 'text' });
    await page.getByTestId('attribute-name-error').filter({ hasText: 'Cette catégorie a déjà un attribut de ce nom.' }).waitFor();
    assert.equal(await page.getByTestId('attribute-item').count(), 2);
    await page.getByTestId('attribute-name').fill('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkScreen('categories');

    await page.goto('/#/stock/new');
    await page.getByTestId('item-reference').fill(reference);
    await page.getByTestId('item-label').fill('Pied à coulisse');
    await page.getByTestId('item-category').selectOption(ids.child);
    await page.locator('[data-testid="item-attribute"][data-name="Portée"]').fill('150');
    await page.locator('[data-testid="item-attribute"][data-name="Précision"]').selectOption('Classe II');
    await page.getByTestId('item-submit').click();
    await page.getByTestId('stock-detail').waitFor();
    await page.getByTestId('detail-attribute').filter({ hasText: '150 mm' }).waitFor();
    await page.getByTestId('detail-attribute').filter({ hasText: 'Classe II' }).waitFor();
  });

  test('a per-location minimum above the on-hand raises an alert, acknowledged in Alerts', kTimeout, async () => {
    ids.item = page.url().split('/').pop();
    await page.getByTestId('detail-receipt').click();
    await page.getByTestId('movement-to').selectOption(ids.warehouse);
    await page.getByTestId('movement-qty').fill('2');
    await page.getByTestId('movement-submit').click();
    await page.getByTestId('detail-notice').filter({ hasText: 'Entrée enregistrée.' }).waitFor();

    // A negative minimum: the core's refusal under the field, nothing recorded.
    await page.getByTestId('location-min-location').selectOption(ids.warehouse);
    await page.getByTestId('location-min-qty').fill('-1');
    await page.getByTestId('location-min-submit').click();
    await page.getByTestId('location-min-qty-error').filter({ hasText: 'Saisissez une quantité positive' }).waitFor();
    assert.equal(await page.getByTestId('location-min').count(), 0);
    await page.getByTestId('location-min-qty').fill('5');
    await page.getByTestId('location-min-submit').click();
    await page.locator(`[data-testid="location-min"][data-location="${warehouse}"]`).filter({ hasText: '5 pièce(s)' }).waitFor();
    await checkScreen('item-detail');

    const count = page.getByTestId('nav-alerts-count');
    await count.waitFor();
    const openBefore = Number(await count.getAttribute('data-count'));
    await page.getByTestId('nav-alerts').click();
    const row = page.locator(`[data-testid="alert-item"][data-kind="under_min_location"][data-item="${ids.item}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Magasin .* En stock : 2 · minimum 5/);
    assert.equal(await row.getByTestId('alert-link').getAttribute('href'), `#/stock/item/${ids.item}`);
    await checkScreen('alerts');

    await row.getByTestId('alert-ack').click();
    await page.getByTestId('alerts-notice').filter({ hasText: 'Alerte marquée comme vue' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="nav-alerts-count"]')?.dataset.count ?? 0) === n - 1, openBefore);
    await page.getByTestId('alerts-show-seen').check();
    await row.filter({ hasText: 'Vue' }).waitFor();
    assert.equal(await row.getByTestId('alert-ack').count(), 0);

    // The same screen in English.
    await page.getByTestId('language-picker').selectOption('en');
    await row.filter({ hasText: "Below the location's minimum" }).waitFor();
    await checkScreen('alerts', { language: 'en' });
    await page.getByTestId('language-picker').selectOption('fr');
    await page.getByTestId('alerts-show-seen').uncheck();
  });

  test('the items and movements exports download as CSV files', kTimeout, async () => {
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-export').click();
    await page.getByTestId('export-dialog').waitFor();
    await checkScreen('export');

    const items = await download('export-items');
    assert.equal(items.name, 'articles.csv');
    const itemLines = items.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(itemLines[0], 'Référence;Libellé;Description;Catégorie;Unité;Prix unitaire;Fournisseur;Référence fournisseur;Code-barres;Stock minimum');
    assert.ok(itemLines.some((line) => line.startsWith(`${reference};Pied à coulisse;;${names.renamed};piece;`)), `no row for ${reference}`);

    // A range ending before it starts: the core's refusal, no file.
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    const past = await page.evaluate(() => new Date(Date.now() - 3 * 86_400_000).toLocaleDateString('sv-SE'));
    await page.getByTestId('export-from').fill(today);
    await page.getByTestId('export-to').fill(past);
    await page.getByTestId('export-movements').click();
    await page.getByTestId('export-movements-error').filter({ hasText: 'Choisissez une date de fin après la date de début' }).waitFor();

    await page.getByTestId('export-to').fill(today);
    const movements = await download('export-movements');
    assert.match(movements.name, /^mouvements_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = movements.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0], /^Date \(UTC\);Type;Référence;Libellé;De;Vers;Quantité;Unité;/);
    assert.ok(lines.some((line) => line.includes(`;Réception;${reference};Pied à coulisse;;${warehouse};2;piece;`)), 'no receipt row');
    assert.equal(await page.getByTestId('export-movements-error').textContent(), '');
    await page.getByTestId('export-close').click();
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(problems, [], 'console/page errors or failed requests');
  });

  for (const role of ['consultant', 'manager']) {
    test(`a ${role} sees only the controls the core allows`, kTimeout, async () => {
      const user = await ensureUser(`${role.slice(0, 5)}${run}`, role);
      const opened = await open({ width: 1024, height: 768 }, user);
      try {
        const p = opened.page;
        await p.goto(`/#/categories/${ids.child}`);
        await p.locator('[data-testid="attribute-item"][data-name="Portée"]').waitFor();
        const count = async (id) => p.getByTestId(id).count();
        const editor = role === 'manager' ? 1 : 0;
        assert.equal(await count('category-name-input'), editor);
        assert.equal(await count('category-rename-input'), editor);
        assert.equal(await count('category-move-select'), editor);
        assert.equal(await count('attribute-form'), editor);
        assert.equal(await count('attribute-edit'), 2 * editor);
        assert.equal(await count('category-archive'), 0, 'archive is for administrators');
        assert.equal(await count('attribute-archive'), 0, 'archive is for administrators');
        await p.goto(`/#/stock/item/${ids.item}`);
        await p.locator(`[data-testid="location-min"][data-location="${warehouse}"]`).waitFor();
        assert.equal(await count('location-min-form'), editor);
        assert.equal(await count('location-min-remove'), editor);
        await p.goto('/#/alerts');
        await p.locator('[data-testid="alert-list"][aria-busy="false"]').waitFor();
        await p.getByTestId('alert-item').first().waitFor();
        assert.equal(await count('alert-ack'), role === 'manager' ? await count('alert-item') : 0);
        if (role === 'consultant') await p.screenshot({ path: artifact('catalog-alerts-consultant-1024x768.png'), fullPage: true });
        assert.deepEqual(opened.problems, []);
      } finally {
        await opened.context.close();
      }
    });
  }
});
