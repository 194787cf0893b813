/**
 * First run (issue 15, point 6), each on a private server of its own:
 *
 * - an empty database: the administrator's landing screen shows the getting-started list
 *   (places, people, items), none ticked, with links; once a location exists, that step is
 *   ticked; axe-core clean, FR and EN;
 * - a database filled by `invento-server seed-demo`: no getting-started list; the demo manager
 *   (signing in with the password the command printed) sees people, items, alerts and a
 *   count in progress; the demo technician sees their work orders and their van in counting.
 *
 * Screenshots: tests/e2e/artifacts/start-*.png.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { kAdminPassword } from './lib/accounts.mjs';
import { seriousAxeViolations } from './lib/axe.mjs';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const kTimeout = { timeout: 180_000 };
const shared = sharedBrowser();

async function post(baseUrl, path, body, token) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  assert.equal(response.status, 200, `${path}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

async function assertAccessible(page, what) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${what}: axe-core found serious/critical violations:\n${violations.join('\n')}`);
}

describe('first run', () => {
  test('an empty company shows the getting-started list, ticked as steps are done', kTimeout, async () => {
    const server = await startPrivateServer();
    try {
      const { context, page } = await openPage(shared.browser, { baseURL: server.baseUrl });
      try {
        await page.goto('/');
        await coreState(page); // signs in as admin (the first-run password changed through the API)
        const list = page.getByTestId('getting-started');
        await list.waitFor();
        for (const step of ['locations', 'people', 'items']) {
          assert.equal(await page.getByTestId(`getting-started-${step}`).getAttribute('data-done'), 'false', step);
        }
        assert.match(await list.textContent(), /Pour commencer.*Créez vos emplacements.*Ajoutez votre personnel.*Ajoutez vos articles/s);
        assert.equal(await list.getByRole('link', { name: /Ajoutez vos articles/ }).getAttribute('href'), '#/stock');
        await assertAccessible(page, 'getting started (fr)');
        await page.screenshot({ path: artifact('start-empty-fr-1024x768.png'), fullPage: true });

        // A location made elsewhere (another device) reaches this one: its step is ticked.
        const login = await post(server.baseUrl, '/api/login', { username: 'admin', password: kAdminPassword });
        await post(server.baseUrl, '/api/push', {
          client_id: randomUUID(),
          mutations: [{ id: 1, name: 'location.create', at: Date.now(), args: { id: randomUUID(), kind: 'warehouse', name: 'Entrepôt Lyon' } }],
        }, login.token);
        await page.locator('[data-testid="getting-started-locations"][data-done="true"]').waitFor({ timeout: 30_000 });
        assert.equal(await page.getByTestId('getting-started-people').getAttribute('data-done'), 'false');

        await page.getByTestId('language-picker').selectOption('en');
        await page.getByText('Getting started').waitFor();
        await assertAccessible(page, 'getting started (en)');
        await page.screenshot({ path: artifact('start-empty-en-1024x768.png'), fullPage: true });
      } finally {
        await context.close();
      }
    } finally {
      await server.stop();
    }
  });

  test('seed-demo: a newcomer finds every screen populated', kTimeout, async () => {
    const server = await startPrivateServer({}, { seedDemo: true });
    try {
      const password = /password for all: (\S+),/.exec(server.seedOutput)?.[1];
      assert.ok(password, `no password in the seed-demo output:\n${server.seedOutput}`);

      const manager = await openPage(shared.browser, { baseURL: server.baseUrl, viewport: { width: 1440, height: 900 } });
      try {
        const { page } = manager;
        await page.goto('/#/people');
        await coreState(page, { user: { username: 'claire.dubois', password } });
        await page.getByTestId('employee-row').first().waitFor({ timeout: 60_000 });
        assert.equal(await page.getByTestId('employee-row').count(), 7);
        assert.equal(await page.getByTestId('getting-started').count(), 0, 'a seeded company still shows getting started');
        await page.screenshot({ path: artifact('start-demo-people-1440x900.png') });

        await page.goto('/#/stock');
        const summary = page.getByTestId('stock-list-summary');
        await page.waitForFunction(() => document.querySelector('[data-testid="stock-list-summary"]')?.getAttribute('data-count') === '300', undefined, { timeout: 30_000 });
        assert.match(await summary.textContent(), /300/);
        await page.getByTestId('stock-row').first().waitFor();
        await page.screenshot({ path: artifact('start-demo-stock-1440x900.png') });

        await page.goto('/#/count');
        await page.getByTestId('count-location').waitFor();
        const van = await page.getByTestId('count-location').locator('option', { hasText: 'Camionnette 1' }).getAttribute('value');
        await page.getByTestId('count-location').selectOption(van);
        await page.getByTestId('count-session-continue').first().waitFor();
        assert.match(await page.getByTestId('count-sessions').textContent(), /Inventaire camionnette 1/);
        await page.screenshot({ path: artifact('start-demo-count-1440x900.png') });
      } finally {
        await manager.context.close();
      }

      const technician = await openPage(shared.browser, { baseURL: server.baseUrl, viewport: { width: 800, height: 1280 } });
      try {
        const { page } = technician;
        await page.goto('/');
        await coreState(page, { user: { username: 'lucas.moreau', password } });
        await page.getByTestId('work-card').first().waitFor({ timeout: 60_000 });
        const titles = (await page.getByTestId('work-card').allTextContents()).join('\n');
        assert.match(titles, /Remplacement tableau divisionnaire bloc B/);
        await page.screenshot({ path: artifact('start-demo-technician-work-800x1280.png') });
        await page.goto('/#/count');
        await page.getByTestId('count-location').locator('option', { hasText: 'Camionnette 1' }).waitFor({ state: 'attached' });
        const options = await page.getByTestId('count-location').locator('option').allTextContents();
        assert.ok(options.some((name) => name.includes('Camionnette 1')), `the technician's van is not offered: ${options}`);
        assert.ok(!options.some((name) => name.includes('Camionnette 2')), `another technician's van is offered: ${options}`);
      } finally {
        await technician.context.close();
      }
    } finally {
      await server.stop();
    }
  });
});
