/**
 * One client (client.get): contacts, addresses and notes, its projects and its assets; "Edit"
 * (client.update) and "Archive"/"Restore" (client.archive) for the roles that may run them.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { ClientForm } from './client_form';
import { money, projectStatusLabel } from './projects_core';

export function ClientDetailScreen({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('projects');
  const [editing, setEditing] = useState(false);
  const loaded = useLoaded(() => core.query('client.get', { id }), [core, id]);
  const c = loaded.data;
  const back = (
    <a class="button button--secondary projects__back" href={href('projects', 'clients')} data-testid="client-back">
      <span aria-hidden="true">←</span> {t('projects.clients.back')}
    </a>
  );
  if (c === null) {
    return (
      <section class="screen" aria-labelledby="client-title">
        {back}
        <h2 id="client-title" class="screen__title">{t('projects.clients.title')}</h2>
        <p class={`list__message${loaded.error ? ' list__message--error' : ''}`} role={loaded.error ? 'alert' : undefined}>
          {loaded.error ? coreErrorMessage(i18n, 'projects', loaded.error) : t('projects.loading')}
        </p>
      </section>
    );
  }
  const archive = () => void action.run(() => core.mutate('client.archive', { id, archived: !c.archived })).then((ok) => ok && loaded.reload());
  return (
    <section class="screen" aria-labelledby="client-title" data-testid="client-detail" data-name={c.name}>
      {back}
      <div class="screen__head">
        <h2 id="client-title" class="screen__title">
          {c.name}
          {c.archived && <span class="badge projects__title-badge">{t('projects.archived')}</span>}
        </h2>
        <div class="projects__actions">
          {can('client.update') && (
            <button type="button" class="button button--primary" onClick={() => setEditing(true)} data-testid="client-edit">
              {t('projects.edit')}
            </button>
          )}
          {can('client.archive') && (
            <button type="button" class="button button--secondary" onClick={archive} data-testid="client-archive">
              {c.archived ? t('projects.unarchive') : t('projects.archive')}
            </button>
          )}
        </div>
      </div>
      <p class="field__error" role="alert">{action.message}</p>
      <div class="screen__columns">
        <section class="card" aria-labelledby="client-contacts-title">
          <h3 id="client-contacts-title" class="card__title">{t('projects.contacts.title')}</h3>
          {c.contacts.length === 0 && <p class="list__message">{t('projects.rows.none')}</p>}
          <ul class="list" data-testid="client-contact-list">
            {c.contacts.map((p, i) => (
              <li key={i} class="list__item projects__stacked" data-testid="client-contact-row">
                <span class="list__name">{p.name}</span>
                <span class="projects__sub">{[p.role, p.email, p.phone].filter((x) => x).join(' · ')}</span>
              </li>
            ))}
          </ul>
          <h3 class="card__title projects__subtitle">{t('projects.addresses.title')}</h3>
          {c.addresses.length === 0 && <p class="list__message">{t('projects.rows.none')}</p>}
          <ul class="list">
            {c.addresses.map((a, i) => (
              <li key={i} class="list__item projects__stacked">
                <span class="list__name">{a.label}</span>
                <span class="projects__sub projects__pre">{a.text}</span>
              </li>
            ))}
          </ul>
          {c.notes && <p class="projects__pre">{c.notes}</p>}
        </section>
        <div class="projects__stack">
          <section class="card" aria-labelledby="client-projects-title">
            <h3 id="client-projects-title" class="card__title">
              {t('projects.projects.list')}
              <span class="card__count">{c.projects.length}</span>
            </h3>
            {c.projects.length === 0 && <p class="list__message">{t('projects.projects.empty')}</p>}
            <ul class="list" data-testid="client-project-list">
              {c.projects.map((p) => (
                <li key={p.id} class="list__item">
                  <a class="projects__link" href={href('projects', p.id)}>
                    <span class="list__name">{p.code} — {p.name}</span>
                    <span class="projects__sub">{t('projects.budget_of', { amount: money(i18n, p.budget_cents) })}</span>
                  </a>
                  <span class={`projects-status projects-status--${p.status}`}>{projectStatusLabel(i18n, p.status)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="client-assets-title">
            <h3 id="client-assets-title" class="card__title">
              {t('projects.assets.title')}
              <span class="card__count">{c.assets.length}</span>
            </h3>
            {c.assets.length === 0 && <p class="list__message">{t('projects.assets.empty')}</p>}
            <ul class="list">
              {c.assets.map((a) => (
                <li key={a.id} class="list__item projects__stacked">
                  <span class="list__name">{a.name}</span>
                  <span class="projects__sub">{i18n.lookup(`projects.asset_kind.${a.kind}`) ?? a.kind}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      {editing && (
        <ClientForm client={c} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); loaded.reload(); }} />
      )}
    </section>
  );
}
