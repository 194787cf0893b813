/**
 * One project: its head (code, name, client, dates, status), the workflow, the budget against
 * the actual cost with the overrun warning (project.cost: every figure is the core's), its
 * tasks (task.list with project_id) and its other cost lines. Links to the printable cost report.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { CostLinesSection } from './cost_lines_section';
import { ProjectFiguresCard } from './project_figures';
import { ProjectForm } from './project_form';
import { ProjectStatusSection } from './project_status';
import { ProjectTasksSection } from './project_tasks';
import { day, projectStatusLabel } from './projects_core';

export function ProjectDetailScreen({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [editing, setEditing] = useState(false);
  const loaded = useLoaded(async () => {
    const [cost, list, tasks] = await Promise.all([
      core.query('project.cost', { id }),
      core.query('project.list', {}),
      core.query('task.list', { project_id: id, limit: 500 }),
    ]);
    return { cost, project: list.items.find((p) => p.id === id) ?? null, tasks: tasks.items };
  }, [core, id]);
  const back = (
    <a class="button button--secondary projects__back" href={href('projects')} data-testid="project-back">
      <span aria-hidden="true">←</span> {t('projects.projects.back')}
    </a>
  );
  const data = loaded.data;
  if (data === null || data.project === null) {
    return (
      <section class="screen" aria-labelledby="project-title">
        {back}
        <h2 id="project-title" class="screen__title">{t('projects.projects.title')}</h2>
        <p class={`list__message${loaded.error ? ' list__message--error' : ''}`} role={loaded.error ? 'alert' : undefined}>
          {loaded.error ? coreErrorMessage(i18n, 'projects', loaded.error) : t('projects.loading')}
        </p>
      </section>
    );
  }
  const { cost, project: p, tasks } = data;
  return (
    <section class="screen" aria-labelledby="project-title" data-testid="project-detail" data-code={p.code}>
      {back}
      <div class="screen__head">
        <div>
          <h2 id="project-title" class="screen__title">{p.code} — {p.name}</h2>
          <p class="projects__meta">
            <span class={`projects-status projects-status--${p.status}`} data-testid="project-status">{projectStatusLabel(i18n, p.status)}</span>
            {p.client_id !== null && <a class="projects__inline-link" href={href('projects', 'client', p.client_id)}>{p.client}</a>}
            {(p.start_date || p.end_date) && <span>{t('projects.dates', { start: day(i18n, p.start_date) || '…', end: day(i18n, p.end_date) || '…' })}</span>}
          </p>
        </div>
        <div class="projects__actions">
          {can('project.update') && (
            <button type="button" class="button button--primary" onClick={() => setEditing(true)} data-testid="project-edit">{t('projects.edit')}</button>
          )}
          <a class="button button--secondary" href={href('print', 'project', id)} data-testid="project-print">{t('projects.print_report')}</a>
        </div>
      </div>
      <div class="screen__columns">
        <div class="projects__stack">
          <ProjectFiguresCard figures={cost} />
          {can('project.set_status') && <ProjectStatusSection id={id} status={p.status} onChanged={loaded.reload} />}
        </div>
        <div class="projects__stack">
          <ProjectTasksSection tasks={tasks} />
          <CostLinesSection projectId={id} lines={cost.cost_lines} onChanged={loaded.reload} />
        </div>
      </div>
      {editing && <ProjectForm project={p} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); loaded.reload(); }} />}
    </section>
  );
}
