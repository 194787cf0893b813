/**
 * THE DASHBOARD (#/dashboard): the user's widgets in a 12-column grid, or their role's
 * default layout until they change it. Users who may write widgets get an edit mode: add,
 * configure, move up/down, remove, and restore the default layout. Consultants only read.
 * The grid says data-painted="yes" (and a performance mark "dashboard-painted" is set) once
 * every widget is drawn: the benchmark and the tests wait for it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import type { WidgetFields } from './contract';
import { addWidget, loadLayout, moveWidget, removeWidget, restoreDefaults, updateWidget, type Layout } from './dashboard_core';
import './dashboard.css';
import { RestoreControl } from './restore_control';
import { useWidgetData } from './use_widget_data';
import { WidgetCard } from './widget_card';
import { WidgetEditor } from './widget_editor';

/** Which editor is open: none, the new-widget form, or a widget's (by index). */
type Editing = null | 'new' | number;

export function DashboardArea() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const layout = useLoaded(() => loadLayout(core), [core]);
  const figures = useWidgetData(core, layout.data?.items ?? null);
  const [painted, setPainted] = useState<Set<string>>(new Set());
  const [editMode, setEditMode] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  // Where focus goes after an action: a selector, applied once the layout shown satisfies
  // `ready` (for a move: the widget is at its new place; a reload started before the move
  // may still render the old order first), or at once (`ready` null).
  type Focus = { selector: string; ready: ((shown: Layout | null) => boolean) | null };
  const [focus, setFocusState] = useState<Focus | null>(null);
  const setFocus = (selector: string, ready: Focus['ready'] = null) => setFocusState({ selector, ready });
  const action = useAction('dashboard');
  const mayEdit = can('dashboard.widget_add');
  const items = layout.data?.items ?? [];
  const allPainted = layout.data !== null && items.every((w) => painted.has(w.id) || figures.get(w.id)?.error);

  useEffect(() => {
    if (allPainted) performance.mark('dashboard-painted');
  }, [allPainted]);
  useEffect(() => {
    if (focus === null || (focus.ready !== null && !focus.ready(layout.data))) return;
    document.querySelector<HTMLElement>(focus.selector)?.focus();
    setFocusState(null);
  });

  const run = async (fn: () => Promise<unknown>, after: Editing | 'keep' = null, focusTo: string | null = null, ready: Focus['ready'] = null) => {
    const before = layout.data;
    if (before === null) return;
    const ok = await action.run(fn);
    layout.reload();
    if (ok && after !== 'keep') setEditing(after);
    if (ok && focusTo !== null) setFocus(focusTo, ready ?? ((shown) => shown !== before));
  };
  const marker = (index: number, button: string) => `[data-testid="dashboard-grid"] > :nth-child(${index + 1}) [data-testid="${button}"]`;
  const save = (fields: WidgetFields) => {
    const current = layout.data;
    if (current === null) return;
    if (editing === 'new') void run(() => addWidget(core, current, fields), null, '[data-testid="dashboard-add"]');
    else if (typeof editing === 'number') void run(() => updateWidget(core, current, editing, fields), null, marker(editing, 'widget-configure'));
  };

  return (
    <div class="dashboard" data-testid="dashboard">
      <div class="dashboard__bar">
        <h1 class="dashboard__heading">{t('dashboard.title')}</h1>
        {layout.data?.defaults && <p class="field__hint" data-testid="dashboard-defaults">{t('dashboard.default_layout')}</p>}
        {mayEdit && (
          <button type="button" class="button button--secondary" aria-pressed={editMode} onClick={() => { setEditMode(!editMode); setEditing(null); action.clear(); }} data-testid="dashboard-edit">
            {t(editMode ? 'dashboard.done' : 'dashboard.edit')}
          </button>
        )}
      </div>
      {layout.error && <p class="list__message list__message--error" role="alert">{coreErrorMessage(i18n, 'dashboard', layout.error)}</p>}
      {layout.data === null && layout.error === null && <p class="list__message" aria-busy="true">{t('dashboard.loading')}</p>}
      {layout.data !== null && items.length === 0 && <p class="list__message" data-testid="dashboard-empty">{t('dashboard.empty')}</p>}
      {editMode && editing === null && action.message !== '' && <p class="field__error" role="alert" data-testid="dashboard-error">{action.message}</p>}
      <div class="dashboard__grid" data-testid="dashboard-grid" data-painted={allPainted ? 'yes' : 'no'} data-count={items.length}>
        {items.map((w, index) =>
          editMode && editing === index ? (
            <WidgetEditor key={w.id} widget={w} action={action} onSave={save} onCancel={() => { setEditing(null); action.clear(); setFocus(marker(index, 'widget-configure')); }} />
          ) : (
            <WidgetCard
              key={w.id}
              widget={w}
              figures={figures.get(w.id)}
              painted={painted.has(w.id)}
              onPainted={() => setPainted((s) => (s.has(w.id) ? s : new Set(s).add(w.id)))}
              edit={
                editMode
                  ? {
                      first: index === 0,
                      last: index === items.length - 1,
                      busy: action.busy,
                      configure: () => { action.clear(); setEditing(index); },
                      move: (step) => {
                        const to = index + step;
                        const button = to === 0 ? 'widget-down' : to === items.length - 1 ? 'widget-up' : step < 0 ? 'widget-up' : 'widget-down';
                        void run(() => moveWidget(core, layout.data!, index, step), 'keep', `[data-testid="widget"][data-id="${w.id}"] [data-testid="${button}"]`, (shown) => shown?.items[to]?.id === w.id);
                      },
                      remove: () => void run(() => removeWidget(core, layout.data!, index), 'keep', '[data-testid="dashboard-add"]'),
                    }
                  : null
              }
            />
          ),
        )}
      </div>
      {editMode && editing === 'new' && <WidgetEditor widget={null} action={action} onSave={save} onCancel={() => { setEditing(null); action.clear(); setFocus('[data-testid="dashboard-add"]'); }} />}
      {editMode && editing !== 'new' && (
        <div class="dashboard__edit-actions">
          <button type="button" class="button button--primary" onClick={() => { action.clear(); setEditing('new'); }} data-testid="dashboard-add">
            {t('dashboard.add_widget')}
          </button>
          {can('dashboard.reset') && layout.data?.defaults === false && (
            <RestoreControl busy={action.busy} onRestore={() => void run(() => restoreDefaults(core), 'keep', '[data-testid="dashboard-add"]')} />
          )}
        </div>
      )}
    </div>
  );
}
