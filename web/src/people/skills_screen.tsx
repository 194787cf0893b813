/** The skills catalogue (skill.list): create (skill.create), rename (skill.update) and archive (skill.archive). */
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { NameForm } from './name_form';
import { RenameControl } from './rename_control';
import { useLoaded } from './use_loaded';

export function SkillsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const skills = useLoaded(() => core.query('skill.list', { include_archived: true }), [core]);
  const action = useAction('people');
  const items = skills.data?.items ?? null;

  return (
    <section class="screen" aria-labelledby="skills-title" data-testid="skills-screen">
      <h2 id="skills-title" class="screen__title">
        {t('people.skills.catalogue')}
      </h2>
      <div class="screen__columns">
        {can('skill.create') && (
          <NameForm
            idPrefix="skill"
            title={t('people.skills.new')}
            submit={t('people.skills.create')}
            create={(name, description) => core.mutate('skill.create', { id: newId(), name, description })}
            onCreated={skills.reload}
          />
        )}
        <section class="card" aria-labelledby="skills-list-title">
          <h3 id="skills-list-title" class="card__title">
            {t('people.skills.list')}
            {items !== null && <span class="card__count">{items.length}</span>}
          </h3>
          {skills.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'people', skills.error)}</p>}
          {items?.length === 0 && <p class="list__message">{t('people.skills.empty')}</p>}
          <ul class="list" data-testid="skill-list">
            {(items ?? []).map((s) => (
              <li key={s.id} class={`list__item${s.archived ? ' list__item--archived' : ''}`} data-testid="skill-row">
                <span>
                  <span class="list__name">{s.name}</span>
                  {s.description && <span class="people__sub">{s.description}</span>}
                </span>
                {s.archived && <span class="badge">{t('people.archived')}</span>}
                {can('skill.update') && (
                  <RenameControl idPrefix={`skill-${s.id}`} name={s.name}
                    save={(name) => core.mutate('skill.update', { id: s.id, name })} onSaved={skills.reload} />
                )}
                {can('skill.archive') && (
                  <button type="button" class="button button--secondary"
                    aria-label={`${s.archived ? t('people.unarchive') : t('people.archive')} — ${s.name}`}
                    onClick={() => void action.run(() => core.mutate('skill.archive', { id: s.id, archived: !s.archived })).then((ok) => ok && skills.reload())}>
                    {s.archived ? t('people.unarchive') : t('people.archive')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p class="field__error" role="alert">{action.message}</p>
        </section>
      </div>
    </section>
  );
}
