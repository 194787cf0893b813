/**
 * Helpers of the work-order desk: conversions between the core's instants (ms) and the
 * browser's date inputs, and the text of an assignment warning. No business rule here:
 * validation, warnings, transitions and permissions all come from the core.
 */
import type { I18n } from '../i18n/i18n';
import { formatDay } from '../work/work_core';
import type { AssignWarning } from './contract';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant (ms) as the value of an <input type="datetime-local"> (local time). */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input as an instant (ms), null when empty or unreadable. */
export function fromLocalInput(text: string): number | null {
  if (text === '') return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** A calendar day moved by `days` ('YYYY-MM-DD'), for rescheduling. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const moved = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days);
  return `${moved.getFullYear()}-${pad(moved.getMonth() + 1)}-${pad(moved.getDate())}`;
}

/** An instant moved by `days` calendar days, keeping the local time of day. */
export function shiftInstant(ms: number, days: number): number {
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** A calendar day ('YYYY-MM-DD') in a row: "20 mai 2031". */
export function shortDay(i18n: I18n, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(y, m - 1, d));
}

export function formatWhen(i18n: I18n, ms: number): string {
  return new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

/** One assignment warning of the core (assignment_checks.h) as a sentence. */
export function warningText(i18n: I18n, warning: AssignWarning): string {
  const { t } = i18n;
  const who = warning.employee;
  if (warning.code === 'absent') {
    const kind = i18n.lookup(`people.absence.${warning.kind ?? 'other'}`) ?? warning.kind ?? '';
    return t('orders.warning.absent', { who, kind, start: formatDay(i18n, warning.start_date ?? ''), end: formatDay(i18n, warning.end_date ?? '') });
  }
  if (warning.code === 'overlap') return t('orders.warning.overlap', { who, title: warning.title ?? '' });
  if (warning.code === 'not_working') return t('orders.warning.not_working', { who, day: formatDay(i18n, warning.date ?? '') });
  return t('orders.warning.other', { who, code: warning.code });
}

export function typeLabel(i18n: I18n, type: string): string {
  return i18n.lookup(`orders.type.${type}`) ?? type;
}
