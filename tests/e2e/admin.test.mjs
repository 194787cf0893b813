/**
 * From an empty install to a working team, using only the UI (issue 15, points 1, 2 and 7):
 *
 * - the administrator signs in with the first-run account (changing its password), creates a
 *   technician account (the server's temporary password is shown once, in a dialog), a skill,
 *   the technician's employee record linked to that account (skill level, hourly rate, working
 *   hours, an absence) and a team with the technician in it;
 * - the technician signs in on a second browser profile with the temporary password, chooses
 *   their own, and sees the People screens read only, without rates, and no user administration;
 * - a consultant sees no editing control, a manager sees rates but no delete control;
 * - the users screen says it needs a connection when offline;
 * - axe-core finds no serious or critical violation on each new screen, nothing scrolls
 *   sideways at 1024x768 and 800x1280, and touch targets are at least 44 px.
 *
 * Then, each test with accounts and names of its own (independent of the order):
 * - users: a role change (the user then signs in with the new role's areas), deactivation
 *   (their open session's next sync is refused, signing in is refused) and reactivation, a
 *   password reset (shown once; the old password is refused, the temporary one signs in and
 *   must be changed), an employee linked from the account's row, a revoked session (that
 *   device's next sync is refused);
 * - people: an employee, a skill and a team archived, and a member removed from a team, each
 *   shown so and still so after a reload.
 *
 * Screenshots: tests/e2e/artifacts/admin-*.png at 1440x900, 1024x768 and 800x1280.
 * Run alone on a fresh server (tests/e2e/run-one.sh <dist> admin.test.mjs) it starts from an
 * empty database; in the full run it is the first file, so the database is empty too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { adminToken, ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, kBaseUrl, launchPersistent, openPage, sharedBrowser, waitForSync } from './lib/browser.mjs';
import { assertAccessible, checkScreen as checkScreenAt, kSizes, signInAsFirstAdmin, signInWithTemporaryPassword } from './lib/screen_checks.mjs';

const kTimeout = { timeout: 300_000 };
const shared = sharedBrowser();
const suffix = Date.now() % 100000;
const techUsername = `theo${suffix}`;
const techName = `Théo Martin ${suffix}`;
const teamName = `Équipe Nord ${suffix}`;
const skillName = `Électricité ${suffix}`;
let techPassword = '';
let employeeId = '';

/** Each new screen at the three sizes: axe, no sideways scroll (tablets), a screenshot. */
const checkScreen = (page, name, options) => checkScreenAt(page, 'admin', name, options);

