/**
 * One widget of the grid: its title, its content (widget_body.tsx), the link to the list
 * behind it and, in edit mode, the buttons to configure, move up/down and remove it. Spans
 * `width` of the grid's 12 columns (one column under 900 px, dashboard.css).
 */
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import type { Widget } from './contract';
import { areasFor } from '../shell/nav';
import { usePermissions } from '../shell/permissions';
import { parseRoute } from '../shell/route';
import { sourceInfo } from './sources';
import type { WidgetData } from './use_widget_data';
import { WidgetBody } from './widget_body';

export interface CardEdit {
  first: boolean;
  last: boolean;
  busy: boolean;
  configure(): void;
  move(step: -1 | 1): void;
  remove(): void;
}

export function widgetTitle(t: ReturnType<typeof useI18n>['t'], widget: Widget): string {
  const info = sourceInfo(widget.data_source);
  return widget.title !== null && widget.title.trim() !== '' ? widget.title : info ? t(info.label) : widget.data_source;
}

export function WidgetCard({ widget, figures, edit, painted, onPainted }: { widget: Widget; figures: WidgetData | undefined; edit: CardEdit | null; painted: boolean; onPainted(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const title = widgetTitle(t, widget);
  const info = sourceInfo(widget.data_source);
  const { can } = usePermissions();
  // The list behind the widget, filtered as the widget is; none if the role has no such screen.
  const link = info?.link(widget) ?? null;
  const linked = link !== null && areasFor(can).some((area) => area.id === parseRoute(link)[0]);
  const span = Math.min(12, Math.max(1, widget.width));
  return (
    <section
      class="dashboard__widget card"
      style={{ '--span': String(span), '--rows': String(Math.max(1, widget.height)) }}
      aria-labelledby={`widget-title-${widget.id}`}
      data-testid="widget"
      data-id={widget.id}
      data-source={widget.data_source}
      data-type={widget.type}
      data-state={figures === undefined ? 'loading' : figures.error !== null ? 'error' : painted ? 'painted' : 'drawing'}
    >
      <header class="dashboard__widget-head">
        <h2 class="dashboard__widget-title" id={`widget-title-${widget.id}`} data-testid="widget-title">{title}</h2>
        {linked && (
          <a class="dashboard__link" href={link} data-testid="widget-link">
            {t('dashboard.see_list')}
            <span class="visually-hidden"> — {title}</span>
          </a>
        )}
      </header>
      <div class="dashboard__widget-body">
        {figures === undefined && <p class="list__message" aria-busy="true">{t('dashboard.loading')}</p>}
        {figures !== undefined && figures.error !== null && (
          <p class="list__message list__message--error" role="alert">
            {coreErrorMessage(i18n, 'dashboard', figures.error)}
          </p>
        )}
        {figures !== undefined && figures.data !== null && <WidgetBody widget={widget} data={figures.data} title={title} onPainted={onPainted} />}
      </div>
      {edit && (
        <div class="dashboard__widget-tools" role="group" aria-label={t('dashboard.tools', { title })}>
          <button type="button" class="button button--secondary" onClick={edit.configure} data-testid="widget-configure">
            {t('dashboard.configure')}
            <span class="visually-hidden"> — {title}</span>
          </button>
          <button type="button" class="button button--secondary" disabled={edit.first || edit.busy} onClick={() => edit.move(-1)} aria-label={t('dashboard.move_up', { title })} data-testid="widget-up">
            ↑
          </button>
          <button type="button" class="button button--secondary" disabled={edit.last || edit.busy} onClick={() => edit.move(1)} aria-label={t('dashboard.move_down', { title })} data-testid="widget-down">
            ↓
          </button>
          <button type="button" class="button button--secondary" disabled={edit.busy} onClick={edit.remove} data-testid="widget-remove">
            {t('dashboard.remove')}
            <span class="visually-hidden"> — {title}</span>
          </button>
        </div>
      )}
    </section>
  );
}
