/**
 * Small helpers shared by the Assets screens: typed calls for the names other areas declare
 * too (contract.ts AssetsSharedCalls), labels looked up in the catalogs, and display formats.
 * No business rule here: tree rules, schedules and figures come from the core.
 */
import type { CoreBridge } from '../core/bridge';
import type { I18n } from '../i18n/i18n';
import type { AssetsSharedCalls } from './contract';

type Shared = AssetsSharedCalls;

export function sharedQuery<N extends keyof Shared>(core: CoreBridge, name: N, args: Shared[N]['args']): Promise<Shared[N]['result']> {
  const query = core.query as unknown as (name: string, args: unknown) => Promise<Shared[N]['result']>;
  return query(name, args);
}

export function sharedMutate<N extends keyof Shared>(core: CoreBridge, name: N, args: Shared[N]['args']): Promise<Shared[N]['result']> {
  const mutate = core.mutate as unknown as (name: string, args: unknown) => Promise<Shared[N]['result']>;
  return mutate(name, args);
}

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

/** A decimal string from the core ("97.42") written the reader's way ("97,42"); display only. */
export function formatDecimal(i18n: I18n, text: string): string {
  const n = Number(text);
  return Number.isFinite(n) ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(n) : text;
}

export { formatDay, today } from '../work/work_core';
