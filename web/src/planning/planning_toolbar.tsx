/**
 * The planning calendar's controls: previous / today / next, the period shown, the view
 * (month, week, day, technicians, teams) and the filters (team, site, type). Our own buttons
 * (not the library's toolbar) so that texts come from our catalogs and targets are 44 px.
 */
import { useI18n } from '../i18n/i18n';
import { kTypes, type TaskType } from '../orders/contract';
import { typeLabel } from '../orders/orders_core';
import { kViews, type PlanningView } from './planning_core';

export interface PlanningFilters {
  team: string;
  site: string;
  type: TaskType | '';
}

interface Props {
  title: string;
  view: PlanningView;
  filters: PlanningFilters;
  teams: { id: string; name: string }[];
  sites: { id: string; name: string }[];
  onView(view: PlanningView): void;
  onFilters(filters: PlanningFilters): void;
  onStep(step: 'prev' | 'today' | 'next'): void;
}

export function PlanningToolbar({ title, view, filters, teams, sites, onView, onFilters, onStep }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="planning-toolbar">
      <div class="planning-toolbar__nav">
        <button type="button" class="button" onClick={() => onStep('prev')} aria-label={t('planning.prev')} data-testid="planning-prev">‹</button>
        <button type="button" class="button" onClick={() => onStep('today')} data-testid="planning-today">{t('planning.today')}</button>
        <button type="button" class="button" onClick={() => onStep('next')} aria-label={t('planning.next')} data-testid="planning-next">›</button>
        <h2 class="planning-toolbar__title" aria-live="polite" data-testid="planning-title">{title}</h2>
      </div>
      <div class="planning-toolbar__filters">
        <label class="field">
          <span class="field__label">{t('planning.view')}</span>
          <select class="field__input" value={view} onChange={(e) => onView(e.currentTarget.value as PlanningView)} data-testid="planning-view">
            {kViews.map((v) => (
              <option key={v} value={v}>{i18n.lookup(`planning.view.${v}`) ?? v}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('planning.team')}</span>
          <select class="field__input" value={filters.team} onChange={(e) => onFilters({ ...filters, team: e.currentTarget.value })} data-testid="planning-filter-team">
            <option value="">{t('planning.all')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>{team.name}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('planning.site')}</span>
          <select class="field__input" value={filters.site} onChange={(e) => onFilters({ ...filters, site: e.currentTarget.value })} data-testid="planning-filter-site">
            <option value="">{t('planning.all')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>{site.name}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('planning.type')}</span>
          <select class="field__input" value={filters.type} onChange={(e) => onFilters({ ...filters, type: e.currentTarget.value as TaskType | '' })} data-testid="planning-filter-type">
            <option value="">{t('planning.all')}</option>
            {kTypes.map((type) => (
              <option key={type} value={type}>{typeLabel(i18n, type)}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
