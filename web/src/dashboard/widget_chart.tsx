/**
 * A bar, line, doughnut or pie chart of a widget's series, drawn by Chart.js (loaded by
 * shell/chart_loader.ts, its own chunk). The canvas has a label saying what it shows and the
 * figures are also in a visually hidden table for screen readers (and tests). Animation is
 * off: the chart is drawn at once, and `onPainted` is called when it is.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { loadChart } from '../shell/chart_loader';
import { WidgetTable } from './widget_table';
import { seriesTable, type Series } from './views';

export type ChartKind = 'bar' | 'line' | 'doughnut' | 'pie';

const kColors = ['#0f4c5c', '#e36414', '#5f0f40', '#2a9d8f', '#9a031e', '#6c757d', '#fb8b24', '#3a86ff'];

export function WidgetChart({ kind, series, title, onPainted }: { kind: ChartKind; series: Series; title: string; onPainted(): void }) {
  const i18n = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | null = null;
    const round = kind === 'doughnut' || kind === 'pie';
    void loadChart().then((Chart) => {
      if (!live || canvas.current === null) return;
      chart = new Chart(canvas.current, {
        type: kind,
        data: {
          labels: series.labels,
          datasets: series.datasets.map((d, i) => ({
            label: d.label,
            data: d.values,
            backgroundColor: round ? series.labels.map((_, j) => kColors[j % kColors.length]!) : kColors[i % kColors.length],
            borderColor: round ? '#ffffff' : kColors[i % kColors.length],
            tension: 0.2,
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: {
            legend: { display: round || series.datasets.length > 1, position: 'bottom' },
            tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${series.format(Number(item.raw))}` } },
          },
          scales: round ? {} : { y: { beginAtZero: true, ticks: { callback: (value) => series.format(Number(value)) } } },
        },
      });
      canvas.current.dataset.drawn = 'yes';
      onPainted();
    });
    const drawnOn = canvas.current;
    return () => {
      live = false;
      chart?.destroy();
      if (drawnOn !== null) delete drawnOn.dataset.drawn;
    };
  }, [kind, series, i18n.language]);

  return (
    <>
      <div class="dashboard__chart">
        <canvas ref={canvas} role="img" aria-label={i18n.t('dashboard.chart_label', { title })} data-testid="widget-canvas" />
      </div>
      <WidgetTable table={seriesTable(series, i18n.t('dashboard.col.label'))} caption={title} hidden />
    </>
  );
}
