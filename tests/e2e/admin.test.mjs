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
 * Screenshots: tests/e2e/artifacts/admin-*.png at 1440x900, 1024x768 and 800x1280.
 * Run alone on a fresh server (tests/e2e/run-one.sh <dist> admin.test.mjs) it starts from an
 * empty database; in the full run it is the first file, so the database is empty too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, launchPersistent, openPage, sharedBrowser } from './lib/browser.mjs';
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
