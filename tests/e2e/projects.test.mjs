/**
 * Maintenance and projects at the desk (issue 16, points 4 and 5), through the UI:
 *
 * - a manager creates a client with a contact and a project with a budget; a duplicate
 *   project code and an empty name show the core's clear error and change nothing;
 * - work orders of the project are seeded through the API (task.create with project_id,
 *   time.log at a dated rate, task.consume) and their labour and materials appear in the
 *   cost figures the core computes; a cost line added through the UI puts the project over
 *   budget and the overrun warning shows; the status workflow shows the core's refusal;
 * - a consultant (English UI) sees the screens with no editing control;
 * - each printable document (work-order sheet, project cost report, count report, label sheet)
 *   renders to a PDF (page.pdf) and, with print media emulated, shows no navigation or button;
 * - axe-core clean (French, and English for the consultant), no sideways scroll and 44 px
 *   targets at 1024x768 and 800x1280. Screenshots: tests/e2e/artifacts/projects-*.png.
 *
 * Runs on a shared server after other files: every name and code carries a tag.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { ensureUser } from './lib/accounts.mjs';
import { artifact, coreState, openPage, sharedBrowser } from './lib/browser.mjs';
import { assertAccessible, checkScreen, kSizes } from './lib/screen_checks.mjs';
import { pushAsAdmin } from './lib/server_api.mjs';

const kTimeout = { timeout: 300_000 };
const shared = sharedBrowser();
const tag = String(Date.now() % 1_000_000);
const clientName = `Boulangerie Dupont ${tag}`;
const code = `PRJ-${tag}`;
const projectName = `Rénovation four ${tag}`;
const axeOnce = { axeAt: ['1024x768'] };

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A printable document: A4 PDF with at least one page, and a print-media screenshot without chrome. */
async function checkPrintable(page, route, testId, name) {
  await page.goto(route);
  await page.locator(`[data-testid="${testId}"][data-ready="true"]`).waitFor({ timeout: 30_000 });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', `${name}: not a PDF`);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.ok(pages >= 1, `${name}: the PDF has no page`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('app-nav').isVisible(), false, `${name}: navigation printed`);
  assert.equal(await page.getByTestId('sync-status').isVisible(), false, `${name}: sync bar printed`);
  assert.equal(await page.getByTestId('print-button').isVisible(), false, `${name}: button printed`);
  await page.screenshot({ path: artifact(`projects-print-${name}.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
}

describe('projects and clients', () => {
  test('a manager runs a client project, its costs and its printable documents', kTimeout, async () => {
    const manager = await ensureUser(`mgrp${tag}`, 'manager');
    const consultant = await ensureUser(`consp${tag}`, 'consultant');
    const { context, page, problems } = await openPage(shared.browser, { viewport: kSizes[0].viewport });
    await page.goto('/');
    await coreState(page, { user: manager });

    // A client with a contact.
    await page.goto('/#/clients');
    await page.getByTestId('client-new').click();
    await page.getByTestId('client-name').fill(clientName);
    await page.getByTestId('client-contact-add').click();
    await page.getByTestId('client-contact-name').fill('Marie Dupont');
    await page.getByTestId('client-contact-email').fill('marie@example.com');
    await page.getByTestId('client-contact-phone').fill('01 23 45 67 89');
    await checkScreen(page, 'projects', 'client-dialog', { sizes: [kSizes[1]] });
    await page.getByTestId('client-save').click();
    await page.locator(`[data-testid="client-detail"][data-name="${clientName}"]`).waitFor();
    assert.match(await page.getByTestId('client-contact-row').first().textContent(), /Marie Dupont.*marie@example\.com/);
    const clientId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());

    // A project with a budget of 1 000 €.
    await page.goto('/#/projects');
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-code').fill(code);
    await page.getByTestId('project-name').fill(projectName);
    await page.getByTestId('project-client').selectOption(clientId);
    await page.getByTestId('project-start').fill('2026-01-05');
    await page.getByTestId('project-end').fill('2026-12-18');
    await page.getByTestId('project-budget').fill('1000');
    await checkScreen(page, 'projects', 'project-dialog', { sizes: [kSizes[1]] });
    await page.getByTestId('project-save').click();
    await page.locator(`[data-testid="project-detail"][data-code="${code}"]`).waitFor();
    const projectId = decodeURIComponent(new URL(page.url()).hash.split('/').pop());

    // Bad input: the core's error, nothing created.
    await page.goto('/#/projects');
    await page.locator(`[data-testid="project-row"][data-code="${code}"]`).waitFor();
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-code').fill(code.toLowerCase());
    await page.getByTestId('project-name').fill(`Doublon ${tag}`);
    await page.getByTestId('project-save').click();
    await page.locator('#project-code-error', { hasText: 'déjà utilisé' }).waitFor();
    await page.getByTestId('project-code').fill(`${code}-B`);
    await page.getByTestId('project-name').fill('');
    await page.getByTestId('project-save').click();
    await page.locator('#project-name-error', { hasText: 'obligatoire' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('project-dialog').waitFor({ state: 'detached' });
    assert.equal(await page.locator(`[data-testid="project-row"][data-code^="${code}"]`).count(), 1, 'a refused project was created');

    // Tasks of the project through the API: 2.5 h at 40 €/h and 4 parts at 12,50 €.
    const ids = { employee: randomUUID(), van: randomUUID(), item: randomUUID(), task: randomUUID(), session: randomUUID() };
    const reference = `VIS-${tag}`;
    await pushAsAdmin([
      ['employee.create', { id: ids.employee, name: `Paul Martin ${tag}` }],
      ['employee.set_rate', { id: randomUUID(), employee_id: ids.employee, effective_from: '2020-01-01', rate_cents: 4000 }],
      ['location.create', { id: ids.van, kind: 'vehicle', name: `Camion ${tag}` }],
      ['item.create', { id: ids.item, reference, label: `Résistance four ${tag}`, unit_price_cents: 1250 }],
      ['stock.receipt', { id: randomUUID(), item_id: ids.item, location_id: ids.van, qty: '10' }],
      ['task.create', { id: ids.task, title: `Changer la résistance ${tag}`, status: 'planned', project_id: projectId, estimated_hours: '4', due_date: today() }],
      ['task.assign', { id: randomUUID(), task_id: ids.task, employee_id: ids.employee }],
      ['checklist.add', { id: randomUUID(), task_id: ids.task, label: 'Couper l’alimentation', required: true, position: 1 }],
      ['checklist.add', { id: randomUUID(), task_id: ids.task, label: 'Mesurer la résistance', position: 2 }],
      ['time.log', { id: randomUUID(), task_id: ids.task, employee_id: ids.employee, work_date: today(), hours: '2.5' }],
      ['task.consume', { id: randomUUID(), task_id: ids.task, item_id: ids.item, location_id: ids.van, qty: '4' }],
      ['count.open', { id: ids.session, location_id: ids.van, name: `Inventaire camion ${tag}`, scope: 'all' }],
      ['count.record', { id: randomUUID(), session_id: ids.session, item_id: ids.item, qty: '5' }],
    ]);
    await page.goto(`/#/projects/${projectId}`);
    await page.reload();
    await coreState(page, { user: manager });
    await page.locator('[data-testid="figure-labour"]', { hasText: '100,00' }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="figure-materials"]', { hasText: '50,00' }).waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('figure-cost').textContent(), /150,00/);
    assert.equal(await page.getByTestId('project-task-row').count(), 1);
    assert.equal(await page.getByTestId('project-overrun').count(), 0, 'no overrun yet');

    // A cost line puts the project over budget (1 050 € > 1 000 €): the core's alert shows.
    await page.getByTestId('cost-new-label').fill('Location nacelle');
    await page.getByTestId('cost-new-amount').fill('900');
    await page.getByTestId('cost-new-save').click();
    await page.getByTestId('project-overrun').waitFor();
    assert.match(await page.getByTestId('project-overrun').textContent(), /50,00/);
    assert.match(await page.getByTestId('figure-cost').textContent(), /1\s?050,00/);
    // A manager edits a cost line but has no remove control (administrators only).
    assert.equal(await page.getByTestId('cost-line-edit').count(), 1);
    assert.equal(await page.getByTestId('cost-line-remove').count(), 0);

    // Workflow: from draft the core allows active or cancelled only (project.transitions).
    await page.getByTestId('project-next-status').locator('option[value="active"]').waitFor({ state: 'attached' });
    assert.deepEqual(await page.getByTestId('project-next-status').locator('option').evaluateAll((o) => o.map((x) => x.value)), ['active', 'cancelled']);
    await page.getByTestId('project-next-status').selectOption('active');
    await page.getByTestId('project-set-status').click();
    await page.locator('[data-testid="project-status"]', { hasText: 'En cours' }).waitFor();
    await page.getByTestId('project-next-status').locator('option[value="done"]').waitFor({ state: 'attached' });
    assert.deepEqual(await page.getByTestId('project-next-status').locator('option').evaluateAll((o) => o.map((x) => x.value)), ['on_hold', 'done', 'cancelled']);
    await checkScreen(page, 'projects', 'project-detail', axeOnce);

    await page.goto('/#/projects');
    await page.locator(`[data-testid="project-row"][data-code="${code}"][data-over="true"]`).waitFor();
    await checkScreen(page, 'projects', 'projects-list', axeOnce);
    await page.goto('/#/clients');
    await page.locator(`[data-testid="client-row"][data-name="${clientName}"]`).waitFor();
    await checkScreen(page, 'projects', 'clients-list', axeOnce);
    await page.goto(`/#/clients/${clientId}`);
    await page.locator('[data-testid="client-project-list"] li').first().waitFor();
    await checkScreen(page, 'projects', 'client-detail', axeOnce);

    // Links to the printable documents, then each document.
    assert.equal(await page.goto(`/#/projects/${projectId}`).then(() => page.getByTestId('project-print').getAttribute('href')), `#/print/project/${projectId}`);
    await page.goto(`/#/work/${ids.task}`);
    assert.equal(await page.getByTestId('work-print').getAttribute('href'), `#/print/task/${ids.task}`);
    await page.goto(`/#/count/${ids.session}/review`);
    assert.equal(await page.getByTestId('count-review-print').getAttribute('href'), `#/print/count/${ids.session}`);

    await checkPrintable(page, `/#/print/task/${ids.task}`, 'print-task', 'task');
    assert.equal(await page.locator('.print-checklist li').count(), 2);
    assert.equal(await page.getByTestId('print-qr').count(), 1);
    await checkScreen(page, 'projects', 'print-task', axeOnce);
    await checkPrintable(page, `/#/print/project/${projectId}`, 'print-project', 'project');
    assert.match(await page.getByTestId('report-cost').textContent(), /1\s?050,00/);
    await page.getByTestId('report-overrun').waitFor();
    await checkScreen(page, 'projects', 'print-project', { sizes: [kSizes[0]], axeAt: ['1440x900'] });
    await checkPrintable(page, `/#/print/count/${ids.session}`, 'print-count', 'count');
    assert.match(await page.getByTestId('count-report-lines').textContent(), new RegExp(reference));
    await checkScreen(page, 'projects', 'print-count', { sizes: [kSizes[0]], axeAt: ['1440x900'] });
    await checkPrintable(page, `/#/print/labels?q=${reference}`, 'print-labels', 'labels');
    assert.equal(await page.locator('[data-testid="print-label-grid"] [data-testid="qr-label"]').count(), 1);
    await checkScreen(page, 'projects', 'print-labels', { sizes: [kSizes[0], kSizes[2]], axeAt: ['1440x900'] });
    assert.deepEqual(problems, []);
    await context.close();

    // A consultant, in English: everything readable, nothing editable.
    const reader = await openPage(shared.browser, { viewport: kSizes[0].viewport, locale: 'en-US' });
    await reader.page.goto('/');
    await coreState(reader.page, { user: consultant });
    await reader.page.goto(`/#/projects/${projectId}`);
    await reader.page.locator(`[data-testid="project-detail"][data-code="${code}"]`).waitFor({ timeout: 30_000 });
    await reader.page.getByTestId('project-overrun').waitFor({ timeout: 30_000 });
    for (const id of ['project-edit', 'project-status-form', 'cost-new-form', 'cost-line-edit', 'cost-line-remove']) {
      assert.equal(await reader.page.getByTestId(id).count(), 0, `consultant sees ${id}`);
    }
    await assertAccessible(reader.page, 'project page in English');
    await reader.page.screenshot({ path: artifact('projects-consultant-project-1440x900.png'), fullPage: true });
    await reader.page.goto('/#/projects');
    await reader.page.locator(`[data-testid="project-row"][data-code="${code}"]`).waitFor();
    assert.equal(await reader.page.getByTestId('project-new').count(), 0);
    await reader.page.goto(`/#/clients/${clientId}`);
    await reader.page.getByTestId('client-detail').waitFor();
    assert.equal(await reader.page.getByTestId('client-edit').count(), 0);
    assert.equal(await reader.page.getByTestId('client-archive').count(), 0);
    await reader.page.goto('/#/clients');
    await reader.page.getByTestId('client-list').waitFor();
    assert.equal(await reader.page.getByTestId('client-new').count(), 0);
    await assertAccessible(reader.page, 'clients in English');
    assert.deepEqual(reader.problems, []);
    await reader.context.close();
  });
});
