/**
 * The app's frame on a tablet, for each role:
 *
 * - navigation offers only the areas the role may use (from the core's permission table),
 *   and screens offer only the actions it may run (a technician sees categories but no
 *   creation form);
 * - the sync status stays visible on every screen;
 * - the language switch translates the navigation and is kept after a reload;
 * - axe-core finds no serious or critical violation on the sign-in, first-password,
 *   categories and settings screens, at 1024x768 and 800x1280;
 * - every navigation entry is reachable with the keyboard and is a 44 px touch target;
 * - nothing scrolls sideways on a phone or a desktop.
 *
 * Screenshots go to tests/e2e/artifacts/shell-*.png.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';

const kTimeout = { timeout: 150_000 };
const kTablets = [
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
  { name: '800x1280', viewport: { width: 800, height: 1280 } },
];
const shared = sharedBrowser();
const suffix = Date.now() % 100000;
let technician;
let consultant;
let newcomer;

before(async () => {
  technician = await ensureUser(`tech${suffix}`, 'technician');
  consultant = await ensureUser(`consult${suffix}`, 'consultant');
  // Must still choose a password: shows the first-password screen.
  newcomer = await ensureUser(`nouveau${suffix}`, 'technician', { changePassword: false });
});

async function navAreas(page) {
  await page.getByTestId('app-nav').waitFor();
  return page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((a) => a.dataset.testid.replace('nav-', '')));
}

async function assertAccessible(page, what) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${what}: axe-core found serious/critical violations:\n${violations.join('\n')}`);
}

describe('navigation by role', () => {
  const expected = {
    admin: ['dashboard', 'work', 'orders', 'planning', 'stock', 'alerts', 'count', 'categories', 'projects', 'people', 'locations', 'assets', 'users', 'audit', 'settings'],
    technician: ['work', 'dashboard', 'planning', 'stock', 'alerts', 'count', 'categories', 'projects', 'people', 'locations', 'assets', 'settings'],
    consultant: ['dashboard', 'work', 'orders', 'planning', 'stock', 'alerts', 'categories', 'projects', 'people', 'locations', 'assets', 'settings'],
  };
  for (const role of Object.keys(expected)) {
    test(`${role}: the areas the role may use, and only its actions`, kTimeout, async () => {
      const { context, page } = await openPage(shared.browser);
      try {
        await page.goto('/#/categories');
        await coreState(page, { user: role === 'admin' ? undefined : role === 'technician' ? technician : consultant });
        assert.deepEqual(await navAreas(page), expected[role]);
        assert.equal(await page.getByTestId('nav-categories').getAttribute('aria-current'), 'page');
        // The category list is shown to every role; the creation form only to admins and managers.
        await page.getByTestId('screen-categories').waitFor();
        assert.equal(await page.getByTestId('category-name-input').count(), role === 'admin' ? 1 : 0);
        // An address the role may not use falls back to its first area.
        if (role === 'consultant') {
          await page.goto('/#/count');
          await page.getByTestId('screen-dashboard').waitFor();
        }
        // The sync status is on every screen.
        for (const area of expected[role]) {
          await page.getByTestId(`nav-${area}`).click();
          await page.getByTestId(`screen-${area}`).waitFor();
          assert.equal(await page.getByTestId(`nav-${area}`).getAttribute('aria-current'), 'page');
          await page.getByTestId('sync-status').waitFor({ state: 'visible', timeout: 10_000 });
        }
        await page.screenshot({ path: artifact(`shell-${role}-1024x768.png`) });
      } finally {
        await context.close();
      }
    });
  }
});

describe('accessibility and layout at tablet sizes', () => {
  for (const { name, viewport } of kTablets) {
    test(`sign-in, first password, categories and settings at ${name}`, kTimeout, async () => {
      const { context, page } = await openPage(shared.browser, { viewport });
      try {
        await page.goto('/#/categories');
        await coreState(page, { signIn: false });
        await page.getByTestId('signin-screen').waitFor();
        await assertAccessible(page, 'sign-in');
        await page.screenshot({ path: artifact(`shell-signin-${name}.png`) });

        // A first sign-in asks for a new password, in the same accessible form.
        await page.getByTestId('signin-username').fill(newcomer.username);
        await page.getByTestId('signin-password').fill(newcomer.password);
        await page.getByTestId('signin-submit').click();
        await page.getByTestId('password-new').waitFor();
        await assertAccessible(page, 'first password');
        await page.screenshot({ path: artifact(`shell-first-password-${name}.png`) });
        await context.clearCookies();
      } finally {
        await context.close();
      }

      const admin = await openPage(shared.browser, { viewport });
      try {
        await admin.page.goto('/#/categories');
        await coreState(admin.page);
        await admin.page.getByTestId('screen-categories').waitFor();
        await assertAccessible(admin.page, 'categories');
        await admin.page.screenshot({ path: artifact(`shell-categories-${name}.png`) });
        await admin.page.getByTestId('nav-settings').click();
        await admin.page.getByTestId('screen-settings').waitFor();
        await assertAccessible(admin.page, 'settings');
        await admin.page.screenshot({ path: artifact(`shell-settings-${name}.png`) });

        // Every navigation entry: a touch target, reachable with Tab, in order.
        const links = admin.page.getByTestId('app-nav').locator('a');
        const count = await links.count();
        for (let i = 0; i < count; i += 1) {
          const box = await links.nth(i).boundingBox();
          assert.ok(box && box.height >= 44 && box.width >= 44, `nav entry ${i} is smaller than 44px`);
        }
        await admin.page.getByTestId('language-picker').focus();
        const reached = [];
        for (let i = 0; i < count + 8 && reached.length < count; i += 1) {
          await admin.page.keyboard.press('Tab');
          const id = await admin.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
          if (id.startsWith('nav-')) reached.push(id);
        }
        assert.deepEqual(reached, await links.evaluateAll((all) => all.map((a) => a.dataset.testid)));
        const overflow = await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      } finally {
        await admin.context.close();
      }
    });
  }
});

describe('language', () => {
  test('switching to English translates the navigation and is kept after a reload', kTimeout, async () => {
    const { context, page } = await openPage(shared.browser, { viewport: { width: 800, height: 1280 } });
    try {
      await page.goto('/#/settings');
      await coreState(page);
      await page.getByTestId('screen-settings').waitFor();
      assert.equal(await page.getByTestId('nav-work').textContent(), 'Mon travail');
      assert.equal(await page.getByTestId('app-nav').getAttribute('aria-label'), 'Navigation principale');
      await page.getByTestId('language-picker').selectOption('en');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await page.getByTestId('nav-work').textContent(), 'My work');
      assert.equal(await page.getByTestId('nav-count').textContent(), 'Counting');
      await page.screenshot({ path: artifact('shell-english-800x1280.png') });
      await page.reload();
      await coreState(page);
      await page.getByTestId('app-nav').waitFor();
      assert.equal(await page.getByTestId('nav-work').textContent(), 'My work');
      assert.equal(await page.getByTestId('screen-settings').count(), 1, 'the screen changed on reload');
    } finally {
      await context.close();
    }
  });

  for (const { name, viewport } of [
    { name: 'phone-390x844', viewport: { width: 390, height: 844 } },
    { name: 'desktop-1440x900', viewport: { width: 1440, height: 900 } },
  ]) {
    test(`${name}: nothing scrolls sideways, the navigation fits or scrolls inside itself`, kTimeout, async () => {
      const { context, page } = await openPage(shared.browser, { viewport });
      try {
        await page.goto('/#/categories');
        await coreState(page);
        await page.getByTestId('app-nav').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
        await assertAccessible(page, name);
        await page.screenshot({ path: artifact(`shell-${name}.png`) });
      } finally {
        await context.close();
      }
    });
  }
});
