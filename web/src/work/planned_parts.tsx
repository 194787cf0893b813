/**
 * The parts the desk planned for this task (task.materials.planned): what, how many, from
 * where and how many remain to take, as the core gives them. "Take" fills the parts form
 * below (location, item, remaining quantity) when that location is one the user may take from;
 * the consumption itself is the form's task.consume.
 */
import { useI18n } from '../i18n/i18n';
import type { TaskMaterials } from './contract';

type Planned = TaskMaterials['planned'][number];

export function PlannedParts({ planned, canTake, onTake }: { planned: Planned[]; canTake: (line: Planned) => boolean; onTake: (line: Planned) => void }) {
  const { t } = useI18n();
  if (planned.length === 0) return null;
  return (
    <div class="work-planned" data-testid="work-planned">
      <h4 class="field__label">{t('work.parts.planned_title')}</h4>
      <ul class="work-rows">
        {planned.map((line) => (
          <li key={line.id} class="work-row work-row--line" data-testid="work-planned-line" data-item={line.item_id} data-remaining={line.remaining}>
            <span>
              <strong>{line.label}</strong> <span class="work-muted">{line.reference}</span>
              <br />
              <span class="work-muted">{t('work.parts.planned_line', { qty: line.qty, remaining: line.remaining, place: line.location })}</span>
            </span>
            {Number(line.remaining) > 0 && canTake(line) && (
              <button type="button" class="button" onClick={() => onTake(line)} aria-label={t('work.parts.planned_take_label', { label: line.label })} data-testid="work-planned-take">
                {t('work.parts.planned_take')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
