/**
 * The dashboard's writes, as the core's mutators (dashboard.reset, widget_add, widget_update,
 * widget_remove). A role's default layout has no stored row: before the first change to it,
 * dashboard.reset stores it as the user's own widgets, and the change is applied to the
 * stored copy at the same place in the layout. Reordering writes the new positions (0, 1, ...)
 * of the widgets whose position changed. No rule here: the core decides what is accepted.
 */
import type { CoreBridge } from '../core/bridge';
import { newId } from '../core/new_id';
import type { Widget, WidgetFields } from './contract';

export interface Layout {
  items: Widget[];
  defaults: boolean;
}

export function loadLayout(core: CoreBridge): Promise<Layout> {
  return core.query('dashboard.widgets', {}).then((r) => ({ items: r.items, defaults: r.defaults === true }));
}

/** The user's own widgets: the default layout stored first when that is what is shown. */
async function stored(core: CoreBridge, layout: Layout): Promise<Widget[]> {
  if (!layout.defaults) return layout.items;
  await core.mutate('dashboard.reset', { id: newId() });
  return (await loadLayout(core)).items;
}

export async function addWidget(core: CoreBridge, layout: Layout, fields: WidgetFields): Promise<string> {
  await stored(core, layout);
  const id = newId();
  await core.mutate('dashboard.widget_add', { id, ...fields });
  return id;
}

export async function updateWidget(core: CoreBridge, layout: Layout, index: number, fields: WidgetFields): Promise<void> {
  const items = await stored(core, layout);
  const target = items[index];
  if (target) await core.mutate('dashboard.widget_update', { id: target.id, ...fields });
}

export async function removeWidget(core: CoreBridge, layout: Layout, index: number): Promise<void> {
  const items = await stored(core, layout);
  const target = items[index];
  if (target) await core.mutate('dashboard.widget_remove', { id: target.id });
}

/** Moves the widget at `index` one place; returns the id it has once stored. */
export async function moveWidget(core: CoreBridge, layout: Layout, index: number, step: -1 | 1): Promise<string | null> {
  const items = [...(await stored(core, layout))];
  const other = index + step;
  const moving = items[index];
  if (!moving || other < 0 || other >= items.length) return moving?.id ?? null;
  items[index] = items[other]!;
  items[other] = moving;
  for (const [position, w] of items.entries()) {
    if (w.position !== position) await core.mutate('dashboard.widget_update', { id: w.id, position });
  }
  return moving.id;
}

export async function restoreDefaults(core: CoreBridge): Promise<void> {
  await core.mutate('dashboard.reset', { id: newId() });
}
