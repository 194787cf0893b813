/**
 * Foundation end-to-end test: the web app starts the C++ core in its Worker, shows the
 * core and SQLite versions, creates stock categories through the core, shows the core's
 * refusals (empty name, duplicate) and switches language, under the server's strict
 * Content-Security-Policy, with no console or page error.
 *
 * Run: node tests/e2e/foundation.test.mjs   (BASE_URL defaults to http://127.0.0.1:8080;
 * EXPECTED_SQLITE defaults to 3.50.4). Screenshots go to tests/e2e/artifacts/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { artifact, coreState, kBaseUrl, openPage, sharedBrowser } from './lib/browser.mjs';
import { startPrivateServer } from './lib/test_server.mjs';

const kSqliteVersion = process.env.EXPECTED_SQLITE ?? '3.50.4';
const kTimeout = { timeout: 60_000 };

const shared = sharedBrowser();

/** Loads the app and waits until the core is ready. */
async function loadApp(page) {
  // Already on the app: a reload (a new address differing only by its #fragment would not load).
  const response = page.url().startsWith('http') ? await page.reload() : await page.goto('/#/categories');
  assert.ok(response?.ok(), `GET ${page.url()} -> ${response?.status()}`);
  await coreState(page);
  return response;
}

async function createCategory(page, name) {
  await page.getByTestId('category-name-input').fill(name);
  await page.getByTestId('category-submit').click();
}

function itemNames(page) {
  return page.getByTestId('category-item').allTextContents();
}

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `console/page errors, CSP violations or failed requests:\n${problems.join('\n')}`);
}

describe('foundation at 1024x768 (French browser)', () => {
  let session;
  // A server of its own: these steps expect an empty list of categories, whatever the other
  // test files have created on the shared server.
  let server;

  before(async () => {
    server = await startPrivateServer();
    session = await openPage(shared.browser, { viewport: { width: 1024, height: 768 }, locale: 'fr-FR', baseURL: server.baseUrl });
  });

  after(async () => {
    if (session?.warnings.length) console.log(`# browser warnings:\n# ${session.warnings.join('\n# ')}`);
    await session?.context.close();
    await server?.stop();
  });

  test('the server sends a strict Content-Security-Policy', kTimeout, async () => {
    const response = await session.page.goto('/#/categories');
    const csp = (await response.headerValue('content-security-policy')) ?? '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, `CSP header: "${csp}"`);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, `CSP header: "${csp}"`);
  });

  test('shows a loading state, then the core and SQLite versions', kTimeout, async () => {
    const { context, page } = session;
    // Hold the wasm back so the loading state is observable.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto('/#/categories');
      const status = page.getByTestId('core-status');
      await status.waitFor();
      assert.equal(await status.getAttribute('data-state'), 'loading');
      assert.equal(await status.textContent(), 'Démarrage du moteur…');
    } finally {
      release();
    }
    await coreState(page);
    await context.unrouteAll();
    const text = await page.getByTestId('versions').textContent();
    assert.match(text, new RegExp(`SQLite ${kSqliteVersion.replaceAll('.', '\\.')}`));
    assert.match(text, /^Moteur \d+\.\d+\.\d+/);
    assert.equal(await page.getByTestId('core-status').getAttribute('data-state'), 'ready');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await page.getByTestId('category-list-empty').waitFor();
  });

  test('creates a category through the form and lists it', kTimeout, async () => {
    const { page } = session;
    await createCategory(page, 'Visserie');
    await page.getByTestId('category-item').filter({ hasText: 'Visserie' }).waitFor();
    assert.deepEqual(await itemNames(page), ['Visserie']);
    assert.equal(await page.getByTestId('category-name-input').inputValue(), '');
    assert.equal(await page.getByTestId('category-name-error').textContent(), '');
    const id = await page.getByTestId('category-item').first().getAttribute('data-id');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('creates a second category with the keyboard only', kTimeout, async () => {
    const { page } = session;
    await page.getByTestId('category-name-input').focus();
    await page.keyboard.type('Électricité');
    await page.keyboard.press('Enter');
    await page.getByTestId('category-item').filter({ hasText: 'Électricité' }).waitFor();
    assert.equal((await itemNames(page)).length, 2);
    // The focus stays in the field, ready for the next one, and is visibly drawn.
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el?.id, style: el ? getComputedStyle(el).outlineStyle : 'none' };
    });
    assert.equal(outline.id, 'category-name');
    assert.notEqual(outline.style, 'none', 'the focused field shows no focus ring');
  });

  test('an empty name shows the core error and adds nothing', kTimeout, async () => {
    const { page } = session;
    const before = await itemNames(page);
    await createCategory(page, '');
    const error = page.getByTestId('category-name-error');
    await page.waitForFunction(() => document.querySelector('[data-testid="category-name-error"]')?.textContent !== '');
    assert.notEqual((await error.textContent()).trim(), '');
    assert.equal(await page.getByTestId('category-name-input').getAttribute('aria-invalid'), 'true');
    assert.equal(await error.getAttribute('aria-live'), 'assertive');
    assert.deepEqual(await itemNames(page), before);
    await page.screenshot({ path: artifact('foundation-error-1024x768.png') });
  });

  test('a duplicate name shows the conflict message', kTimeout, async () => {
    const { page } = session;
    const before = await itemNames(page);
    await createCategory(page, 'Visserie');
    await page.getByTestId('category-name-error').filter({ hasText: 'Une catégorie porte déjà ce nom.' }).waitFor();
    assert.deepEqual(await itemNames(page), before);
    await page.screenshot({ path: artifact('foundation-conflict-1024x768.png') });
  });

  test('switching to English translates the page, and the choice is kept', kTimeout, async () => {
    const { page } = session;
    const label = page.getByTestId('category-name-label');
    assert.equal(await label.textContent(), 'Nom de la catégorie');
    await page.getByTestId('language-picker').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await label.textContent(), 'Category name');
    // The error already shown is translated too.
    assert.equal(await page.getByTestId('category-name-error').textContent(), 'A category with this name already exists.');
    assert.match(await page.getByTestId('versions').textContent(), /^Core /);

    await loadApp(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await label.textContent(), 'Category name');
    assert.equal(await page.getByTestId('language-picker').inputValue(), 'en');
  });

  test('layout: 1024x768 fits, touch targets are at least 44px', kTimeout, async () => {
    const { page } = session;
    await createCategory(page, 'Filtres');
    await page.getByTestId('category-item').first().waitFor();
    await assertLayout(page);
    await page.screenshot({ path: artifact('foundation-1024x768.png'), fullPage: true });
  });

  test('no console error, page error, CSP violation or failed request', () => {
    assertNoProblems(session.problems);
  });
});

