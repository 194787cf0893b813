/**
 * Small helpers shared by the work screens: the device's calendar day and display formats.
 * (Core calls go straight through core.query/core.mutate, typed by core/contract.ts.)
 * No business rule here: overdue, allowed transitions and stock come from the core.
 */
import type { I18n } from '../i18n/i18n';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today on the device, as the core's calendar days are written ('YYYY-MM-DD'). */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar day ('YYYY-MM-DD') for people: "mar. 3 déc. 2026". */
export function formatDay(i18n: I18n, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(y, m - 1, d),
  );
}

/** A decimal string from the core ("97.42") written the reader's way ("97,42"); display only. */
export function formatDecimal(i18n: I18n, text: string): string {
  const n = Number(text);
  return Number.isFinite(n) ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(n) : text;
}

export function formatInstant(i18n: I18n, ms: number): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function statusLabel(i18n: I18n, status: string): string {
  return i18n.lookup(`work.status.${status}`) ?? status;
}

export function priorityLabel(i18n: I18n, priority: string): string {
  return i18n.lookup(`work.priority.${priority}`) ?? priority;
}

/** Hours between two "HH:MM" times of one day, as a decimal string with at most 3 decimals. */
export function hoursBetween(start: string, end: string): string | null {
  const minutes = (text: string) => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(text);
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  };
  const from = minutes(start);
  const to = minutes(end);
  if (from === null || to === null) return null;
  const milli = Math.round(((to - from) * 1000) / 60);
  const whole = Math.trunc(milli / 1000);
  const rest = Math.abs(milli % 1000);
  return rest === 0 ? String(whole) : `${milli < 0 && whole === 0 ? '-' : ''}${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}

/** The SHA-256 of some bytes, as 64 lowercase hex digits. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export { unitLabel } from '../i18n/units';
