/**
 * The projects with their status and cost against budget (project.costs, joined by id with
 * project.list for the client and dates), filtered by status; "New project" for the roles that
 * may run project.create. Every figure is the core's; an overrun is the core's "over_budget".
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href, navigate } from '../shell/route';
import { kProjectStatuses, type ProjectStatus } from './contract';
import { ProjectForm } from './project_form';
import { day, money, projectStatusLabel } from './projects_core';

export function ProjectsScreen() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const loaded = useLoaded(async () => {
    const filter = status === '' ? {} : { status };
    const [costs, list] = await Promise.all([core.query('project.costs', filter), core.query('project.list', filter)]);
    const byId = new Map(list.items.map((p) => [p.id, p]));
    return costs.items.map((figures) => ({ figures, project: byId.get(figures.project_id) }));
  }, [core, status]);
  const rows = loaded.data;
  return (
    <section class="screen" aria-labelledby="projects-title" data-testid="projects-screen">
      <div class="screen__head">
        <h2 id="projects-title" class="screen__title">{t('projects.projects.title')}</h2>
        {can('project.create') && (
          <button type="button" class="button button--primary" onClick={() => setCreating(true)} data-testid="project-new">
            {t('projects.projects.new')}
          </button>
        )}
      </div>
      <section class="card" aria-labelledby="projects-list-title">
        <h3 id="projects-list-title" class="card__title">
          {t('projects.projects.list')}
          {rows !== null && <span class="card__count">{rows.length}</span>}
        </h3>
        <div class="field projects__filter">
          <label class="field__label" for="projects-status-filter">{t('projects.field.status')}</label>
          <select id="projects-status-filter" class="field__input" value={status} onChange={(e) => setStatus(e.currentTarget.value as ProjectStatus | '')} data-testid="projects-status-filter">
            <option value="">{t('projects.status.all')}</option>
            {kProjectStatuses.map((s) => <option key={s} value={s}>{projectStatusLabel(i18n, s)}</option>)}
          </select>
        </div>
        {loaded.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'projects', loaded.error)}</p>}
        {rows === null && loaded.error === null && <p class="list__message">{t('projects.loading')}</p>}
        {rows !== null && rows.length === 0 && <p class="list__message">{t('projects.projects.empty')}</p>}
        <ul class="list" data-testid="project-list">
          {(rows ?? []).map(({ figures: f, project: p }) => {
            const over = f.alerts.includes('over_budget');
            return (
              <li key={f.project_id} class="list__item projects__project-row" data-testid="project-row" data-code={f.code} data-over={over ? 'true' : 'false'}>
                <a class="projects__link" href={href('projects', f.project_id)}>
                  <span class="list__name">{f.code} — {f.name}</span>
                  <span class="projects__sub">
                    {[p?.client, p?.start_date ? `${day(i18n, p.start_date)} → ${day(i18n, p.end_date)}` : ''].filter((x) => x).join(' · ')}
                  </span>
                </a>
                <span class={`projects-status projects-status--${f.status}`}>{projectStatusLabel(i18n, f.status)}</span>
                <span class={`projects__money${over ? ' projects__money--over' : ''}`}>
                  {f.budget_cents > 0
                    ? t('projects.cost_of_budget', { cost: money(i18n, f.cost_cents), budget: money(i18n, f.budget_cents) })
                    : t('projects.cost_no_budget', { cost: money(i18n, f.cost_cents) })}
                  {over && <strong class="projects__over-badge">{t('projects.alert.over_budget_short')}</strong>}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      {creating && (
        <ProjectForm project={null} onClose={() => setCreating(false)} onSaved={(id) => { setCreating(false); navigate('projects', id); }} />
      )}
    </section>
  );
}