/** No horizontal scrolling; every control is a comfortable touch target. */
async function assertLayout(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls horizontally by ${overflow}px`);
  for (const id of ['category-name-input', 'category-submit', 'language-picker', 'category-item']) {
    const box = await page.getByTestId(id).first().boundingBox();
    assert.ok(box, `${id} is not visible`);
    assert.ok(box.height >= 44, `${id} is ${box.height}px high (< 44px)`);
    assert.ok(box.width >= 44, `${id} is ${box.width}px wide (< 44px)`);
  }
}

describe('other screen sizes', () => {
  for (const { name, viewport } of [
    { name: '800x1280', viewport: { width: 800, height: 1280 } },
    { name: '390x844', viewport: { width: 390, height: 844 } },
  ]) {
    test(`layout at ${name}`, kTimeout, async () => {
      const { context, page, problems } = await openPage(shared.browser, { viewport });
      try {
        await loadApp(page);
        // Names of their own: earlier tests' categories reach this page from the server.
        for (const category of [`Visserie ${name}`, `Électricité ${name}`, `Filtres à huile et à air ${name}`]) {
          await createCategory(page, category);
          await page.getByTestId('category-item').filter({ hasText: category }).waitFor();
        }
        await createCategory(page, `Visserie ${name}`);
        await page.getByTestId('category-name-error').filter({ hasText: /./ }).waitFor();
        await assertLayout(page);
        await page.screenshot({ path: artifact(`foundation-${name}.png`), fullPage: true });
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    });
  }
});

describe('installability', () => {
  test('index.html links the manifest; the manifest and its icons are served', kTimeout, async () => {
    const html = await (await fetch(`${kBaseUrl}/`)).text();
    assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest"/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|\sstyle=/, 'inline script or style attribute in index.html');
    const response = await fetch(`${kBaseUrl}/manifest.webmanifest`);
    assert.equal(response.status, 200);
    const manifest = await response.json();
    assert.equal(manifest.name, 'Invento');
    assert.equal(manifest.start_url, '/');
    assert.equal(manifest.display, 'standalone');
    const sizes = manifest.icons.map((icon) => icon.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `icon sizes: ${sizes}`);
    for (const icon of manifest.icons) {
      const file = await fetch(`${kBaseUrl}${icon.src}`);
      assert.equal(file.status, 200, icon.src);
      assert.equal(file.headers.get('content-type')?.split(';')[0], icon.type, icon.src);
      if (icon.type === 'image/png') {
        const bytes = Buffer.from(await file.arrayBuffer());
        const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
        assert.equal(`${width}x${height}`, icon.sizes, icon.src);
      }
    }
  });
});

describe('default language', () => {
  for (const { locale, expected } of [
    { locale: 'en-US', expected: 'en' },
    { locale: 'fr-CA', expected: 'fr' },
    { locale: 'de-DE', expected: 'fr' },
  ]) {
    test(`navigator.language ${locale} -> ${expected}`, kTimeout, async () => {
      const { context, page, problems } = await openPage(shared.browser, { locale });
      try {
        await loadApp(page);
        assert.equal(await page.locator('html').getAttribute('lang'), expected);
        assert.equal(await page.getByTestId('language-picker').inputValue(), expected);
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    });
  }
});
