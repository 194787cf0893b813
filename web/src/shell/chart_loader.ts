/**
 * Chart.js, loaded on first use with a dynamic import() so it is a chunk of its own, fetched
 * only by the screens that draw a chart (an asset's meter, the dashboard). One loader for
 * every screen: the import is started once and shared.
 */
import type { Chart as ChartType } from 'chart.js';

export type ChartClass = typeof ChartType;

let loading: Promise<ChartClass> | null = null;

export function loadChart(): Promise<ChartClass> {
  loading ??= import('chart.js/auto').then((module) => module.default);
  return loading;
}
