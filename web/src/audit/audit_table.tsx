/**
 * One page of the audit trail: when (server time), who, which action, whether the server
 * accepted it (or its refusal), and the arguments on demand.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { AuditRow } from './contract';

function shortArgs(args: unknown): string {
  const text = JSON.stringify(args) ?? '';
  return text.length > 48 ? `${text.slice(0, 48)}…` : text;
}

/** The arguments, folded; written out only once opened (an import's piece holds 60 KB). */
function AuditArgs({ args }: { args: unknown }) {
  const [open, setOpen] = useState(false);
  const full = open ? JSON.stringify(args, null, 2) : '';
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary class="audit-table__summary">{shortArgs(args)}</summary>
      {open && <pre class="audit-table__json">{full.length > 20_000 ? `${full.slice(0, 20_000)}…` : full}</pre>}
    </details>
  );
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const { t, language } = useI18n();
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div class="audit-table-wrap">
      <table class="audit-table" data-testid="audit-table">
        <caption class="visually-hidden">{t('audit.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.table.when')}</th>
            <th scope="col">{t('audit.table.user')}</th>
            <th scope="col">{t('audit.table.mutator')}</th>
            <th scope="col">{t('audit.table.outcome')}</th>
            <th scope="col">{t('audit.table.args')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq} data-testid="audit-row" data-mutator={row.name} data-user={row.username} data-seq={row.seq}>
              <td class="audit-table__when">{when.format(new Date(row.server_time))}</td>
              <td>{row.username === '' ? row.user_id : row.username}</td>
              <th scope="row" class="audit-table__name">
                {row.name}
              </th>
              <td>
                {row.code === null ? (
                  <span class="badge audit-ok">{t('audit.table.accepted')}</span>
                ) : (
                  <span class="audit-refused">
                    <span class="badge audit-refused__badge">{t('audit.table.refused')}</span> {row.code}
                    {row.message ? ` : ${row.message}` : ''}
                  </span>
                )}
              </td>
              <td class="audit-table__args">
                <AuditArgs args={row.args} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
