/**
 * The inside of a widget, by type: a big figure, a chart, a table or a list, from the View
 * of its source's result (source_views.ts). A type the source has no view for falls back to
 * the table. `onPainted` is called once the content is on screen (charts: once drawn).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { DataSource, SourceResults, Widget } from './contract';
import { viewOf } from './source_views';
import { kListLines, seriesList, seriesTable } from './views';
import { WidgetChart } from './widget_chart';
import { WidgetTable } from './widget_table';

function Painted({ onPainted }: { onPainted(): void }) {
  useEffect(() => onPainted(), []);
  return null;
}

export function WidgetBody({ widget, data, title, onPainted }: { widget: Widget; data: SourceResults[DataSource]; title: string; onPainted(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const view = useMemo(() => viewOf(i18n, widget.data_source, data as never), [data, widget.data_source, i18n.language]);
  const type = widget.type;
  if (type === 'number' && view.headline) {
    return (
      <div class="dashboard__number" data-testid="widget-number">
        <Painted onPainted={onPainted} />
        <span class="dashboard__figure">{view.headline.value}</span>
        <span class="dashboard__figure-label">{view.headline.label}</span>
      </div>
    );
  }
  if ((type === 'bar' || type === 'line' || type === 'doughnut' || type === 'pie') && view.series) {
    if (view.series.labels.length === 0) {
      return (
        <p class="list__message">
          <Painted onPainted={onPainted} />
          {t('dashboard.empty_data')}
        </p>
      );
    }
    return <WidgetChart kind={type} series={view.series} title={title} onPainted={onPainted} />;
  }
  const list = type === 'list' ? (view.list ?? (view.series ? seriesList(i18n, view.series) : null)) : null;
  if (list !== null) {
    return (
      <>
        <Painted onPainted={onPainted} />
        {list.length === 0 ? (
          <p class="list__message">{t('dashboard.empty_data')}</p>
        ) : (
          <ul class="dashboard__list" data-testid="widget-list">
            {list.slice(0, kListLines).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  const table = view.table ?? (view.series ? seriesTable(view.series, t('dashboard.col.label')) : null);
  return (
    <>
      <Painted onPainted={onPainted} />
      {table === null || table.rows.length === 0 ? (
        <p class="list__message">{t('dashboard.empty_data')}</p>
      ) : (
        <WidgetTable table={table} caption={title} />
      )}
    </>
  );
}