describe('administration and set-up screens', () => {
  test('the admin creates a technician account, its employee, a skill and a team', kTimeout, async () => {
    const { context, page, problems } = await openPage(shared.browser, { viewport: kSizes[0].viewport });
    try {
      await page.goto('/#/people');
      const fresh = await signInAsFirstAdmin(page);
      await page.getByTestId('employees-screen').waitFor();
      if (fresh) await page.getByTestId('employees-empty').waitFor();
      await checkScreen(page, 'employees-empty', { sizes: [kSizes[1]] });

      // Users: create the technician; the temporary password is shown once, in a dialog.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('user-create-form').waitFor();
      await page.getByTestId('user-new-username').fill(techUsername);
      await page.getByTestId('user-new-display_name').fill(techName);
      await page.getByTestId('user-new-email').fill(`${techUsername}@example.fr`);
      await page.getByTestId('user-new-role').selectOption('technician');
      await page.getByTestId('user-create').click();
      await page.getByTestId('user-secret').waitFor();
      techPassword = (await page.getByTestId('user-secret-password').textContent()).trim();
      assert.ok(techPassword.length >= 20, `temporary password "${techPassword}"`);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'user-secret-close', 'focus moves into the dialog');
      await assertAccessible(page, 'temporary password dialog');
      await page.screenshot({ path: artifact('admin-users-password-dialog-1440x900.png') });
      await page.keyboard.press('Escape');
      await page.getByTestId('user-secret').waitFor({ state: 'detached' });
      // The dialog hands focus back when it unmounts; allow the re-render that follows.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'user-create', null, { timeout: 3000 })
        .catch(() => {});
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'user-create', 'focus returns to the form');
      const row = page.locator(`[data-testid="user-row"][data-username="${techUsername}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), /Mot de passe temporaire/);
      // The administrator's own row: no way to demote or deactivate themselves (the server refuses it).
      const own = page.locator('[data-testid="user-row"][data-username="admin"]');
      assert.equal(await own.getByTestId('user-role').count(), 0, 'the admin may change their own role');
      assert.equal(await own.getByTestId('user-active').count(), 0, 'the admin may deactivate themselves');
      assert.match(await own.getByTestId('user-role-self').textContent(), /administrat/i);
      // The same username again: the server's refusal under the field.
      await page.getByTestId('user-new-username').fill(techUsername.toUpperCase());
      await page.getByTestId('user-new-display_name').fill('Doublon');
      await page.getByTestId('user-create').click();
      await page.locator('#user-new-username-error').filter({ hasText: 'déjà pris' }).waitFor();

      // Skills catalogue.
      await page.getByTestId('nav-people').click();
      await page.getByTestId('people-tab-skills').click();
      await page.getByTestId('skill-new-name').fill(skillName);
      await page.getByTestId('skill-create').click();
      await page.getByTestId('skill-row').filter({ hasText: skillName }).waitFor();
      // A second skill, renamed in place (an empty name is the core's refusal, nothing changes).
      await page.getByTestId('skill-new-name').fill(`Soudure ${suffix}`);
      await page.getByTestId('skill-create').click();
      const welding = page.getByTestId('skill-row').filter({ hasText: `Soudure ${suffix}` });
      await welding.locator('[data-testid$="-rename"]').click();
      await welding.locator('[data-testid$="-rename-input"]').fill('  ');
      await welding.locator('[data-testid$="-rename-save"]').click();
      await welding.locator('[aria-invalid="true"]').waitFor();
      await welding.locator('[data-testid$="-rename-input"]').fill(`Soudure TIG ${suffix}`);
      await welding.locator('[data-testid$="-rename-save"]').click();
      await page.getByTestId('skill-row').filter({ hasText: `Soudure TIG ${suffix}` }).waitFor();
      await checkScreen(page, 'skills');

      // The employee, linked to the account.
      await page.getByTestId('people-tab-employees').click();
      await page.getByTestId('employee-new-name').fill(techName);
      await page.getByTestId('employee-new-job').fill('Technicien de maintenance');
      await page.getByTestId('employee-create').click();
      await page.getByTestId('employee-detail').waitFor();
      employeeId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());
      await page.getByTestId('employee-user').locator('option', { hasText: techUsername }).waitFor({ state: 'attached' });
      await page.getByTestId('employee-user').selectOption({ label: `${techName} (${techUsername})` });
      await page.getByTestId('employee-phone').fill('06 12 34 56 78');
      await page.getByTestId('employee-save').click();
      await page.getByTestId('employee-identity').getByText('Enregistré.').waitFor();
      // Skill with a level, a rate, hours and an absence.
      await page.getByTestId('employee-skill-new').selectOption({ label: skillName });
      await page.getByTestId('employee-skill-level').selectOption('4');
      await page.getByTestId('employee-skill-add').click();
      await page.getByTestId('employee-skill').filter({ hasText: skillName }).waitFor();
      await page.getByTestId('rate-from').fill('2026-01-01');
      await page.getByTestId('rate-amount').fill('45,50');
      await page.getByTestId('rate-add').click();
      await page.getByTestId('employee-rate').filter({ hasText: '45,50' }).waitFor();
      await page.getByTestId('hours-1-0').fill('08:00');
      await page.getByTestId('hours-1-1').fill('12:00');
      await page.getByTestId('hours-1-2').fill('13:30');
      await page.getByTestId('hours-1-3').fill('17:00');
      await page.getByTestId('hours-save').click();
      await page.getByTestId('employee-hours').getByText('Enregistré.').waitFor();
      // An absence ending before it starts: the core's refusal, under the field it names.
      await page.getByTestId('absence-start').fill('2030-07-20');
      await page.getByTestId('absence-end').fill('2030-07-10');
      await page.getByTestId('absence-add').click();
      await page.locator('#absence-end-error').filter({ hasText: /./ }).waitFor();
      await page.getByTestId('absence-end').fill('2030-07-31');
      await page.getByTestId('absence-add').click();
      await page.getByTestId('employee-absence').filter({ hasText: '2030-07-20' }).waitFor();
      // Corrected in the same form (absence.update): the end date moves.
      await page.getByTestId('employee-absence').filter({ hasText: '2030-07-20' }).getByTestId('absence-edit').click();
      assert.equal(await page.getByTestId('absence-start').inputValue(), '2030-07-20');
      await page.getByTestId('absence-end').fill('2030-07-25');
      await page.getByTestId('absence-add').click();
      await page.getByTestId('employee-absence').filter({ hasText: '2030-07-25' }).waitFor();
      assert.equal(await page.getByTestId('employee-absence').count(), 1);
      await checkScreen(page, 'employee-admin');

      // The team, with the technician in it.
      await page.getByTestId('people-tab-teams').click();
      await page.getByTestId('team-new-name').fill(teamName);
      await page.getByTestId('team-create').click();
      const team = page.locator(`[data-testid="team-card"][data-name="${teamName}"]`);
      await team.waitFor();
      await team.getByTestId('team-add-select').selectOption({ label: techName });
      await team.getByTestId('team-add').click();
      await team.getByTestId('team-member').filter({ hasText: techName }).waitFor();
      // Renamed, then back (the name is used below).
      for (const name of [`${teamName} bis`, teamName]) {
        await page.locator('[data-testid="team-card"]').filter({ has: page.getByTestId('team-member').filter({ hasText: techName }) })
          .locator('[data-testid$="-rename"]').click();
        await page.locator('[data-testid$="-rename-input"]').fill(name);
        await page.locator('[data-testid$="-rename-save"]').click();
        await page.locator(`[data-testid="team-card"][data-name="${name}"]`).waitFor();
      }
      await checkScreen(page, 'teams');

      // The employees list and the users screen show the link.
      await page.getByTestId('people-tab-employees').click();
      await page.locator(`[data-testid="employee-row"][data-name="${techName}"]`).getByText('A un compte').waitFor();
      await checkScreen(page, 'employees');
      await page.getByTestId('nav-users').click();
      const linked = page.locator(`[data-testid="user-row"][data-username="${techUsername}"] [data-testid="user-employee"]`);
      await linked.waitFor();
      assert.equal(await linked.inputValue(), employeeId);
      await page.getByTestId('sessions-card').waitFor();
      await checkScreen(page, 'users');
      // The changes reached the server.
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.dataset.pending === '0', undefined, { timeout: 30_000 });
      // Expected refusals only: the duplicate username (409), and the first-run password when
      // the database was not new (401).
      assert.deepEqual(problems.filter((p) => !/\b409\b|Conflict/.test(p) && (fresh || !/\b401\b|Unauthorized/.test(p))), []);
    } finally {
      await context.close();
    }
  });

  test('the technician signs in on a second profile: read only, no rates, no user administration', kTimeout, async () => {
    assert.ok(techPassword !== '', 'the first test created the technician');
    const dir = mkdtempSync(join(tmpdir(), 'invento-tech-'));
    const context = await launchPersistent(dir, { locale: 'fr-FR' });
    try {
      await context.route('**/sw.js', (route) => route.abort());
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize(kSizes[1].viewport);
      await page.goto('/#/people');
      await signInWithTemporaryPassword(page, techUsername, techPassword, 'Theo-chosen-1');
      await page.getByTestId('nav-settings').waitFor();
      const areas = await page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((a) => a.dataset.testid));
      assert.ok(areas.includes('nav-people') && !areas.includes('nav-users'), `areas: ${areas}`);
      // Their own employee record, synced from the server: read only and without rates.
      await page.goto(`/#/people/employee/${employeeId}`);
      await page.getByTestId('employee-detail').waitFor();
      await page.getByTestId('employee-name').filter({ hasText: techName }).waitFor({ timeout: 30_000 });
      await page.getByTestId('employee-skill').filter({ hasText: skillName }).waitFor();
      assert.equal(await page.getByTestId('employee-rates').count(), 0, 'a technician sees no rates');
      assert.equal(await page.getByTestId('employee-detail').locator('button, select, input:not([readonly]), textarea').count(), 0, 'no editing control');
      assert.equal(await page.getByTestId('employee-user').textContent(), 'Lié à un compte');
      await checkScreen(page, 'employee-technician', { sizes: [kSizes[1], kSizes[2]] });
      await page.getByTestId('people-tab-teams').click();
      await page.locator(`[data-testid="team-card"][data-name="${teamName}"]`).getByTestId('team-member').filter({ hasText: techName }).waitFor();
      assert.equal(await page.getByTestId('team-create-form').count(), 0);
      assert.equal(await page.getByTestId('teams-screen').locator('button, select').count(), 0);
      // The users screen is not offered, even by its address.
      await page.goto('/#/users');
      await page.getByTestId('screen-work').waitFor();
      // "My work" opens for them.
      await page.getByTestId('nav-work').click();
      await page.getByTestId('screen-work').waitFor();
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a consultant sees no editing control; a manager sees rates but no delete', kTimeout, async () => {
    const consultant = await ensureUser(`lea${suffix}`, 'consultant');
    const manager = await ensureUser(`marc${suffix}`, 'manager');
    for (const [who, user] of [['consultant', consultant], ['manager', manager]]) {
      const { context, page } = await openPage(shared.browser, { viewport: kSizes[1].viewport });
      try {
        await page.goto(`/#/people/employee/${employeeId}`);
        await coreState(page, { user });
        await page.getByTestId('employee-name').filter({ hasText: techName }).waitFor({ timeout: 30_000 });
        await page.getByTestId('nav-settings').waitFor();
        const nav = await page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((a) => a.dataset.testid));
        assert.ok(!nav.includes('nav-users'), `${who} has no user administration`);
        if (who === 'consultant') {
          assert.equal(await page.getByTestId('employee-rates').count(), 0);
          assert.equal(await page.getByTestId('employee-detail').locator('button, select, input:not([readonly]), textarea').count(), 0);
          for (const tab of ['teams', 'skills']) {
            await page.getByTestId(`people-tab-${tab}`).click();
            await page.getByTestId(`${tab}-screen`).waitFor();
            assert.equal(await page.getByTestId(`${tab}-screen`).locator('button, select, input, form').count(), 0, `${tab}: no control`);
          }
          await page.getByTestId('people-tab-employees').click();
          assert.equal(await page.getByTestId('employee-create-form').count(), 0);
        } else {
          await page.getByTestId('employee-rate').filter({ hasText: '45,50' }).waitFor();
          await page.getByTestId('rate-add').waitFor();
          await page.getByTestId('employee-save').waitFor();
          // Removing a rate or an absence is a deletion: admins only.
          assert.equal(await page.getByTestId('employee-rates').getByRole('button', { name: /Retirer le taux/ }).count(), 0);
          assert.equal(await page.getByTestId('employee-absences').getByRole('button', { name: /Retirer l’absence/ }).count(), 0);
          await assertAccessible(page, 'employee as manager');
          await page.screenshot({ path: artifact('admin-employee-manager-1024x768.png'), fullPage: true });
        }
      } finally {
        await context.close();
      }
    }
  });

  test('offline, the users screen says it needs a connection, and recovers', kTimeout, async () => {
    const { context, page } = await openPage(shared.browser, { viewport: kSizes[2].viewport });
    try {
      // The users screen is a chunk loaded on first use; the installed app has it from its
      // service worker's precache, this page (service workers blocked) loads it once online.
      await page.goto('/#/users');
      await coreState(page);
      await page.getByTestId('screen-users').waitFor();
      await page.getByTestId('user-row').first().waitFor();
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('screen-settings').waitFor();
      await context.setOffline(true);
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-offline').waitFor();
      await assertAccessible(page, 'users offline');
      await page.screenshot({ path: artifact('admin-users-offline-800x1280.png') });
      await context.setOffline(false);
      await page.getByTestId('users-retry').click();
      await page.locator(`[data-testid="user-row"][data-username="${techUsername}"]`).waitFor();
    } finally {
      await context.close();
    }
  });
});

