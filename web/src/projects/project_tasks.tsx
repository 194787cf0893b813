/** The work orders of a project (task.list with project_id): status, due date, estimate; each opens its page. */
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import type { ProjectTask } from './contract';
import { day } from './projects_core';

export function ProjectTasksSection({ tasks }: { tasks: ProjectTask[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="card" aria-labelledby="project-tasks-title" data-testid="project-tasks">
      <h3 id="project-tasks-title" class="card__title">
        {t('projects.tasks.title')}
        <span class="card__count">{tasks.length}</span>
      </h3>
      {tasks.length === 0 && <p class="list__message">{t('projects.tasks.empty')}</p>}
      <ul class="list">
        {tasks.map((task) => (
          <li key={task.id} class="list__item" data-testid="project-task-row">
            <a class="projects__link" href={href('work', task.id)}>
              <span class="list__name">{task.title}</span>
              <span class="projects__sub">
                {[task.due_date ? t('projects.tasks.due', { day: day(i18n, task.due_date) }) : '', t('projects.tasks.estimate', { hours: task.estimated_hours })]
                  .filter((x) => x)
                  .join(' · ')}
              </span>
            </a>
            <span class={`work-status work-status--${task.status}`}>{i18n.lookup(`work.status.${task.status}`) ?? task.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
