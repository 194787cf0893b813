/**
 * Small helpers shared by the Assets screens: labels looked up in the catalogs, and display
 * formats.
 * No business rule here: tree rules, schedules and figures come from the core.
 */
import type { I18n } from '../i18n/i18n';

/** A catalog label such as assets.kind.machine, or the raw value when there is none. */
export function label(i18n: I18n, group: string, value: string): string {
  return i18n.lookup(`assets.${group}.${value}`) ?? value;
}

/** An empty text field means "no value" for the core. */
export function orNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

export function formatInstant(i18n: I18n, ms: number): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A duration the core gave in ms, as hours with one decimal (display only). */
export function formatHours(i18n: I18n, ms: number): string {
  return new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(ms / 3_600_000);
}

export { formatDay, formatDecimal, today } from '../work/work_core';
