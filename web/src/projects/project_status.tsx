/**
 * Changing a project's status (project.set_status). Only the statuses the core's workflow
 * allows from the current one are offered (project.transitions); a refusal that depends on
 * the project (for example "done" while tasks are open) is shown as the core gives it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import type { ProjectStatus } from './contract';
import { projectStatusLabel } from './projects_core';

export function ProjectStatusSection({ id, status, onChanged }: { id: string; status: ProjectStatus; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('projects');
  const allowed = useLoaded(() => core.query('project.transitions', { id }), [core, id, status]);
  const others = allowed.data?.status === status ? allowed.data.to : [];
  const [next, setNext] = useState<ProjectStatus>('active');
  const chosen = others.includes(next) ? next : (others[0] ?? 'active');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (await action.run(() => core.mutate('project.set_status', { id, status: chosen }))) onChanged();
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="project-status-title" data-testid="project-status-form">
      <h3 id="project-status-title" class="card__title">{t('projects.workflow.title')}</h3>
      {allowed.data !== null && others.length === 0 && <p class="field__hint" data-testid="project-status-final">{t('projects.workflow.final')}</p>}
      {others.length > 0 && <div class="projects__inline">
        <div class="field">
          <label class="field__label" for="project-next-status">{t('projects.workflow.to')}</label>
          <select id="project-next-status" class="field__input" value={chosen} onChange={(e) => setNext(e.currentTarget.value as ProjectStatus)} data-testid="project-next-status">
            {others.map((s) => <option key={s} value={s}>{projectStatusLabel(i18n, s)}</option>)}
          </select>
        </div>
        <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="project-set-status">
          {t('projects.workflow.change')}
        </button>
      </div>}
      <p class="field__error" role="alert" data-testid="project-status-error">
        {action.message}
        {action.error?.code === 'failed_precondition' && (
          <span class="projects__sub" lang="en">{`${t('projects.error.detail')} ${action.error.message}`}</span>
        )}
      </p>
    </form>
  );
}
