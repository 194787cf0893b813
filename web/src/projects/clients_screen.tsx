/**
 * The clients (client.list), archived ones on demand, and "New client" (a dialog with the
 * contacts and addresses) for the roles that may run client.create. A new client opens at once.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href, navigate } from '../shell/route';
import { ClientForm } from './client_form';

export function ClientsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useLoaded(() => core.query('client.list', { include_archived: archived }), [core, archived]);
  const items = list.data?.items ?? null;
  return (
    <section class="screen" aria-labelledby="clients-title" data-testid="clients-screen">
      <div class="screen__head">
        <h2 id="clients-title" class="screen__title">
          {t('projects.clients.title')}
        </h2>
        {can('client.create') && (
          <button type="button" class="button button--primary" onClick={() => setCreating(true)} data-testid="client-new">
            {t('projects.clients.new')}
          </button>
        )}
      </div>
      <section class="card" aria-labelledby="clients-list-title">
        <h3 id="clients-list-title" class="card__title">
          {t('projects.clients.list')}
          {items !== null && <span class="card__count">{items.length}</span>}
        </h3>
        <label class="check">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="clients-archived" />
          {t('projects.show_archived')}
        </label>
        {list.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'projects', list.error)}</p>}
        {items === null && list.error === null && <p class="list__message">{t('projects.loading')}</p>}
        {items !== null && items.length === 0 && <p class="list__message">{t('projects.clients.empty')}</p>}
        <ul class="list" data-testid="client-list">
          {(items ?? []).map((c) => (
            <li key={c.id} class={`list__item${c.archived ? ' list__item--archived' : ''}`} data-testid="client-row" data-name={c.name}>
              <a class="projects__link" href={href('projects', 'client', c.id)}>
                <span class="list__name">{c.name}</span>
                {c.contacts.length > 0 && (
                  <span class="projects__sub">
                    {c.contacts
                      .slice(0, 2)
                      .map((p) => p.name)
                      .join(', ')}
                  </span>
                )}
              </a>
              {c.archived && <span class="badge">{t('projects.archived')}</span>}
            </li>
          ))}
        </ul>
      </section>
      {creating && (
        <ClientForm
          client={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate('projects', 'client', id);
          }}
        />
      )}
    </section>
  );
}
