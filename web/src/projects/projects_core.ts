/**
 * Helpers shared by the project screens: money display (the core's integer cents, formatted only), amounts typed by people sent as
 * cents, and status labels. No business rule: costs, overruns and transitions are the core's.
 */
import type { I18n } from '../i18n/i18n';

/** Cents from the core, in euros in the UI language: 123456 -> "1 234,56 €". */
export function money(i18n: I18n, cents: number): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/**
 * An amount typed in euros ("1 234,50", "-20") as cents; anything else is passed on as typed
 * for the core to refuse with its own message (invalid_argument).
 */
export function typedCents(text: string): number {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return (/^-?\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : text) as number;
}

/** Cents as people type them back in a form ("1234.5" -> "1234,50" in French). */
export function centsForInput(i18n: I18n, cents: number): string {
  return new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}

export function projectStatusLabel(i18n: I18n, status: string): string {
  return i18n.lookup(`projects.status.${status}`) ?? status;
}

/** A calendar day ('YYYY-MM-DD') in the UI language, or '' when absent. */
export function day(i18n: I18n, text: string | null | undefined): string {
  if (!text) return '';
  const [y, m, d] = text.split('-').map(Number);
  if (!y || !m || !d) return text;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/** A field's input value as the core's optional text: '' -> null. */
export function optional(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/** A decimal string from the core ("105.00", "2.5") with the UI language's separator: text only. */
export function decimal(i18n: I18n, text: string | null): string {
  if (text === null) return '';
  const separator = new Intl.NumberFormat(i18n.language).format(1.5).charAt(1);
  return text.replace('.', separator);
}
