/** Display formats of the printable documents (dates, instants, euros from the core's cents). */
import type { I18n } from '../i18n/i18n';

export function day(i18n: I18n, text: string | null | undefined): string {
  if (!text) return '';
  const [y, m, d] = text.split('-').map(Number);
  if (!y || !m || !d) return text;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

export function instant(i18n: I18n, ms: number): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function euros(i18n: I18n, cents: number, signed = false): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR', ...(signed ? { signDisplay: 'exceptZero' as const } : {}) }).format(cents / 100);
}
