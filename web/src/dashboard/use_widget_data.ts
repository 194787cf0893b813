/**
 * The figures of every widget of the dashboard, asked of the core all at once (in parallel)
 * when the widgets change and again after each sync that brought rows. A widget of the
 * role's default layout has no stored row, so every widget runs its data source with its
 * filters directly (the same thing dashboard.widget_data does for a stored one).
 *
 * For the benchmark (bench/dashboard), localStorage "invento.bench.dashboard_fetch" =
 * "sequential" asks one widget after the other instead: the named alternative it compares.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CoreBridge } from '../core/bridge';
import { useReceived } from '../core/core_context';
import { CoreError } from '../core/core_error';
import type { SourceResult, Widget } from './contract';

export type WidgetData = { data: SourceResult; error: null } | { data: null; error: CoreError };

function figure(core: CoreBridge, widget: Widget): Promise<WidgetData> {
  const query = core.query as unknown as (name: string, args: unknown) => Promise<SourceResult>;
  return query(widget.data_source, widget.filters).then(
    (data) => ({ data, error: null }),
    (thrown) => ({ data: null, error: CoreError.from(thrown) }),
  );
}

function sequential(): boolean {
  try {
    return localStorage.getItem('invento.bench.dashboard_fetch') === 'sequential';
  } catch {
    return false;
  }
}

async function fetchAll(core: CoreBridge, widgets: Widget[]): Promise<WidgetData[]> {
  if (!sequential()) return Promise.all(widgets.map((w) => figure(core, w)));
  const out: WidgetData[] = [];
  for (const w of widgets) out.push(await figure(core, w));
  return out;
}

/** What a widget's figures depend on: its source and filters. */
export function dataKey(widget: Widget): string {
  return `${widget.data_source}:${JSON.stringify(widget.filters)}`;
}

/** Figures by widget id; a widget absent from the map is still loading. */
export function useWidgetData(core: CoreBridge, widgets: Widget[] | null): Map<string, WidgetData> {
  const [figures, setFigures] = useState<Map<string, WidgetData>>(new Map());
  const received = useReceived();
  const key = widgets === null ? '' : widgets.map((w) => `${w.id}=${dataKey(w)}`).join('|');
  useEffect(() => {
    if (widgets === null) return;
    let live = true;
    void fetchAll(core, widgets).then((results) => {
      if (!live) return;
      setFigures(new Map(widgets.map((w, i) => [w.id, results[i]!])));
    });
    return () => {
      live = false;
    };
  }, [core, key, received]);
  return figures;
}