/** A fresh profile signed in as the e2e administrator, on `path`. */
async function openAsAdmin(path, viewport = kSizes[0].viewport) {
  const opened = await openPage(shared.browser, { viewport });
  await opened.page.goto(path);
  await coreState(opened.page);
  return opened;
}

/** A fresh profile on the sign-in form (another device). */
async function openSignIn() {
  const opened = await openPage(shared.browser, { viewport: kSizes[1].viewport });
  await opened.page.goto('/#/work');
  await coreState(opened.page, { signIn: false });
  await opened.page.getByTestId('signin-form').waitFor();
  return opened;
}

async function submitSignIn(page, username, password) {
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

function waitSignedIn(page, username) {
  return page.waitForFunction((name) => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') === name, username, { timeout: 30_000 });
}

async function navAreas(page) {
  await page.getByTestId('nav-settings').waitFor();
  return page.getByTestId('app-nav').locator('a').evaluateAll((links) => links.map((a) => a.dataset.testid));
}

/** Reloads the page and waits for the core (the session is kept: no sign-in). */
async function reload(page) {
  await page.reload();
  await coreState(page);
}

/** This page's changes reached the server: nothing waits, no error. */
function synced(page, what) {
  return waitForSync(page, (s) => s.pending === '0' && s.state === 'online', what);
}

/** Polls the server's account list (the admin API, as the e2e administrator) until `predicate(account)`. */
async function untilServer(username, predicate, what) {
  const token = await adminToken();
  const until = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${kBaseUrl}/api/admin/users`, { headers: { authorization: `Bearer ${token}` } });
    const account = (await response.json()).users?.find((u) => u.username === username);
    if (account !== undefined && predicate(account)) return account;
    if (Date.now() > until) assert.fail(`${what}: the server has ${JSON.stringify(account)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const userRow = (page, username) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);
const badge = (locator, text) => locator.locator('.badge').filter({ hasText: new RegExp(`^${text}$`) });
const kWrongPassword = 'Identifiant ou mot de passe incorrect.';
/** Problems other than the HTTP 401s a refused sign-in or a revoked session causes. */
const unexpected = (problems) => problems.filter((p) => !/^HTTP 401: /.test(p));

/** Creates an employee through the form; returns its id (the detail screen is open). */
async function createEmployee(page, name) {
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-tab-employees').click();
  await page.getByTestId('employee-new-name').fill(name);
  await page.getByTestId('employee-create').click();
  await page.getByTestId('employee-name').filter({ hasText: name }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/').pop());
}

describe('the users screen: roles, activation, password reset, employee link, sessions', () => {
  test('the admin changes a role, deactivates the account (sign-in refused) and reactivates it', kTimeout, async () => {
    const user = await ensureUser(`ines${suffix}`, 'technician');
    const admin = await openAsAdmin('/#/users');
    const contexts = [admin.context];
    const { page } = admin;
    try {
      const row = userRow(page, user.username);
      await row.waitFor();
      const role = row.getByTestId('user-role');
      assert.equal(await role.inputValue(), 'technician');
      await role.selectOption('manager');
      // Saved on the server (nothing on the row changes when it is): the list read anew says so.
      await untilServer(user.username, (u) => u.role === 'manager', 'the new role');
      await reload(page);
      await row.waitFor();
      assert.equal(await role.inputValue(), 'manager');

      // The user signs in on their device with the new role: the audit trail, no user administration.
      const device = await openSignIn();
      contexts.push(device.context);
      await submitSignIn(device.page, user.username, user.password);
      await waitSignedIn(device.page, user.username);
      const areas = await navAreas(device.page);
      assert.ok(areas.includes('nav-audit') && !areas.includes('nav-users'), `a manager's areas: ${areas}`);
      await waitForSync(device.page, (s) => s.lastSuccess !== '' && s.state === 'online', 'the device syncs');

      // Deactivated: marked so, and still so once read again.
      const toggle = row.getByTestId('user-active');
      assert.equal((await toggle.textContent()).trim(), 'Désactiver');
      await toggle.click();
      await badge(row, 'Désactivé').waitFor();
      assert.equal((await toggle.textContent()).trim(), 'Réactiver');
      assert.match(await row.getAttribute('class'), /list__item--archived/);
      await assertAccessible(page, 'users with a deactivated account');
      await page.screenshot({ path: artifact('admin-users-deactivated-1440x900.png'), fullPage: true });
      await reload(page);
      await badge(row, 'Désactivé').waitFor();
      assert.equal((await toggle.textContent()).trim(), 'Réactiver');

      // Their open session ended with it: the device's next sync is refused.
      await device.page.getByTestId('sync-now').click();
      const refusedSync = device.page.locator('[data-testid="sync-error"][data-code="unauthenticated"]');
      await refusedSync.waitFor();
      assert.match(await refusedSync.textContent(), /session a expiré/);
      // And signing in again is refused, on the sign-in page of another profile.
      const other = await openSignIn();
      contexts.push(other.context);
      await submitSignIn(other.page, user.username, user.password);
      await other.page.locator('[data-testid="signin-error"][data-code="unauthenticated"]').filter({ hasText: kWrongPassword }).waitFor();
      assert.equal(await other.page.evaluate(() => document.querySelector('[data-testid="app-main"]')?.getAttribute('data-user') ?? ''), '', 'not signed in');
      assert.equal(await other.page.getByTestId('signin-form').count(), 1);
      await other.page.screenshot({ path: artifact('admin-signin-deactivated-1024x768.png') });

      // Reactivated: the badge goes, and the user signs in.
      await toggle.click();
      await badge(row, 'Désactivé').waitFor({ state: 'detached' });
      assert.equal((await toggle.textContent()).trim(), 'Désactiver');
      assert.doesNotMatch(await row.getAttribute('class'), /list__item--archived/);
      await reload(page);
      await row.waitFor();
      assert.equal(await badge(row, 'Désactivé').count(), 0);
      await submitSignIn(other.page, user.username, user.password);
      await waitSignedIn(other.page, user.username);
      assert.deepEqual(admin.problems, []);
      assert.deepEqual(unexpected(device.problems), []);
      assert.deepEqual(unexpected(other.problems), []);
    } finally {
      for (const context of contexts) await context.close();
    }
  });

  test('the admin resets a password: shown once, the old one refused, the temporary one must be changed', kTimeout, async () => {
    const user = await ensureUser(`rose${suffix}`, 'technician');
    const admin = await openAsAdmin('/#/users');
    const contexts = [admin.context];
    const { page } = admin;
    try {
      const row = userRow(page, user.username);
      await row.waitFor();
      assert.equal(await badge(row, 'Mot de passe temporaire').count(), 0);
      // ensureUser signed them in once (through the API): a reset ends that session.
      const sessions = page.locator(`[data-testid="session-row"][data-username="${user.username}"]`);
      assert.equal(await sessions.count(), 1, 'the user’s open session');
      await row.getByTestId('user-reset').click();
      const dialog = page.getByTestId('user-secret');
      await dialog.waitFor();
      assert.match(await dialog.textContent(), /Mot de passe réinitialisé/);
      assert.ok((await dialog.textContent()).includes(user.username), 'the dialog names the account');
      const temporary = (await page.getByTestId('user-secret-password').textContent()).trim();
      assert.match(temporary, /^[A-HJ-NP-Za-km-z2-9]{5}(-[A-HJ-NP-Za-km-z2-9]{5}){3}$/, `temporary password "${temporary}"`);
      await page.getByTestId('user-secret-close').click();
      await dialog.waitFor({ state: 'detached' });
      // Shown once: gone from the page, and not shown again after a reload.
      assert.ok(!(await page.content()).includes(temporary), 'the password stays on the page');
      // The screen shows what the server now has, as after any other change on the row: the
      // account has a temporary password, and its sessions ended.
      await badge(row, 'Mot de passe temporaire').waitFor({ timeout: 10_000 });
      await sessions.waitFor({ state: 'detached', timeout: 10_000 });
      await reload(page);
      await badge(row, 'Mot de passe temporaire').waitFor();
      assert.equal(await sessions.count(), 0, 'the reset ended the user’s session');
      assert.equal(await page.getByTestId('user-secret').count(), 0);
      assert.ok(!(await page.content()).includes(temporary), 'the password is shown again');

      // The user's old password no longer opens; the temporary one does, and asks for their own.
      const device = await openSignIn();
      contexts.push(device.context);
      await submitSignIn(device.page, user.username, user.password);
      await device.page.getByTestId('signin-error').filter({ hasText: kWrongPassword }).waitFor();
      await submitSignIn(device.page, user.username, temporary);
      await device.page.getByTestId('password-form').waitFor();
      await device.page.screenshot({ path: artifact('admin-reset-first-password-1024x768.png') });
      assert.equal(await device.page.getByTestId('app-nav').count(), 0, 'nothing else until the password is changed');
      await device.page.getByTestId('password-current').fill(temporary);
      await device.page.getByTestId('password-new').fill(`Rose-chosen-${suffix}`);
      await device.page.getByTestId('password-confirm').fill(`Rose-chosen-${suffix}`);
      await device.page.getByTestId('password-submit').click();
      await waitSignedIn(device.page, user.username);
      await device.page.getByTestId('nav-settings').waitFor();
      // The account no longer has a temporary password.
      await reload(page);
      await row.waitFor();
      assert.equal(await badge(row, 'Mot de passe temporaire').count(), 0);
      assert.deepEqual(admin.problems, []);
      assert.deepEqual(unexpected(device.problems), []);
    } finally {
      for (const context of contexts) await context.close();
    }
  });

  test('the admin links an employee to an account from the account’s row', kTimeout, async () => {
    const user = await ensureUser(`noe${suffix}`, 'technician');
    const name = `Noé Petit ${suffix}`;
    const { context, page, problems } = await openAsAdmin('/#/people');
    try {
      const employeeId = await createEmployee(page, name);
      await page.getByTestId('nav-users').click();
      const row = userRow(page, user.username);
      await row.waitFor();
      const select = row.getByTestId('user-employee');
      assert.equal(await select.inputValue(), '');
      await select.locator(`option[value="${employeeId}"]`).waitFor({ state: 'attached' });
      await select.selectOption(employeeId);
      // Linked: the row opens the employee's record, and no other account's row offers them.
      const open = row.getByRole('link', { name: 'Fiche du salarié' });
      await open.waitFor();
      assert.equal(await select.inputValue(), employeeId);
      await userRow(page, 'admin').getByTestId('user-employee').locator(`option[value="${employeeId}"]`).waitFor({ state: 'detached' });
      assert.equal(await row.locator('.users__error').textContent(), '');
      await synced(page, 'the link reaches the server');
      await reload(page);
      await page.waitForFunction(
        ([username, id]) => document.querySelector(`[data-testid="user-row"][data-username="${username}"] [data-testid="user-employee"]`)?.value === id,
        [user.username, employeeId],
        { timeout: 30_000 },
      );
      const userId = (await select.getAttribute('id')).replace(/^user-/, '').replace(/-employee$/, '');
      // The employee's record names the account, and the list says the employee has one.
      await open.click();
      await page.getByTestId('employee-name').filter({ hasText: name }).waitFor();
      assert.equal(decodeURIComponent(new URL(page.url()).hash.split('/').pop()), employeeId);
      await page.getByTestId('employee-user').locator(`option[value="${userId}"]`).waitFor({ state: 'attached' });
      assert.equal(await page.getByTestId('employee-user').inputValue(), userId);
      await page.getByTestId('people-tab-employees').click();
      await badge(page.locator(`[data-testid="employee-row"][data-name="${name}"]`), 'A un compte').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the admin chooses who receives the alert e-mails, with what, in which language', kTimeout, async () => {
    const user = await ensureUser(`zoe${suffix}`, 'technician');
    const { context, page, problems } = await openAsAdmin('/#/users');
    try {
      const row = userRow(page, user.username);
      await row.waitFor();
      assert.equal(await row.getByTestId('user-mail-badge').count(), 0);
      // By keyboard: the button opens a dialog whose first field takes focus.
      await row.getByTestId('user-mail').focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('user-mail-dialog');
      await dialog.waitFor();
      const email = dialog.getByTestId('user-mail-email');
      assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'the address field has focus');
      // Sections without an address: said at once.
      await dialog.getByTestId('user-mail-mail_orders').check();
      await dialog.getByTestId('user-mail-no-address').waitFor();
      // A bad address is refused by the server, with the field's message, and nothing changes.
      await email.fill('zoe-at-example');
      await dialog.getByTestId('user-mail-save').click();
      await dialog.getByText('Saisissez une adresse e-mail valide.').waitFor();
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      await untilServer(user.username, (u) => u.mail_orders === false && u.email === null, 'nothing saved');
      await assertAccessible(page, 'e-mail alerts dialog with an error');
      await page.screenshot({ path: artifact('admin-users-mail-dialog-1440x900.png') });

      await email.fill(`zoe${suffix}@example.fr`);
      await dialog.getByTestId('user-mail-mail_maintenance').check();
      await dialog.getByTestId('user-mail-language').selectOption('en');
      await dialog.getByTestId('user-mail-save').click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByTestId('user-mail-badge').waitFor();
      const saved = await untilServer(user.username, (u) => u.mail_orders && u.mail_maintenance, 'the settings');
      assert.equal(saved.mail_stock, false);
      assert.equal(saved.mail_language, 'en');
      assert.equal(saved.email, `zoe${suffix}@example.fr`);
      assert.match(await row.textContent(), new RegExp(`zoe${suffix}@example\\.fr`));

      // Read again: the dialog shows what the server holds; Escape closes it without saving.
      await reload(page);
      await row.getByTestId('user-mail').click();
      await dialog.waitFor();
      assert.equal(await dialog.getByTestId('user-mail-mail_orders').isChecked(), true);
      assert.equal(await dialog.getByTestId('user-mail-mail_stock').isChecked(), false);
      assert.equal(await dialog.getByTestId('user-mail-language').inputValue(), 'en');
      await dialog.getByTestId('user-mail-mail_stock').check();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await untilServer(user.username, (u) => u.mail_stock === false, 'Escape saved nothing');
      await page.setViewportSize(kSizes[2].viewport);
      await row.getByTestId('user-mail').click();
      await dialog.waitFor();
      await page.screenshot({ path: artifact('admin-users-mail-dialog-800x1280.png') });
      await page.keyboard.press('Escape');
      // The refused address answered 400 (the error shown above); nothing else went wrong.
      assert.deepEqual(problems.filter((p) => !/^HTTP 400: .*\/api\/admin\/users\/update$/.test(p)), []);
    } finally {
      await context.close();
    }
  });

  test('the admin revokes a session: that device’s next sync is refused', kTimeout, async () => {
    const user = await ensureUser(`sacha${suffix}`, 'technician', { changePassword: false });
    const device = await openSignIn();
    const contexts = [device.context];
    try {
      // Signing in and choosing a password leaves exactly one session: this device's.
      await signInWithTemporaryPassword(device.page, user.username, user.password, `Sacha-chosen-${suffix}`);
      await waitForSync(device.page, (s) => s.lastSuccess !== '' && s.state === 'online', 'the device syncs');

      const admin = await openAsAdmin('/#/users');
      contexts.push(admin.context);
      const { page } = admin;
      const sessions = page.locator(`[data-testid="session-row"][data-username="${user.username}"]`);
      await sessions.first().waitFor();
      assert.equal(await sessions.count(), 1, 'one session, the device’s');
      const admins = await page.locator('[data-testid="session-row"][data-username="admin"]').count();
      assert.ok(admins >= 1, 'the admin’s own session is listed');
      await sessions.getByTestId('session-revoke').click();
      await sessions.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('sessions-card').locator('[role="alert"]').textContent(), '');
      await reload(page);
      await page.getByTestId('session-row').first().waitFor();
      assert.equal(await sessions.count(), 0, 'the revoked session is listed again');
      assert.ok(await page.locator('[data-testid="session-row"][data-username="admin"]').count() >= 1, 'the admin’s sessions stay');

      // The device still shows its page, but its next sync is refused: sign in again.
      await device.page.getByTestId('sync-now').click();
      const refused = device.page.locator('[data-testid="sync-error"][data-code="unauthenticated"]');
      await refused.waitFor();
      assert.match(await refused.textContent(), /session a expiré/);
      await device.page.screenshot({ path: artifact('admin-session-revoked-1024x768.png') });
      assert.deepEqual(admin.problems, []);
      assert.deepEqual(unexpected(device.problems), []);
      assert.ok(device.problems.some((p) => /^HTTP 401: .*\/api\//.test(p)), `the server refused the revoked session: ${device.problems}`);
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});

describe('people: archiving and team membership', () => {
  test('an archived employee is marked so, leaves the list, and stays archived after a reload', kTimeout, async () => {
    const name = `Camille Archive ${suffix}`;
    const { context, page, problems } = await openAsAdmin('/#/people');
    try {
      await createEmployee(page, name);
      const archive = page.getByTestId('employee-archive');
      assert.equal((await archive.textContent()).trim(), 'Archiver');
      assert.equal(await badge(page.getByTestId('employee-name'), 'Archivé').count(), 0);
      await archive.click();
      await badge(page.getByTestId('employee-name'), 'Archivé').waitFor();
      assert.equal((await archive.textContent()).trim(), 'Restaurer');
      await synced(page, 'the archive reaches the server');
      await reload(page);
      await page.getByTestId('employee-name').filter({ hasText: name }).waitFor();
      await badge(page.getByTestId('employee-name'), 'Archivé').waitFor();
      assert.equal((await archive.textContent()).trim(), 'Restaurer');

      // The list hides it, unless archived employees are asked for: then marked archived.
      await page.getByTestId('employee-back').click();
      const listed = page.locator(`[data-testid="employee-row"][data-name="${name}"]`);
      await page.getByTestId('employees-archived').check();
      await listed.waitFor();
      await badge(listed, 'Archivé').waitFor();
      assert.match(await listed.getAttribute('class'), /list__item--archived/);
      await page.screenshot({ path: artifact('admin-employees-archived-1440x900.png'), fullPage: true });
      await page.getByTestId('employees-archived').uncheck();
      await listed.waitFor({ state: 'detached' });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an archived skill is marked so, no longer offered to employees, and stays archived after a reload', kTimeout, async () => {
    const archived = `Hydraulique ${suffix}`;
    const kept = `Pneumatique ${suffix}`;
    const { context, page, problems } = await openAsAdmin('/#/people/skills');
    try {
      for (const name of [archived, kept]) {
        await page.getByTestId('skill-new-name').fill(name);
        await page.getByTestId('skill-create').click();
        await page.getByTestId('skill-row').filter({ hasText: name }).waitFor();
      }
      const row = page.getByTestId('skill-row').filter({ hasText: archived });
      assert.equal(await badge(row, 'Archivé').count(), 0);
      await row.getByRole('button', { name: `Archiver — ${archived}` }).click();
      await row.getByRole('button', { name: `Restaurer — ${archived}` }).waitFor();
      await badge(row, 'Archivé').waitFor();
      assert.match(await row.getAttribute('class'), /list__item--archived/);
      const other = page.getByTestId('skill-row').filter({ hasText: kept });
      assert.equal(await badge(other, 'Archivé').count(), 0, 'only that skill is archived');
      await synced(page, 'the archive reaches the server');
      await reload(page);
      await badge(row, 'Archivé').waitFor();
      assert.match(await row.getAttribute('class'), /list__item--archived/);
      await row.getByRole('button', { name: `Restaurer — ${archived}` }).waitFor();
      await page.screenshot({ path: artifact('admin-skills-archived-1440x900.png'), fullPage: true });

      // An employee's skill picker offers the other skill, not the archived one.
      await createEmployee(page, `Alex Compétences ${suffix}`);
      const picker = page.getByTestId('employee-skill-new');
      await picker.locator('option', { hasText: kept }).waitFor({ state: 'attached' });
      const offered = await picker.locator('option').allTextContents();
      assert.ok(!offered.includes(archived), `the archived skill is offered: ${offered}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a member removed from a team and an archived team stay so after a reload', kTimeout, async () => {
    const member = `Lou Membre ${suffix}`;
    const teamName = `Équipe Sud ${suffix}`;
    const { context, page, problems } = await openAsAdmin('/#/people');
    try {
      const employeeId = await createEmployee(page, member);
      await page.getByTestId('people-tab-teams').click();
      await page.getByTestId('team-new-name').fill(teamName);
      await page.getByTestId('team-create').click();
      const team = page.locator(`[data-testid="team-card"][data-name="${teamName}"]`);
      await team.waitFor();
      await team.getByTestId('team-add-select').locator('option', { hasText: member }).waitFor({ state: 'attached' });
      await team.getByTestId('team-add-select').selectOption({ label: member });
      await team.getByTestId('team-add').click();
      const row = team.getByTestId('team-member').filter({ hasText: member });
      await row.waitFor();

      // Removed: gone from the card, which says it has no member and offers them again.
      await team.getByRole('button', { name: `Retirer ${member} de ${teamName}` }).click();
      await row.waitFor({ state: 'detached' });
      await team.getByText('Aucun membre pour l’instant.').waitFor();
      await team.getByTestId('team-add-select').locator('option', { hasText: member }).waitFor({ state: 'attached' });

      // Archived: marked so, and nobody can be added to it any more.
      await team.getByRole('button', { name: 'Archiver', exact: true }).click();
      await badge(team, 'Archivé').waitFor();
      await team.getByRole('button', { name: 'Restaurer', exact: true }).waitFor();
      assert.match(await team.getAttribute('class'), /people__archived/);
      assert.equal(await team.getByTestId('team-add-select').count(), 0, 'a member can be added to an archived team');
      await synced(page, 'the changes reach the server');

      await reload(page);
      await team.waitFor();
      await badge(team, 'Archivé').waitFor();
      await team.getByRole('button', { name: 'Restaurer', exact: true }).waitFor();
      assert.equal(await team.getByTestId('team-member').count(), 0);
      await team.getByText('Aucun membre pour l’instant.').waitFor();
      assert.equal(await team.getByTestId('team-add-select').count(), 0);
      await page.screenshot({ path: artifact('admin-teams-archived-1440x900.png'), fullPage: true });
      // The former member's record lists no team.
      await page.goto(`/#/people/employee/${employeeId}`);
      await page.getByTestId('employee-name').filter({ hasText: member }).waitFor();
      await page.getByText('Dans aucune équipe.').waitFor();
      assert.equal(await page.getByTestId('employee-teams').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
