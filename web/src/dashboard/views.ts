/**
 * What a widget shows, whatever its source: a headline figure, a series (chart, or table),
 * a table of rows, a list. Pure formatting of the figures the core computed: cents as money,
 * decimal strings and counts the reader's way, days as dates. No figure is computed here.
 */
import type { I18n } from '../i18n/i18n';
import { formatCents } from '../stock/item_detail';
import { formatDay } from '../work/work_core';

export interface Dataset {
  label: string;
  values: number[];
}

export interface Series {
  labels: string[];
  datasets: Dataset[];
  /** A value of the series as text (money, count, hours). */
  format(value: number): string;
}

export interface Table {
  headers: string[];
  rows: string[][];
}

export interface View {
  headline?: { value: string; label: string };
  series?: Series;
  table?: Table;
  list?: string[];
}

/** The lines a list widget shows (widget_body.tsx). */
export const kListLines = 20;

export function count(i18n: I18n, n: number): string {
  return new Intl.NumberFormat(i18n.language).format(n);
}

export function money(i18n: I18n, cents: number): string {
  return formatCents(cents, i18n.language);
}

/** A decimal string of the core ("12.5") written the reader's way; '—' when null. */
export function decimal(i18n: I18n, text: string | number | null): string {
  if (text === null) return '—';
  const n = Number(text);
  return Number.isFinite(n) ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(n) : String(text);
}

export function day(i18n: I18n, text: string | null): string {
  return text === null ? '—' : formatDay(i18n, text);
}

/** A short date for an axis label ("3 déc."). */
export function shortDay(i18n: I18n, text: string): string {
  const [y, m, d] = text.split('-').map(Number);
  if (!y || !m || !d) return text;
  return new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short' }).format(new Date(y, m - 1, d));
}

/** The table behind a series: one row per label, one column per dataset. */
export function seriesTable(series: Series, labelHeader: string): Table {
  return {
    headers: [labelHeader, ...series.datasets.map((d) => d.label)],
    rows: series.labels.map((label, i) => [label, ...series.datasets.map((d) => series.format(d.values[i] ?? 0))]),
  };
}

/** "label: value" lines of a series, for a list widget. */
export function seriesList(i18n: I18n, series: Series): string[] {
  return series.labels.map((label, i) =>
    i18n.t('dashboard.line', { label, value: series.datasets.map((d) => series.format(d.values[i] ?? 0)).join(' / ') }),
  );
}
