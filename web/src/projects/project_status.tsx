/**
 * Changing a project's status (project.set_status). The core has no query listing the allowed
 * project transitions, so every other status is offered and the core's refusal (for example
 * "done" while tasks are open) is shown as it gives it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { kProjectStatuses, type ProjectStatus } from './contract';
import { projectStatusLabel } from './projects_core';

export function ProjectStatusSection({ id, status, onChanged }: { id: string; status: ProjectStatus; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('projects');
  const others = kProjectStatuses.filter((s) => s !== status);
  const [next, setNext] = useState<ProjectStatus>(others[0] ?? 'active');
  const chosen = others.includes(next) ? next : (others[0] ?? 'active');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (await action.run(() => core.mutate('project.set_status', { id, status: chosen }))) onChanged();
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="project-status-title" data-testid="project-status-form">
      <h3 id="project-status-title" class="card__title">{t('projects.workflow.title')}</h3>
      <div class="projects__inline">
        <div class="field">
          <label class="field__label" for="project-next-status">{t('projects.workflow.to')}</label>
          <select id="project-next-status" class="field__input" value={chosen} onChange={(e) => setNext(e.currentTarget.value as ProjectStatus)} data-testid="project-next-status">
            {others.map((s) => <option key={s} value={s}>{projectStatusLabel(i18n, s)}</option>)}
          </select>
        </div>
        <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="project-set-status">
          {t('projects.workflow.change')}
        </button>
      </div>
      <p class="field__error" role="alert" data-testid="project-status-error">
        {action.message}
        {action.error?.code === 'failed_precondition' && (
          <span class="projects__sub" lang="en">{`${t('projects.error.detail')} ${action.error.message}`}</span>
        )}
      </p>
    </form>
  );
}
