/**
 * The work orders behind a "+n" event of a crowded day cell (planning_core.ts groupCrowded):
 * one button per work order, in the cell's order, opening the same dialog as a click on an
 * event (dates, technician or team, link to the order). Keyboard and touch friendly.
 */
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';
import type { PlanningTask } from './contract';

interface Props {
  day: string;
  tasks: PlanningTask[];
  onPick(task: PlanningTask): void;
  onClose(): void;
}

export function MoreDialog({ day, tasks, onPick, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const date = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00`));
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <Dialog title={t('planning.more_title', { day: date })} onClose={onClose} testId="planning-more-dialog">
      <ul class="planning-more-list">
        {tasks.map((task, i) => (
          <li key={task.id}>
            <button type="button" class="button planning-more-list__item" onClick={() => onPick(task)} data-testid="planning-more-item" data-autofocus={i === 0 ? true : undefined}>
              {task.planned_start !== null && <span class="planning-more-list__time">{time.format(new Date(task.planned_start))}</span>}
              <span data-testid="planning-more-title">{task.title}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="dialog__actions">
        <button type="button" class="button" onClick={onClose} data-testid="planning-more-close">{t('planning.close')}</button>
      </div>
    </Dialog>
  );
}
