/**
 * The budget against the actual cost of a project, exactly as project.cost gives it:
 * materials, labour (time × dated rates), other cost lines, total, share of budget used,
 * progress and forecast; the overrun warnings are the core's alerts, and time entries with no
 * rate in effect are pointed out (they cost 0 until a rate is set).
 */
import { useI18n } from '../i18n/i18n';
import type { ProjectFigures } from './contract';
import { decimal, money } from './projects_core';

export function ProjectFiguresCard({ figures: f, testId = 'project-figures' }: { figures: ProjectFigures; testId?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const over = f.alerts.includes('over_budget');
  const forecastOver = f.alerts.includes('forecast_over_budget');
  const row = (key: string, label: string, value: string, strong = false) => (
    <div class={`projects__figure${strong ? ' projects__figure--total' : ''}`} data-testid={`figure-${key}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section class="card" aria-labelledby="project-figures-title" data-testid={testId} data-over={over ? 'true' : 'false'}>
      <h3 id="project-figures-title" class="card__title">{t('projects.figures.title')}</h3>
      {over && (
        <p class="projects__alert" role="alert" data-testid="project-overrun">
          {t('projects.alert.over_budget', { amount: money(i18n, f.cost_cents - f.budget_cents) })}
        </p>
      )}
      {!over && forecastOver && (
        <p class="projects__alert projects__alert--soft" data-testid="project-forecast-overrun">{t('projects.alert.forecast_over_budget')}</p>
      )}
      <dl class="projects__figures">
        {row('budget', t('projects.figures.budget'), f.budget_cents > 0 ? money(i18n, f.budget_cents) : t('projects.figures.no_budget'))}
        {row('materials', t('projects.figures.materials'), money(i18n, f.materials_cents))}
        {row('labour', t('projects.figures.labour'), money(i18n, f.labour_cents))}
        {row('other', t('projects.figures.other'), money(i18n, f.other_cents))}
        {row('cost', t('projects.figures.cost'), money(i18n, f.cost_cents), true)}
        {f.consumed_pct !== null && row('consumed', t('projects.figures.consumed'), `${decimal(i18n, f.consumed_pct)} %`)}
        {row('hours', t('projects.figures.hours'), t('projects.figures.hours_value', { logged: decimal(i18n, f.logged_hours), estimated: decimal(i18n, f.estimated_hours) }))}
        {f.progress_pct !== null && row('progress', t('projects.figures.progress'), `${decimal(i18n, f.progress_pct)} %`)}
        {f.forecast_cents !== null && row('forecast', t('projects.figures.forecast'), money(i18n, f.forecast_cents))}
      </dl>
      {f.missing_rates.length > 0 && (
        <p class="projects__sub" data-testid="project-missing-rates">{t('projects.figures.missing_rates', { n: f.missing_rates.length })}</p>
      )}
    </section>
  );
}
