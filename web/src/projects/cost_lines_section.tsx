/**
 * A project's other cost lines (neither parts nor labour): the list from project.cost, "Add"
 * (project.add_cost), "Edit" in a dialog (project.update_cost) and "Remove"
 * (project.remove_cost, administrators only in the permission table). Amounts are typed in
 * euros (negative for a credit) and sent in cents.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { Dialog } from '../shell/dialog';
import type { CostLine } from './contract';
import { CostLineForm } from './cost_line_form';
import { day, money } from './projects_core';

export function CostLinesSection({ projectId, lines, onChanged }: { projectId: string; lines: CostLine[]; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const action = useAction('projects');
  const [editing, setEditing] = useState<CostLine | null>(null);
  const remove = (line: CostLine) => void action.run(() => core.mutate('project.remove_cost', { id: line.id })).then((ok) => ok && onChanged());
  return (
    <section class="card" aria-labelledby="project-costs-title" data-testid="project-cost-lines">
      <h3 id="project-costs-title" class="card__title">
        {t('projects.costs.title')}
        <span class="card__count">{lines.length}</span>
      </h3>
      {lines.length === 0 && <p class="list__message">{t('projects.costs.empty')}</p>}
      <ul class="list">
        {lines.map((line) => (
          <li key={line.id} class="list__item" data-testid="cost-line-row" data-label={line.label}>
            <span class="projects__grow">
              <span class="list__name">{line.label}</span>
              <span class="projects__sub">{[day(i18n, line.incurred_on), line.note].filter((x) => x).join(' · ')}</span>
            </span>
            <span class="projects__amount">{money(i18n, line.amount_cents)}</span>
            {(can('project.update_cost') || can('project.remove_cost')) && (
              <span class="projects__row-actions">
                {can('project.update_cost') && (
                  <button type="button" class="button button--secondary" aria-label={t('projects.costs.edit_named', { label: line.label })}
                    onClick={() => setEditing(line)} data-testid="cost-line-edit">{t('projects.edit')}</button>
                )}
                {can('project.remove_cost') && (
                  <button type="button" class="button button--secondary" aria-label={t('projects.costs.remove_named', { label: line.label })}
                    onClick={() => remove(line)} data-testid="cost-line-remove">{t('projects.remove')}</button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      <p class="field__error" role="alert">{action.message}</p>
      {can('project.add_cost') && <CostLineForm projectId={projectId} line={null} onSaved={onChanged} />}
      {editing !== null && (
        <Dialog title={t('projects.costs.edit_title', { label: editing.label })} onClose={() => setEditing(null)} testId="cost-line-dialog">
          <CostLineForm projectId={projectId} line={editing} onSaved={() => { setEditing(null); onChanged(); }} onCancel={() => setEditing(null)} />
        </Dialog>
      )}
    </section>
  );
}
