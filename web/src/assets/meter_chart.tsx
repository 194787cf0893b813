/**
 * A line chart of a meter's readings (the cumulative total the core computed, oldest first).
 * Chart.js is loaded by shell/chart_loader.ts (its own chunk), fetched only when an asset
 * page with readings opens. The readings stay listed in text beside it for screen
 * readers; the canvas has a label saying what it shows.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { loadChart } from '../shell/chart_loader';
import type { Reading } from './contract';

export function MeterChart({ readings, unit, name }: { readings: Reading[]; unit: string; name: string }) {
  const i18n = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | null = null;
    const points = [...readings].reverse();
    void loadChart().then((Chart) => {
      if (!live || canvas.current === null) return;
      const format = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
      chart = new Chart(canvas.current, {
        type: 'line',
        data: {
          labels: points.map((r) => format.format(new Date(r.read_at))),
          datasets: [{ label: `${name} (${unit})`, data: points.map((r) => Number(r.total)), borderColor: '#0f4c5c', backgroundColor: '#0f4c5c', tension: 0.1 }],
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
      });
      canvas.current.dataset.points = String(points.length);
      canvas.current.dataset.drawn = 'yes';
    });
    const drawnOn = canvas.current;
    return () => {
      live = false;
      chart?.destroy();
      if (drawnOn !== null) delete drawnOn.dataset.drawn;
    };
  }, [readings, unit, name, i18n.language]);

  return (
    <div class="assets__chart">
      <canvas ref={canvas} role="img" aria-label={i18n.t('assets.meters.chart', { name })} data-testid="meter-chart" />
    </div>
  );
}
