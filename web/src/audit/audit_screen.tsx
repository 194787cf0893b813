/**
 * AUDIT TRAIL (#/audit, roles with "cap.server.audit": admins and managers): the server's
 * mutation log, accepted and refused, newest first, 50 a page, filtered by user, action,
 * entity and dates, and exported as the server's own CSV. It reads the server (bridge.admin):
 * offline the screen says it needs a connection and offers to try again.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { CoreError } from '../core/core_error';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { downloadText } from '../shell/download';
import { usePermissions } from '../shell/permissions';
import type { UserAccount } from '../users/contract';
import './audit.css';
import { AuditFiltersForm } from './audit_filters';
import { AuditTable } from './audit_table';
import { type AuditFilters, type AuditPage, auditPath, kNoFilters } from './contract';

const kPageSize = 50;

export function AuditScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [filters, setFilters] = useState<AuditFilters>(kNoFilters);
  const [offset, setOffset] = useState(0);
  const path = auditPath(filters, { limit: kPageSize, offset });
  const page = useLoaded(() => core.admin<AuditPage>('GET', path), [core, path]);
  // Account names for the user filter: the server's list for admins; managers pick among
  // the users seen in the log.
  const accounts = useLoaded(
    () => (can('cap.server.admin') ? core.admin<{ users: UserAccount[] }>('GET', '/api/admin/users') : Promise.resolve({ users: [] })),
    [core],
  );
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const exporting = useAction('audit');

  if (!can('cap.server.audit')) return <p class="list__message list__message--error">{t('errors.forbidden')}</p>;

  const rows = page.data?.rows ?? null;
  if (rows !== null && rows.some((row) => row.user_id !== '' && !seen.has(row.user_id))) {
    const next = new Map(seen);
    for (const row of rows) if (row.user_id !== '') next.set(row.user_id, row.username || row.user_id);
    setSeen(next);
  }
  const users = new Map(seen);
  for (const user of accounts.data?.users ?? []) users.set(user.id, user.username);
  const userList = [...users].map(([id, username]) => ({ id, username })).sort((a, b) => a.username.localeCompare(b.username));
  const mutators = [...new Set((rows ?? []).map((row) => row.name))].sort();
  const offline = page.error?.code === 'network';

  async function exportCsv() {
    await exporting.run(async () => {
      const { content } = await core.admin<{ content?: string }>('GET', auditPath(filters, 'csv'));
      if (typeof content !== 'string') throw new CoreError({ code: 'internal', message: 'the server sent no CSV' });
      downloadText('invento-audit.csv', content);
    });
  }

  return (
    <section class="screen audit" aria-labelledby="audit-title" data-testid="audit-screen">
      <div class="screen__head">
        <h2 id="audit-title" class="screen__title">
          {t('audit.title')}
        </h2>
        <button type="button" class="button button--secondary" aria-disabled={exporting.busy ? 'true' : undefined} onClick={() => void exportCsv()} data-testid="audit-export">
          {t('audit.export')}
        </button>
      </div>
      <p class="audit-intro">{t('audit.intro')}</p>
      {exporting.message !== '' && (
        <p class="field__error" role="alert" data-testid="audit-export-error">
          {exporting.error?.code === 'network' ? t('audit.offline.text') : exporting.message}
        </p>
      )}
      <AuditFiltersForm
        value={filters}
        users={userList}
        mutators={mutators}
        onApply={(next) => {
          setFilters(next);
          setOffset(0);
          page.reload();  // the same filters again: read the log anew
        }}
      />
      {page.error !== null && (
        <div class={`banner ${offline ? 'banner--warning' : 'banner--info'}`} role="alert" data-testid={offline ? 'audit-offline' : 'audit-error'}>
          <p class="banner__title">{offline ? t('audit.offline.title') : t('audit.failed')}</p>
          <p class="banner__text">{offline ? t('audit.offline.text') : coreErrorMessage(i18n, 'audit', page.error)}</p>
          <button type="button" class="button button--secondary" onClick={page.reload} data-testid="audit-retry">
            {t('audit.retry')}
          </button>
        </div>
      )}
      {page.error === null && rows === null && <p class="list__message">{t('audit.loading')}</p>}
      {page.error === null && rows !== null && (
        <section class="card" aria-labelledby="audit-list-title" data-testid="audit-results" data-count={rows.length} data-offset={offset}>
          <h3 id="audit-list-title" class="card__title">
            {rows.length === 0 ? t('audit.none') : t('audit.range', { from: offset + 1, to: offset + rows.length })}
          </h3>
          {rows.length > 0 && <AuditTable rows={rows} />}
          <nav class="audit-pager" aria-label={t('audit.pages')}>
            <button type="button" class="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - kPageSize))} data-testid="audit-newer">
              {t('audit.newer')}
            </button>
            <button type="button" class="button button--secondary" disabled={rows.length < kPageSize} onClick={() => setOffset(offset + kPageSize)} data-testid="audit-older">
              {t('audit.older')}
            </button>
          </nav>
        </section>
      )}
    </section>
  );
}
