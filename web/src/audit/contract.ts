/**
 * The server's audit trail, GET /api/audit (sync-server/audit_api.cc), reached through the
 * worker with the signed-in session (bridge.admin). Types only: the server checks the role
 * ("cap.server.audit") and every parameter.
 *
 * Query string: user (user id), entity (a row id the mutation touched or named), mutator
 * (name), from / to (server time in ms, from <= t < to), limit (<= 1000), offset;
 * format=csv returns the same rows as a CSV (UTF-8 BOM, ';'), which the worker hands back
 * as {content}.
 */

export interface AuditRow {
  seq: number;
  server_time: number;
  device_time: number | null;
  user_id: string;
  username: string;
  client_id: string;
  mutation_id: number;
  name: string;
  args: unknown;
  result: string;
  /** null when accepted; the refusal's code otherwise. */
  code: string | null;
  message: string | null;
  version: number | null;
  touched: unknown;
}

export interface AuditPage {
  rows: AuditRow[];
  limit: number;
  offset: number;
}

export interface AuditFilters {
  user: string;
  mutator: string;
  entity: string;
  /** Local dates "YYYY-MM-DD", '' for no bound; `to` is included. */
  from: string;
  to: string;
}

export const kNoFilters: AuditFilters = { user: '', mutator: '', entity: '', from: '', to: '' };

function localDayStart(date: string, days = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
}

/** The /api/audit address for these filters (a whole local day for each date). */
export function auditPath(filters: AuditFilters, page: { limit: number; offset: number } | 'csv'): string {
  const params = new URLSearchParams();
  if (filters.user !== '') params.set('user', filters.user);
  if (filters.mutator.trim() !== '') params.set('mutator', filters.mutator.trim());
  if (filters.entity.trim() !== '') params.set('entity', filters.entity.trim());
  const from = localDayStart(filters.from);
  const to = localDayStart(filters.to, 1);
  if (from !== null) params.set('from', String(from));
  if (to !== null) params.set('to', String(to));
  if (page === 'csv') params.set('format', 'csv');
  else {
    params.set('limit', String(page.limit));
    params.set('offset', String(page.offset));
  }
  return `/api/audit?${params.toString()}`;
}
