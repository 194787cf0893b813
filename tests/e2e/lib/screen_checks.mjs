/**
 * Checks every new screen gets (issue 15): axe-core finds no serious or critical violation,
 * nothing scrolls sideways on tablets, every control is a 44 px touch target, and a
 * screenshot at each size. Also the first-run administrator's sign-in through the UI.
 */
import assert from 'node:assert/strict';
import { kAdminPassword } from './accounts.mjs';
import { seriousAxeViolations } from './axe.mjs';
import { artifact, coreState } from './browser.mjs';

export const kSizes = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
  { name: '800x1280', viewport: { width: 800, height: 1280 } },
];

export async function assertAccessible(page, what) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${what}: axe-core found serious/critical violations:\n${violations.join('\n')}`);
}

export async function assertNoSideScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: page scrolls sideways by ${overflow}px`);
}

/** Every visible button, link, select and input of the screen is a 44 px touch target. */
export async function assertTouchTargets(page, what) {
  const small = await page.getByTestId('app-main').evaluate((main) =>
    [...main.querySelectorAll('.app-screen button, .app-screen a, .app-screen select, .app-screen input:not([type=checkbox])')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30)}] ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
  assert.deepEqual(small, [], `${what}: touch targets under 44 px`);
}

/**
 * A screen at each size: axe, no sideways scroll (tablets), touch targets, and a screenshot
 * tests/e2e/artifacts/<prefix>-<name>-<size>.png. Ends back at 1440x900. `axeAt` (size
 * names) limits the axe scans, the slow part, to some sizes (default: every size).
 */
export async function checkScreen(page, prefix, name, { sizes = kSizes, axeAt = null } = {}) {
  for (const { name: size, viewport } of sizes) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    if (axeAt === null || axeAt.includes(size)) await assertAccessible(page, `${name} at ${size}`);
    if (size !== '1440x900') await assertNoSideScroll(page, `${name} at ${size}`);
    await assertTouchTargets(page, `${name} at ${size}`);
    // From the top: a full-page shot of a scrolled page draws the sticky bar mid-screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifact(`${prefix}-${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(kSizes[0].viewport);
}

/**
 * The painted pixels of a chart's canvas (alpha not zero), polled until there are more than
 * `atLeast` or `timeout` passes; returns the last count, so the caller's assertion shows it.
 * Chart.js draws synchronously with animation off, but a resize observed under load redraws
 * the canvas a frame later: one read could catch it cleared.
 */
export async function inkedPixels(canvas, { atLeast = 500, timeout = 10_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const n = await canvas.evaluate((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) inked += 1;
      return inked;
    });
    if (n > atLeast || Date.now() > until) return n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs in through the form as the first-run admin; returns true when the database was new. */
export async function signInAsFirstAdmin(page) {
  await coreState(page, { signIn: false });
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill('Admin123!');
  await page.getByTestId('signin-submit').click();
  // Either the first-password form (a new database) or a refusal (the password was changed).
  const outcome = await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="password-new"]') !== null
        ? 'first'
        : (document.querySelector('[data-testid="signin-error"]')?.textContent ?? '') !== ''
          ? 'refused'
          : false,
    undefined,
    { timeout: 30_000 },
  );
  const first = (await outcome.jsonValue()) === 'first';
  if (first) {
    await page.getByTestId('password-current').fill('Admin123!');
    await page.getByTestId('password-new').fill(kAdminPassword);
    await page.getByTestId('password-confirm').fill(kAdminPassword);
    await page.getByTestId('password-submit').click();
  } else {
    await page.getByTestId('signin-password').fill(kAdminPassword);
    await page.getByTestId('signin-submit').click();
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === 'admin');
  return first;
}

/** Signs in with a temporary password on a fresh profile and chooses `chosen` as asked. */
export async function signInWithTemporaryPassword(page, username, temporary, chosen) {
  await coreState(page, { signIn: false });
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(temporary);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('password-new').waitFor();
  await page.getByTestId('password-current').fill(temporary);
  await page.getByTestId('password-new').fill(chosen);
  await page.getByTestId('password-confirm').fill(chosen);
  await page.getByTestId('password-submit').click();
  await page.waitForFunction((name) => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === name, username);
}
