/**
 * Unit tests of the items-under-minimum widget's views (src/dashboard/source_views.ts): the
 * core sends the count and the first items only; a list shows at most kListLines lines and a
 * table every item sent, each ending with one line that says how many more there are.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewOf } from '../src/dashboard/source_views';
import { kListLines } from '../src/dashboard/views';
import { makeI18n } from '../src/i18n/i18n';

const i18n = makeI18n('en', () => undefined);

function figures(total: number, sent: number) {
  const items = Array.from({ length: sent }, (_, n) => ({
    key: `under_min:i${n}:`, kind: 'under_min', item_id: `i${n}`, reference: `REF-${n}`, label: `Filter ${n}`,
    qty: '2', min_qty: '50', severity: 48000, acknowledged: false,
  }));
  return { count: total, items } as never;
}

test('a few items: every line, no "more" line', () => {
  const view = viewOf(i18n, 'dashboard.items_under_min', figures(3, 3));
  assert.equal(view.list?.length, 3);
  assert.equal(view.table?.rows.length, 3);
  assert.match(view.list?.[0] ?? '', /REF-0 Filter 0/);
});

test('100 under minimum, 50 sent: the list ends with the 81 not shown, the table with the 50 not sent', () => {
  const view = viewOf(i18n, 'dashboard.items_under_min', figures(100, 50));
  assert.equal(view.list?.length, kListLines);
  assert.match(view.list?.at(-1) ?? '', new RegExp(`${100 - (kListLines - 1)} more`));
  assert.equal(view.table?.rows.length, 51);
  assert.match(view.table?.rows.at(-1)?.[0] ?? '', /50 more/);
  assert.equal(view.headline?.value, '100');
});

test('exactly as many as a list shows: no "more" line', () => {
  const view = viewOf(i18n, 'dashboard.items_under_min', figures(kListLines, kListLines));
  assert.equal(view.list?.length, kListLines);
  assert.doesNotMatch(view.list?.at(-1) ?? '', /more/);
});
