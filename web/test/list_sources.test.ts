/**
 * Unit tests of the list sources' paging (src/core/paged_rows.ts) and of the pages the stock
 * list (src/stock/list_sources.ts) and the work-order desk (src/orders/order_source.ts) ask the
 * core for, with a fake core: page fetches, cache, one request at a time, invalidation,
 * replies to an older query ignored, errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreBridge } from '../src/core/bridge';
import { PagedRows, type FetchPage, type Page } from '../src/core/paged_rows';
import { orderPageFetch } from '../src/orders/order_source';
import { searchPageFetch } from '../src/stock/list_sources';

interface Call {
  offset: number;
  limit: number;
  resolve(page: Page<string>): void;
  reject(error: unknown): void;
}

/** A fetch whose replies the test gives by hand, and that records what was asked. */
function manualFetch(calls: Call[]): FetchPage<string> {
  return (offset, limit) => new Promise((resolve, reject) => calls.push({ offset, limit, resolve, reject }));
}

function rows(offset: number, limit: number, tag = 'r'): string[] {
  return Array.from({ length: limit }, (_, i) => `${tag}${offset + i}`);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function pager(size = 10) {
  const pages: Page<string>[] = [];
  const errors: unknown[] = [];
  const paged = new PagedRows<string>(size, { page: (p) => pages.push(p), error: (e) => errors.push(e) });
  return { paged, pages, errors };
}

test('the first page is fetched at once, then only the pages in view, one request at a time', async () => {
  const calls: Call[] = [];
  const { paged, pages } = pager();
  paged.restart(manualFetch(calls), false);
  assert.deepEqual(calls.map((c) => [c.offset, c.limit]), [[0, 10]]);
  paged.want(15, 34); // pages 1..3 in view, page 0 still in flight: nothing more asked yet
  assert.equal(calls.length, 1);
  calls[0]!.resolve({ rows: rows(0, 10), total: 100, exact: true });
  await settle();
  assert.equal(paged.row(3), 'r3');
  assert.equal(pages.at(-1)?.total, 100);
  assert.deepEqual(calls.map((c) => c.offset), [0, 10]);
  calls[1]!.resolve({ rows: rows(10, 10), total: 100, exact: true });
  await settle();
  calls[2]!.resolve({ rows: rows(20, 10), total: 100, exact: true });
  await settle();
  calls[3]!.resolve({ rows: rows(30, 10), total: 100, exact: true });
  await settle();
  assert.deepEqual(calls.map((c) => c.offset), [0, 10, 20, 30]);
  assert.equal(paged.row(34), 'r34');
  assert.equal(paged.row(45), undefined);
});

test('cached pages are not fetched again; a fling only fetches where it stops', async () => {
  const calls: Call[] = [];
  const { paged } = pager();
  paged.restart(manualFetch(calls), false);
  calls[0]!.resolve({ rows: rows(0, 10), total: 1000, exact: true });
  await settle();
  paged.want(0, 9);
  assert.equal(calls.length, 1);
  paged.want(500, 509); // asked while nothing is in flight
  paged.want(900, 909); // in flight: remembered, not queued
  assert.deepEqual(calls.map((c) => c.offset), [0, 500]);
  calls[1]!.resolve({ rows: rows(500, 10), total: 1000, exact: true });
  await settle();
  assert.deepEqual(calls.map((c) => c.offset), [0, 500, 900]);
});

test('a new query forgets the pages and ignores the older reply', async () => {
  const calls: Call[] = [];
  const { paged, pages } = pager();
  paged.restart(manualFetch(calls), false);
  calls[0]!.resolve({ rows: rows(0, 10, 'a'), total: 10, exact: true });
  await settle();
  paged.restart(manualFetch(calls), false); // new filters
  assert.equal(paged.row(0), undefined);
  paged.restart(manualFetch(calls), false); // changed again before the reply
  calls[1]!.resolve({ rows: rows(0, 10, 'old'), total: 10, exact: true });
  await settle();
  assert.equal(paged.row(0), undefined, 'reply to an older query ignored');
  assert.equal(pages.length, 1);
  calls[2]!.resolve({ rows: rows(0, 10, 'b'), total: 10, exact: false });
  await settle();
  assert.equal(paged.row(0), 'b0');
  assert.equal(pages.at(-1)?.exact, false);
});

test('the same query read again keeps showing the old rows until re-read, where the view was', async () => {
  const calls: Call[] = [];
  const { paged } = pager();
  paged.restart(manualFetch(calls), false);
  calls[0]!.resolve({ rows: rows(0, 10), total: 100, exact: true });
  await settle();
  paged.want(40, 45);
  calls[1]!.resolve({ rows: rows(40, 10), total: 100, exact: true });
  await settle();
  paged.restart(manualFetch(calls), true); // a sync brought rows
  assert.equal(calls.at(-1)?.offset, 40, 're-reads the page in view first');
  assert.equal(paged.row(41), 'r41', 'old row still shown');
  assert.equal(paged.row(2), 'r2');
  calls.at(-1)!.resolve({ rows: rows(40, 10, 'new'), total: 100, exact: true });
  await settle();
  assert.equal(paged.row(41), 'new41');
});

test('an error is reported and the page can be asked again', async () => {
  const calls: Call[] = [];
  const { paged, errors } = pager();
  paged.restart(manualFetch(calls), false);
  calls[0]!.reject(new Error('boom'));
  await settle();
  assert.equal(errors.length, 1);
  paged.want(0, 5);
  assert.equal(calls.length, 2);
  calls[1]!.resolve({ rows: rows(0, 10), total: 10, exact: true });
  await settle();
  assert.equal(paged.row(0), 'r0');
});

/** A fake core answering queries from a table, recording the calls. */
function fakeCore(answers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const asked: { name: string; args: Record<string, unknown> }[] = [];
  const core = {
    query: async (name: string, args: Record<string, unknown>) => {
      asked.push({ name, args });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected query ${name}`);
      return answer(args);
    },
  } as unknown as CoreBridge;
  return { core, asked };
}

test('the stock list asks item.search for a page with its parameters', async () => {
  const { core, asked } = fakeCore({
    'item.search': () => ({
      items: [{ id: 'i1', reference: 'R1', label: 'Bolt', unit: 'pc', archived: false, category_id: null }],
      total: 1234,
      total_exact: false,
    }),
  });
  const page = await searchPageFetch(core, { q: 'bo', category_id: '', include_archived: false })(200, 100);
  assert.deepEqual(asked, [{ name: 'item.search', args: { q: 'bo', include_archived: false, limit: 100, offset: 200 } }]);
  assert.deepEqual(page, { rows: [{ id: 'i1', reference: 'R1', label: 'Bolt', unit: 'pc', archived: false }], total: 1234, exact: false });
  await searchPageFetch(core, { q: '', category_id: 'c9', include_archived: true })(0, 100);
  assert.equal((asked[1]?.args as Record<string, unknown> | undefined)?.['category_id'], 'c9');
});

test('the work-order desk asks task.list for a counted page with its filters', async () => {
  const { core, asked } = fakeCore({ 'task.list': () => ({ items: [], total: 20000 }) });
  const page = await orderPageFetch(core, { status: 'planned', sort: 'due' })(400, 200);
  assert.deepEqual(asked, [{ name: 'task.list', args: { status: 'planned', sort: 'due', with_total: true, limit: 200, offset: 400 } }]);
  assert.deepEqual(page, { rows: [], total: 20000, exact: true });
});
